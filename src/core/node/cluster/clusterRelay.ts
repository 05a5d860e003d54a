import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Hocuspocus } from '@hocuspocus/server'
import IORedis from 'ioredis'
import { removeAwarenessStates } from 'y-protocols/awareness'
import { syncServerUrl, type RelayAuthResult, type RelayLimits } from '../relay'
import {
  AdminToken,
  hostedRequestHandler,
  routeSyncUpgrades,
  type HostedBackend,
} from '../server/hostedFront'
import { createHttpServer } from '../server/http'
import { AssetRoutes } from '../server/assetRoutes'
import {
  DEFAULT_MAX_DEVICES_PER_LINK,
  digestOf,
  exchangeStep,
  grantAuth,
  newParticipantId,
  newToken,
  newTokenId,
  sameToken,
  type IssuedToken,
  type TokenGrant,
} from '../server/tokens'
import { assetTypeOf, checkAsset } from '../storage/sessionAssets'
import type { GuestJoinRequest, GuestJoinResponse } from '../../../shared/api/guestJoin'
import { ClusterBudget } from './clusterBudget'
import { ClusterModeration } from './clusterModeration'
import { ControlChannel, type ControlMessage } from './controlChannel'
import { CoproRedis } from './coproRedis'
import { ClusterStore } from './pgStore'
import { PostgresLog } from './postgresLog'
import { SessionRules } from './sessionRules'
import { DurableAcks } from '../relay/durableAcks'
import type { RelayConnection } from '../relay/connection'
import { SyncAdapter } from './syncAdapter'

export interface ClusterRelayOptions {
  /** redis://HOST:PORT — shared by every node of the cluster. */
  redisUrl: string
  /** postgres://USER@HOST:PORT/DB — shared by every node; the schema is created on first start. */
  databaseUrl: string
  host?: string
  port: number
  tls?: { cert: string | Buffer; key: string | Buffer }
  /** The admin token, the same on every node (≥ 22 URL-safe characters); a fresh one when absent. */
  adminToken?: string
  rendererDir?: string | null
  limits?: Partial<RelayLimits>
  /** Updates wait at most this long before their batch is written (ms). Default 50. */
  batchMs?: number
  /** Log rows after which a session is compacted into its snapshot. Default 500. */
  compactAfterRows?: number
  /** How often live connections' tokens and sessions are re-checked in the database (ms). Default 5000. */
  recheckMs?: number
  /** Personal (device) tokens one shared link may be exchanged for (tokens.ts default 500). */
  maxDevicesPerLink?: number
  /** A dead node's connections stop counting in the cluster's connection budgets after this (ms). Default 15 000. */
  budgetTtlMs?: number
  /** A name for this node in Redis and logs; random when absent. */
  nodeId?: string
  log?: (message: string) => void
}

export interface ClusterRelay {
  url: string
  origin: string
  port: number
  adminToken: string
  nodeId: string
  store: ClusterStore
  adapter: SyncAdapter
  hocuspocus: Hocuspocus
  close(): Promise<void>
}

/**
 * `copro relay --redis … --database …`: one node of a cluster. Hocuspocus holds the documents and the
 * Redis extension keeps nodes that hold the same session in step; PostgreSQL keeps sessions, token
 * digests and each session's update log. The public surface — /sync for stock y-websocket clients,
 * /admin/*, /api/guest/session — is that of the hosted relay (docs/deployment/relay.md), on every node.
 * See docs/deployment/cluster.md and docs/adr/0020-cluster-engine.md.
 */
