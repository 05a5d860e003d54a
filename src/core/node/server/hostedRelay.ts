import { moderationFiles } from '../storage/moderationFile'
import { Relay, syncServerUrl, type RelayAuthResult, type RelayLimits, type RoomPersistence } from '../relay'
import { SessionStore } from '../storage/sessionStore'
import { AdminToken, hostedRequestHandler, routeSyncUpgrades, type HostedBackend } from './hostedFront'
import { loadRelayState, RelayStateWriter } from './hostedRelayState'
import { closeServer, createHttpServer, hostForUrl, listen, type HttpTimeouts } from './http'
import { AssetRoutes } from './assetRoutes'
import { getAsset, putAsset } from '../storage/sessionAssets'
import {
  authorizeToken,
  exchangeForDevice,
  isOwnerToken,
  newToken,
  TokenRegistry,
  type TokenAuthority,
} from './tokens'

export interface HostedRelayOptions {
  /** Durable data folder (a session store plus relay.json); locked while the relay runs. */
  dataDir: string
  /** Interface to bind; 127.0.0.1 by default (put a reverse proxy in front, or pass 0.0.0.0). */
  host?: string
  port: number
  /** PEM certificate and key: serve https/wss. */
  tls?: { cert: string | Buffer; key: string | Buffer }
  /** The admin token (≥ 22 URL-safe characters); a fresh 192-bit one when absent. */
  adminToken?: string
  /** A built renderer to serve, so guests' join links can open the app from the relay itself. */
  rendererDir?: string | null
  appVersion?: string
  limits?: Partial<RelayLimits>
  /** Connection timeouts (http.ts HTTP_TIMEOUTS by default; tests shorten them). */
  httpTimeouts?: Partial<HttpTimeouts>
  log?: (message: string) => void
}

export interface HostedRelay {
  /** serverUrl for y-websocket, e.g. wss://127.0.0.1:4455/sync */
  url: string
  /** http(s)://HOST:PORT */
  origin: string
  port: number
  adminToken: string
  relay: Relay
  close(): Promise<void>
}

/**
 * `copro relay`: a hosted y-websocket relay for remote participants, with durable storage.
 * Sessions are *published* by the facilitator's app connecting with the admin token (a session id it
 * has never seen is created on that first connection); guests join with participant / observer tokens
 * minted through `POST /admin/tokens`. Tokens are kept as digests in relay.json, so links survive a
 * restart until revoked or expired. See docs/deployment/relay.md.
 */
