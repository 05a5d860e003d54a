import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import type { Duplex } from 'node:stream'
import {
  ApiFailure,
  type GuestSessionInfo,
  type ShareInterface,
  type ShareLinks,
  type ShareStatus,
} from '../../../shared/api'
import type { GuestJoinRequest, GuestJoinResponse, JoinCodeResponse } from '../../../shared/api/guestJoin'
import type { SessionSummary } from '../../../shared/model/session'
import { closeServer, createHttpServer, hostForUrl, listen, type HttpTimeouts } from './http'
import {
  exchangeForDevice,
  guestGrant,
  newJoinCode,
  TokenRegistry,
  type IssuedToken,
  type TokenGrant,
} from './tokens'

/** The app API's share.* methods, as handlers.ts calls them. */
export interface SharingApi {
  interfaces(): ShareInterface[]
  start(args: {
    sessionId: string
    address: string
    port?: number
    expiresInSeconds?: number
  }): Promise<ShareLinks>
  stop(sessionId: string): Promise<ShareStatus>
  status(sessionId: string): ShareStatus
}

export interface SharingDeps {
  /** The server's own handlers; a sharing listener serves them in guest-only mode. */
  handleRequest(req: IncomingMessage, res: ServerResponse): void
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Where the main (facilitator) listener is bound. */
  main(): { host: string; port: number }
  session(sessionId: string): Promise<SessionSummary | null>
  /** Closes the live connections that hold this token (Relay.revokeToken). */
  closeConnections(tokenId: string): void
  emitChanged(sessionId: string, shared: boolean, guests: number): void
  /** os.networkInterfaces by default; injectable for tests. */
  networkInterfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>
  now?: () => number
  /** The listeners' connection timeouts (http.ts HTTP_TIMEOUTS by default). */
  httpTimeouts?: Partial<HttpTimeouts>
  log?: (msg: string) => void
}

interface Share {
  address: string
  port: number
  participant: IssuedToken
  observer: IssuedToken
  /** The short code standing for the participant link (typed at `<address>/join`). */
  code: string
  links: ShareLinks
}

interface ExtraListener {
  server: Server
  port: number
  sessions: Set<string>
}

/** Wildcard binds: the main listener is then already reachable on every address. */
const WILDCARD = new Set(['0.0.0.0', '::'])

/**
 * "Share session": guest tokens, and the extra listeners that make a session reachable on a chosen
 * address. Sharing is off by default (the main listener is loopback only); `start` opens a listener on
 * the chosen address serving the same handlers in guest-only mode, `stop` revokes the session's guest
 * tokens (closing their connections) and closes the listener once no shared session uses it.
 * Everything here is in memory: a restart ends every share. See docs/adr/0005-sharing-and-tokens.md.
 */
export class ShareManager implements SharingApi {
  readonly tokens: TokenRegistry
  private readonly shares = new Map<string, Share>()
  /** Join code → session id, for every shared session. */
  private readonly codes = new Map<string, string>()
  private readonly listeners = new Map<string, ExtraListener>()
  /** Each guest sync socket of a session, with its participant id (null: a bare link's connection). */
  private readonly guestSockets = new Map<string, Map<Duplex, string | null>>()
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(private readonly deps: SharingDeps) {
    this.tokens = new TokenRegistry({
      now: deps.now,
      onInvalidated: (grant, why) => {
        deps.closeConnections(grant.tokenId)
        if (why === 'expired') this.afterExpiry(grant)
      },
    })
  }

  interfaces(): ShareInterface[] {
    const all = (this.deps.networkInterfaces ?? networkInterfaces)()
    const out: ShareInterface[] = []
    for (const [name, infos] of Object.entries(all)) {
      for (const info of infos ?? []) {
        const family = info.family === 'IPv6' ? 'IPv6' : info.family === 'IPv4' ? 'IPv4' : null
        if (!family || isLinkLocal(info.address)) continue
        out.push({ name: name.slice(0, 100), address: info.address, family, internal: info.internal })
      }
    }
    return out
  }

  start(args: {
    sessionId: string
    address: string
    port?: number
    expiresInSeconds?: number
  }): Promise<ShareLinks> {
    return this.serial(() => this.doStart(args))
  }

  stop(sessionId: string): Promise<ShareStatus> {
    return this.serial(async () => {
      await this.doStop(sessionId)
      return this.status(sessionId)
    })
  }

  status(sessionId: string): ShareStatus {
    const share = this.shares.get(sessionId)
    return {
      sessionId,
      shared: !!share,
      links: share ? share.links : null,
      guests: this.guestCount(sessionId),
    }
  }