export async function startClusterRelay(opts: ClusterRelayOptions): Promise<ClusterRelay> {
  const log = opts.log ?? (() => {})
  const warn = (m: string, err?: unknown) => log(err === undefined ? m : `${m}: ${String(err)}`)
  const adminToken = opts.adminToken === undefined ? newToken() : AdminToken.parse(opts.adminToken)
  const nodeId = opts.nodeId ?? `node-${randomUUID().slice(0, 8)}`
  // "Saved" means committed in PostgreSQL: clients that ask are told when (relay/durableAcks.ts).
  let store: ClusterStore | null = null
  const acks = new DurableAcks<RelayConnection>({ flush: () => store?.flush() ?? Promise.resolve() })
  store = await ClusterStore.open({
    connectionString: opts.databaseUrl,
    batchMs: opts.batchMs,
    compactAfterRows: opts.compactAfterRows,
    onWarning: warn,
    onSaveState: (s) => {
      if (s.state === 'error') acks.storeFailing(null, s.reason)
      else if (s.state === 'saved') acks.storeRecovered(null)
    },
  })
  const prefix = 'copro'
  const redisOptions = { maxRetriesPerRequest: 3, enableOfflineQueue: true }
  const redisClient = () => {
    const c = new IORedis(opts.redisUrl, redisOptions)
    let down = false
    c.on('error', (err: Error) => {
      if (!down) warn(`cluster: Redis unavailable (${nodeId})`, err.message)
      down = true
    })
    c.on('ready', () => {
      if (down) log(`cluster: Redis is back (${nodeId})`)
      down = false
    })
    return c
  }
  const budgetRedis = redisClient()
  const budget = new ClusterBudget({
    redis: budgetRedis,
    nodeId,
    prefix,
    ttlMs: opts.budgetTtlMs,
    warn,
    log,
  })

  const authorize = async (sessionId: string, token: string | null): Promise<RelayAuthResult | null> => {
    if (sameToken(token, adminToken)) {
      await store.publish(sessionId)
      return { sessionRole: 'facilitator', tokenId: 'admin' }
    }
    if (token === null || token.length > 512) return null
    const grant = await grantOf(sessionId, token)
    return grant ? grantAuth(grant) : null
  }
  /** A guest token's grant, only for its own session (tokens.ts guestGrant, on PostgreSQL). */
  const grantOf = async (sessionId: string, token: string | null | undefined): Promise<TokenGrant | null> => {
    if (typeof token !== 'string' || token.length === 0 || token.length > 512) return null
    const grant = await store.tokens.tokenByDigest(digestOf(token).toString('hex'), Date.now())
    return grant && grant.sessionId === sessionId ? grant : null
  }
  /** The join exchange (tokens.ts exchangeStep, the rule the laptop relay follows), tokens in PostgreSQL. */
  const joinDevice = async (req: GuestJoinRequest): Promise<GuestJoinResponse | null> => {
    const session = await store.getSession(req.sessionId)
    if (!session) return null
    const step = exchangeStep(
      await grantOf(req.sessionId, req.token),
      req.deviceToken ? await grantOf(req.sessionId, req.deviceToken) : null,
      req,
    )
    let issued: IssuedToken | null = null
    if (step.kind === 'keep') issued = step.issued
    if (step.kind === 'issue') {
      const token = newToken()
      const grant = {
        tokenId: newTokenId(),
        role: step.link.role,
        sessionId: step.link.sessionId,
        expiresAt: step.link.expiresAt,
        participantId: step.participantId ?? newParticipantId(),
        linkId: step.link.tokenId,
      }
      const ok = await store.tokens.insertDeviceToken(
        { ...grant, digest: digestOf(token).toString('hex') },
        opts.maxDevicesPerLink ?? DEFAULT_MAX_DEVICES_PER_LINK,
      )
      issued = ok ? { ...grant, token } : null
    }
    if (!issued || issued.participantId === undefined) return null
    return {
      sessionId: req.sessionId,
      title: session.title ?? `Published session ${req.sessionId}`,
      role: issued.role,
      participantId: issued.participantId,
      deviceToken: issued.token,
    }
  }

  const adapter = new SyncAdapter({
    authorize,
    exists: (id) => store.sessionExists(id),
    limits: opts.limits,
    acks,
    budget,
    onWarning: warn,
  })
  const redis = new CoproRedis(
    { createClient: redisClient, prefix, identifier: nodeId },
    (sessionId, removed) => broadcast({ type: 'awareness-removed', from: nodeId, sessionId, removed }),
  )
  // Held cards (ADR 0047): inboxes in PostgreSQL, each change told to every node on the control channel.
  const moderation = new ClusterModeration(store, (m) => broadcast(m), warn)
  const rules = new SessionRules(adapter.limits, (document) => moderation.isModerated(document))
  const hocuspocus = new Hocuspocus({
    name: nodeId,
    quiet: true,
    // The adapter's own keep-alive pings replace Hocuspocus's idle timeout (an observer sends nothing).
    timeout: 24 * 3600 * 1000,
    // Broadcast each update as it is applied, so the adapter can recognise a client's own echo.
    flushDelay: false,
    unloadImmediately: true,
    extensions: [adapter, rules, moderation, new PostgresLog(store), redis],
  })
  adapter.attach(hocuspocus)
  moderation.attach(hocuspocus)

  const onControl = (m: ControlMessage) => {
    if (m.type === 'revoke') for (const id of m.tokenIds) adapter.revokeToken(id)
    if (m.type === 'close-session') adapter.closeSession(m.sessionId)
    if (m.type === 'moderation') moderation.onNotice(m)
    if (m.type === 'awareness-removed' && m.from !== nodeId) {
      const doc = hocuspocus.documents.get(m.sessionId)
      if (!doc || doc.isDestroyed) return
      // Only states no newer than the removal: a client that moved to this node keeps its presence.
      const ids = m.removed
        .filter(
          (r) => doc.awareness.states.has(r.id) && (doc.awareness.meta.get(r.id)?.clock ?? 0) <= r.clock,
        )
        .map((r) => r.id)
      if (ids.length > 0) removeAwarenessStates(doc.awareness, ids, { source: 'redis' })
    }
  }
  const control = new ControlChannel(redisClient(), redisClient(), prefix, onControl, warn)
  const broadcast = (m: ControlMessage) => control.broadcast(m)

  // Revocations sent while Redis was down, expiries, deleted sessions: re-checked in the database.
  let rechecking = false
  const recheck = setInterval(() => {
    if (rechecking) return
    rechecking = true
    void (async () => {
      const ids = adapter.liveTokenIds()
      const live = await store.tokens.liveTokenIds(ids, Date.now())
      for (const id of ids) if (!live.has(id)) adapter.revokeToken(id)
      for (const sid of adapter.liveSessionIds())
        if (!(await store.sessionExists(sid))) adapter.closeSession(sid)
      await moderation.recheck()
    })()
      .catch((err: unknown) => warn('cluster: token re-check failed', err))
      .finally(() => {
        rechecking = false
      })
  }, opts.recheckMs ?? 5000)
  recheck.unref()

  /** Images of published sessions, in PostgreSQL so every node serves them (ADR 0020, amendment 2). */
  const assetRoutes = new AssetRoutes({
    authority: { ownerToken: adminToken, ownerTokenId: 'admin', grants: { verify: () => null } },
    authorize,
    assets: {
      put: async (sessionId, bytes) => {
        const checked = checkAsset(bytes)
        if (!checked.ok) return checked
        return (await store.assets.put(sessionId, checked.assetId, checked.type, bytes)) ? checked : null
      },
      get: async (sessionId, assetId) => {
        const type = assetTypeOf(assetId)
        const found = type ? await store.assets.get(sessionId, assetId) : null
        return found && type ? { bytes: found.bytes, type } : null
      },
    },
  })

  const backend: HostedBackend = {
    isAdmin: (token) => sameToken(token, adminToken),
    listSessions: async () =>
      // connections on every node (the budgets' records in Redis); this node's own while Redis cannot say
      Promise.all(
        (await store.listSessions()).map(async (s) => ({
          sessionId: s.sessionId,
          title: s.title,
          connections:
            (await budget.connections(s.sessionId)) ?? adapter.sessionInfo(s.sessionId).connections,
          tokens: s.tokens,
        })),
      ),
    publish: async (sessionId, title) => {
      const s = await store.publish(sessionId, title)
      return { sessionId: s.sessionId, title: s.title }
    },
    sessionExists: (sessionId) => store.sessionExists(sessionId),
    mintToken: async (sessionId, role, ttlMs) => {
      const token = newToken()
      const tokenId = newTokenId()
      const expiresAt = ttlMs === null ? null : Date.now() + ttlMs
      await store.tokens.insertToken({
        tokenId,
        sessionId,
        role,
        expiresAt,
        digest: digestOf(token).toString('hex'),
      })
      return { token, tokenId, expiresAt }
    },
    revokeToken: async (tokenId) => {
      // the link's devices' personal tokens go with it
      const ids = await store.tokens.revokeToken(tokenId)
      if (ids.length === 0) return false
      broadcast({ type: 'revoke', tokenIds: ids })
      return true
    },
    revokeSessionTokens: async (sessionId) => {
      const ids = await store.tokens.revokeSessionTokens(sessionId)
      if (ids.length > 0) broadcast({ type: 'revoke', tokenIds: ids })
      return ids.length
    },
    deleteSession: async (sessionId) => {
      const { deleted, tokenIds } = await store.deleteSession(sessionId)
      if (!deleted) return { deleted: false, revoked: 0 }
      if (tokenIds.length > 0) broadcast({ type: 'revoke', tokenIds })
      broadcast({ type: 'close-session', sessionId })
      return { deleted: true, revoked: tokenIds.length }
    },
    guestSession: async (token) => {
      const grant = token
        ? await store.tokens.tokenByDigest(digestOf(token).toString('hex'), Date.now())
        : null
      const s = grant ? await store.getSession(grant.sessionId) : null
      if (!grant || !s) return null
      return {
        sessionId: grant.sessionId,
        title: s.title ?? `Published session ${s.sessionId}`,
        role: grant.role,
      }
    },
    joinDevice,
    routes: (req, res, url) => assetRoutes.handle(req, res, url, 'main'),
  }

  const handler = hostedRequestHandler(backend, { rendererDir: opts.rendererDir, log })
  const server = createHttpServer(handler, { tls: opts.tls })
  routeSyncUpgrades(server, (req, socket, head) => adapter.handleUpgrade(req, socket, head))

  let closing: Promise<void> | null = null
  const shutdown = async () => {
    clearInterval(recheck)
    acks.dispose()
    await adapter.close()
    await budget.close()
    budgetRedis.disconnect(false)
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    // Documents unload as their last connection goes (after the Redis extension's 1 s grace); wait for
    // that, then for the log to be written.
    const deadline = Date.now() + 10_000
    while (hocuspocus.documents.size + hocuspocus.loadingDocuments.size > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    await Promise.allSettled([...hocuspocus.unloadingDocuments.values()])
    await store.flush().catch(() => {})
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => {})
    control.close()
    await store.close()
  }
  const host = opts.host ?? '127.0.0.1'
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(opts.port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (err) {
    await shutdown()
    throw err
  }
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  log(`cluster: node ${nodeId} serving on port ${port}`)
  return {
    url: syncServerUrl(urlHost, port, !!opts.tls),
    origin: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    adminToken,
    nodeId,
    store,
    adapter,
    hocuspocus,
    close() {
      closing ??= shutdown()
      return closing
    },
  }
}