export async function startHostedRelay(opts: HostedRelayOptions): Promise<HostedRelay> {
  const log = opts.log ?? (() => {})
  const adminToken = opts.adminToken === undefined ? newToken() : AdminToken.parse(opts.adminToken)
  const store = await SessionStore.open(opts.dataDir, { appVersion: opts.appVersion })
  let state
  try {
    state = await loadRelayState(opts.dataDir)
  } catch (err) {
    await store.shutdown()
    throw err
  }
  const aliases = new Map<string, string>(Object.entries(state.sessions))
  const writer = new RelayStateWriter(opts.dataDir, (err) =>
    log(`relay: could not save relay.json: ${String(err)}`),
  )
  const save = () =>
    writer.save(() => ({
      formatVersion: 1,
      sessions: Object.fromEntries(aliases),
      tokens: tokens.snapshot(),
    }))
  let relay: Relay | null = null
  const tokens = new TokenRegistry({
    onInvalidated: (g) => relay?.revokeToken(g.tokenId),
    onChange: () => void save(),
  })
  tokens.restore(state.tokens)

  const publishing = new Map<string, Promise<string>>()
  /** The store id of a published session, creating it on first publication. */
  const publish = (sessionId: string, title?: string): Promise<string> => {
    const prior = publishing.get(sessionId) ?? Promise.resolve('')
    const next = prior
      .catch(() => '')
      .then(async () => {
        const known = aliases.get(sessionId)
        if (known && (await store.exists(known))) {
          if (title && store.get(known)?.title !== title) await store.rename(known, title)
          return known
        }
        const created = await store.create({ title: title ?? `Published session ${sessionId}` })
        aliases.set(sessionId, created.id)
        await save()
        log(`relay: published session ${sessionId}`)
        return created.id
      })
    publishing.set(sessionId, next)
    void next
      .finally(() => publishing.get(sessionId) === next && publishing.delete(sessionId))
      .catch(() => {})
    return next
  }

  const persistence: RoomPersistence = {
    exists: async (id) => {
      const sid = aliases.get(id)
      return sid !== undefined && (await store.exists(sid))
    },
    load: (id) => store.load(mustAlias(aliases, id)),
    append: (id, update) => {
      const sid = aliases.get(id)
      if (sid) store.append(sid, update)
    },
    flush: (id) => store.flush(mustAlias(aliases, id)),
    close: async (id) => {
      const sid = aliases.get(id)
      if (sid) await store.close(sid)
    },
    ...moderationFiles((id) => store.layout.session(mustAlias(aliases, id))),
  }

  const authority: TokenAuthority = { ownerToken: adminToken, ownerTokenId: 'admin', grants: tokens }
  /** The admin token publishes the session it connects to; guest tokens join their own session only. */
  const authorize = async (sessionId: string, token: string | null): Promise<RelayAuthResult | null> => {
    const auth = authorizeToken(authority, sessionId, token)
    // only the admin token makes a facilitator here (guest grants are participant or observer)
    if (auth?.sessionRole === 'facilitator') await publish(sessionId)
    return auth
  }

  relay = new Relay({ persistence, authorize, limits: opts.limits, onWarning: (m) => log(m) })
  const liveRelay = relay

  /** Images of published sessions, in the relay's session store (as on CoproServer: assetRoutes.ts). */
  const assetRoutes = new AssetRoutes({
    authority,
    assets: {
      put: async (id, bytes) => {
        const sid = aliases.get(id)
        return sid && (await store.exists(sid)) ? putAsset(store.layout.session(sid), bytes) : null
      },
      get: async (id, assetId) => {
        const sid = aliases.get(id)
        return sid && (await store.exists(sid)) ? getAsset(store.layout.session(sid), assetId) : null
      },
    },
  })

  const backend: HostedBackend = {
    isAdmin: (token) => isOwnerToken(authority, token),
    listSessions: async () =>
      [...aliases].map(([sessionId, sid]) => ({
        sessionId,
        title: store.get(sid)?.title ?? null,
        connections: liveRelay.sessionInfo(sessionId).connections,
        tokens: tokens.list(sessionId).length,
      })),
    publish: async (sessionId, title) => {
      const sid = await publish(sessionId, title)
      return { sessionId, title: store.get(sid)?.title ?? null }
    },
    sessionExists: (sessionId) => persistence.exists(sessionId),
    mintToken: async (sessionId, role, ttlMs) => {
      const t = tokens.issue({ role, sessionId, ttlMs })
      await save()
      return { token: t.token, tokenId: t.tokenId, expiresAt: t.expiresAt }
    },
    revokeToken: async (tokenId) => {
      const revoked = tokens.revoke(tokenId)
      if (revoked) await save()
      return revoked
    },
    revokeSessionTokens: async (sessionId) => {
      const revoked = tokens.revokeSession(sessionId).length
      await save()
      return revoked
    },
    deleteSession: null,
    joinDevice: async (body) => {
      // a device exchanges a minted guest link for its own token (saved in relay.json)
      const sid = aliases.get(body.sessionId)
      const s = sid ? store.get(sid) : null
      const issued = s ? exchangeForDevice(tokens, body) : null
      if (!s || !issued || issued.participantId === undefined) return null
      relay?.preload(body.sessionId)
      return {
        sessionId: body.sessionId,
        title: s.title,
        role: issued.role,
        participantId: issued.participantId,
        deviceToken: issued.token,
      }
    },
    routes: (req, res, url) => assetRoutes.handle(req, res, url, 'main'),
    guestSession: async (token) => {
      const grant = tokens.verify(token)
      const sid = grant ? aliases.get(grant.sessionId) : undefined
      const s = sid ? store.get(sid) : null
      if (!grant || !s) return null
      relay?.preload(grant.sessionId) // the guest's board connects next: start loading it now
      return { sessionId: grant.sessionId, title: s.title, role: grant.role }
    },
  }

  const handler = hostedRequestHandler(backend, { rendererDir: opts.rendererDir, log })
  const server = createHttpServer(handler, { tls: opts.tls, timeouts: opts.httpTimeouts })
  routeSyncUpgrades(server, (req, socket, head) => liveRelay.handleUpgrade(req, socket, head))
  const host = opts.host ?? '127.0.0.1'
  let port: number
  try {
    port = await listen(server, opts.port, host)
  } catch (err) {
    await liveRelay.close()
    tokens.dispose()
    await store.shutdown()
    throw err
  }
  const urlHost = hostForUrl(host)
  let closing: Promise<void> | null = null
  return {
    url: syncServerUrl(urlHost, port, !!opts.tls),
    origin: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    adminToken,
    relay: liveRelay,
    close() {
      closing ??= (async () => {
        tokens.dispose()
        await liveRelay.close()
        await closeServer(server)
        await save()
        await store.shutdown()
      })()
      return closing
    },
  }
}

function mustAlias(aliases: Map<string, string>, id: string): string {
  const sid = aliases.get(id)
  if (sid === undefined) throw new Error(`session ${id} is not published`)
  return sid
}