  /** Guests on a session's board: people (distinct participant ids), not their connections. */
  private guestCount(sessionId: string): number {
    const sockets = this.guestSockets.get(sessionId)
    if (!sockets) return 0
    const people = new Set<string>()
    let bare = 0
    for (const id of sockets.values()) {
      if (id === null) bare++
      else people.add(id)
    }
    return people.size + bare
  }

  /**
   * `POST /api/guest/join`: exchanges a shared link's token for this device's personal token (tokens.ts
   * exchangeForDevice). Null when the link does not work (unknown, revoked, expired, another session, the
   * session trashed) or has as many devices as it may.
   */
  async join(req: GuestJoinRequest): Promise<GuestJoinResponse | null> {
    if (!this.authorize(req.sessionId, req.token)) return null
    const s = await this.deps.session(req.sessionId)
    if (!s || s.deletedAt) return null
    const issued = exchangeForDevice(this.tokens, req)
    if (!issued || issued.participantId === undefined) return null
    return {
      sessionId: s.id,
      title: s.title,
      role: issued.role,
      participantId: issued.participantId,
      deviceToken: issued.token,
    }
  }

  /** `GET /api/guest/code/<code>`: the participant link a join code stands for, while the session is shared. */
  lookUpCode(code: string): JoinCodeResponse | null {
    const sessionId = this.codes.get(code)
    const share = sessionId === undefined ? undefined : this.shares.get(sessionId)
    if (!share || share.code !== code || !this.tokens.verify(share.participant.token)) return null
    return { sessionId: share.participant.sessionId, token: share.participant.token }
  }

  /** The relay's view of a guest token: a role in its own session only. */
  authorize(sessionId: string, token: string | null): TokenGrant | null {
    return guestGrant(this.tokens, sessionId, token)
  }

  /** For `GET /api/guest/session`: the session's title and the token's role, or null. */
  async guestSession(token: string | null): Promise<GuestSessionInfo | null> {
    const grant = this.tokens.verify(token)
    if (!grant) return null
    const s = await this.deps.session(grant.sessionId)
    if (!s || s.deletedAt) return null
    return { sessionId: s.id, title: s.title, role: grant.role }
  }

  /** Counts a guest's sync socket until it closes (for share.status and share.changed). */
  trackGuest(sessionId: string, socket: Duplex, participantId: string | null = null): void {
    let set = this.guestSockets.get(sessionId)
    if (!set) this.guestSockets.set(sessionId, (set = new Map()))
    set.set(socket, participantId)
    this.changed(sessionId)
    socket.once('close', () => {
      set.delete(socket)
      if (set.size === 0 && this.guestSockets.get(sessionId) === set) this.guestSockets.delete(sessionId)
      this.changed(sessionId)
    })
  }

  /** Ends every share and closes every extra listener (server shutdown). */
  close(): Promise<void> {
    return this.serial(async () => {
      this.closed = true
      for (const id of [...this.shares.keys()]) await this.doStop(id)
      this.tokens.clear()
      await Promise.all([...this.listeners.keys()].map((a) => this.closeListener(a)))
    })
  }

  /** How many extra listeners are open (tests, diagnostics). */
  get listenerCount(): number {
    return this.listeners.size
  }

  private async doStart(args: {
    sessionId: string
    address: string
    port?: number
    expiresInSeconds?: number
  }): Promise<ShareLinks> {
    if (this.closed) throw new ApiFailure('unavailable', 'The server is shutting down.')
    const { sessionId } = args
    const address = this.checkAddress(args.address)
    const s = await this.deps.session(sessionId)
    if (!s) throw new ApiFailure('not_found', 'That session does not exist.')
    if (s.deletedAt) throw new ApiFailure('conflict', 'That session is in the trash. Restore it first.')
    const existing = this.shares.get(sessionId)
    if (existing) {
      if (existing.address === address && (args.port === undefined || args.port === existing.port))
        return existing.links
      throw new ApiFailure(
        'conflict',
        `This session is already shared on ${existing.address}:${existing.port}. Stop sharing first.`,
      )
    }
    const port = await this.portFor(address, args.port)
    const ttlMs = args.expiresInSeconds === undefined ? null : args.expiresInSeconds * 1000
    const participant = this.tokens.issue({ role: 'participant', sessionId, ttlMs })
    const observer = this.tokens.issue({ role: 'observer', sessionId, ttlMs })
    let code = newJoinCode()
    while (this.codes.has(code)) code = newJoinCode()
    const links: ShareLinks = {
      sessionId,
      address,
      port,
      participantUrl: joinUrl(address, port, sessionId, participant.token),
      observerUrl: joinUrl(address, port, sessionId, observer.token),
      expiresAt: participant.expiresAt === null ? null : new Date(participant.expiresAt).toISOString(),
      joinCode: code,
      joinCodeUrl: `http://${hostForUrl(address)}:${port}${JOIN_CODE_PAGE}`,
    }
    this.codes.set(code, sessionId)
    this.shares.set(sessionId, { address, port, participant, observer, code, links })
    this.listeners.get(address)?.sessions.add(sessionId)
    this.changed(sessionId)
    return links
  }

  private async doStop(sessionId: string): Promise<void> {
    const share = this.shares.get(sessionId)
    this.shares.delete(sessionId)
    if (share) this.codes.delete(share.code)
    this.tokens.revokeSession(sessionId)
    if (!share) return
    const listener = this.listeners.get(share.address)
    if (listener) {
      listener.sessions.delete(sessionId)
      if (listener.sessions.size === 0) await this.closeListener(share.address)
    }
    this.changed(sessionId)
  }

  /** Both tokens of a share expired: the share ends as if stopped. */
  private afterExpiry(grant: TokenGrant): void {
    const share = this.shares.get(grant.sessionId)
    const links = this.tokens.list(grant.sessionId).filter((g) => g.linkId === undefined)
    if (!share || links.length > 0) return
    void this.stop(grant.sessionId).catch((err: unknown) => this.deps.log?.(`share: ${String(err)}`))
  }

  private checkAddress(raw: string): string {
    const address = raw.trim().toLowerCase()
    if (isIP(address) === 0) throw new ApiFailure('invalid_arguments', `${raw} is not an IP address.`)
    if (isLoopback(address) || this.interfaces().some((i) => i.address.toLowerCase() === address))
      return address
    throw new ApiFailure('invalid_arguments', `${raw} is not an address of this computer.`)
  }

  /** The port guests use on `address`: the main listener's, or an extra listener's (opened if needed). */
  private async portFor(address: string, wanted: number | undefined): Promise<number> {
    const main = this.deps.main()
    const mainHost = main.host.replace(/^\[|\]$/g, '').toLowerCase()
    if (WILDCARD.has(mainHost) || (mainHost === address && (!wanted || wanted === main.port))) {
      if (wanted && wanted !== main.port)
        throw new ApiFailure('conflict', `The server already listens on every address, on port ${main.port}.`)
      return main.port
    }
    const open = this.listeners.get(address)
    if (open) {
      if (wanted && wanted !== open.port)
        throw new ApiFailure('conflict', `Sessions are already shared on ${address} port ${open.port}.`)
      return open.port
    }
    const server = this.newListener()
    let port: number
    try {
      port = await listen(server, wanted || main.port, address)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'EADDRINUSE' && !wanted) {
        port = await listen(server, 0, address).catch((e: unknown) => {
          throw listenFailure(e, address, 0)
        })
      } else {
        throw listenFailure(err, address, wanted || main.port)
      }
    }
    server.on('error', (err) => this.deps.log?.(`share: listener on ${address}: ${String(err)}`))
    this.listeners.set(address, { server, port, sessions: new Set() })
    this.deps.log?.(`share: listening on ${hostForUrl(address)}:${port}`)
    return port
  }

  private newListener(): Server {
    const server = createHttpServer((req, res) => this.deps.handleRequest(req, res), {
      timeouts: this.deps.httpTimeouts,
    })
    server.on('upgrade', (req, socket, head) => this.deps.handleUpgrade(req, socket, head))
    return server
  }

  private async closeListener(address: string): Promise<void> {
    const l = this.listeners.get(address)
    if (!l) return
    this.listeners.delete(address)
    await closeServer(l.server)
    this.deps.log?.(`share: stopped listening on ${hostForUrl(address)}:${l.port}`)
  }

  private changed(sessionId: string): void {
    this.deps.emitChanged(sessionId, this.shares.has(sessionId), this.guestCount(sessionId))
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => {})
    return run
  }
}

/** The page where a guest types a join code (the renderer's join-code screen). */
export const JOIN_CODE_PAGE = '/join'

export function joinUrl(address: string, port: number, sessionId: string, token: string): string {
  return `http://${hostForUrl(address)}:${port}/?join=${encodeURIComponent(sessionId)}&token=${encodeURIComponent(token)}`
}

function isLoopback(address: string): boolean {
  return isIP(address) === 4 ? address.startsWith('127.') : address === '::1'
}

/** fe80::/10 needs a zone id (fe80::1%eth0) that browsers do not accept in URLs. */
function isLinkLocal(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address)
}

function listenFailure(err: unknown, address: string, port: number): ApiFailure {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE')
    return new ApiFailure('conflict', `Port ${port} is already in use on ${address}.`)
  if (code === 'EADDRNOTAVAIL')
    return new ApiFailure('invalid_arguments', `${address} is not available on this computer any more.`)
  if (code === 'EACCES') return new ApiFailure('forbidden', `This app may not listen on port ${port}.`)
  return new ApiFailure('unavailable', `Could not listen on ${address}: ${String(err)}`)
}
