import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { PresenceState } from '../../../shared/model/participant'
import { COPRO_ROLE_INFO, type CoproRole } from '../../../shared/model/roles'
import { ModerationClient } from '../../session/moderation'

/**
 * The phone's own connection to a session: one Y.Doc and one stock y-websocket provider on
 * `/sync/<sessionId>?token=…` — no tldraw. It says whether the phone is connected (and has synced),
 * and publishes a presence without cursor or viewport so the facilitator sees the person is here.
 */
export type PhoneLink = 'connecting' | 'connected' | 'offline'

export interface PhoneStatus {
  link: PhoneLink
  /** Synced with the relay since the last (re)connection: the document is the room's. */
  synced: boolean
  /** A permanent close from the relay (4400–4499), or null. */
  closedWith: number | null
}

export interface PhoneIdentity {
  id: string
  /** '' unless the person agreed to show their name. */
  name: string
  coproRole: CoproRole
  sessionRole: 'participant' | 'observer'
}

type Listener = (s: PhoneStatus) => void

export class PhoneConnection {
  readonly doc = new Y.Doc()
  /** Whether cards wait for the facilitator, and this person's waiting cards (session/moderation.ts). */
  readonly moderation = new ModerationClient()
  private readonly provider: WebsocketProvider
  private status: PhoneStatus = { link: 'connecting', synced: false, closedWith: null }
  private readonly listeners = new Set<Listener>()

  constructor(
    syncUrl: string,
    readonly sessionId: string,
    readonly token: string,
    identity: PhoneIdentity,
  ) {
    this.provider = new WebsocketProvider(syncUrl, sessionId, this.doc, {
      params: { token },
      disableBc: true,
      maxBackoffTime: 5000,
    })
    this.moderation.attach(this.provider)
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') this.patch({ link: 'connected' })
      else if (status === 'disconnected') this.patch({ link: 'offline', synced: false })
      else if (this.status.link !== 'offline') this.patch({ link: 'connecting' })
    })
    this.provider.on('sync', (synced: boolean) => this.patch({ synced }))
    this.provider.on('closed', (close: { code: number }) => this.patch({ closedWith: close.code }))
    // the browser knows first when the network goes or comes back: drop the socket at once (rather than
    // after y-websocket's 30 s watchdog) and reconnect as soon as the network is back
    addEventListener('offline', this.onBrowserOffline)
    addEventListener('online', this.onBrowserOnline)
    this.setIdentity(identity)
  }

  private readonly onBrowserOffline = () => {
    this.provider.disconnect()
    this.patch({ link: 'offline', synced: false })
  }

  private readonly onBrowserOnline = () => {
    if (this.status.closedWith === null) this.provider.connect()
  }

  /** Publishes who this is (no cursor, no viewport: a phone has no view of the canvas). */
  setIdentity(identity: PhoneIdentity): void {
    const state = PresenceState.parse({
      user: {
        id: identity.id,
        name: identity.name,
        coproRole: identity.coproRole,
        sessionRole: identity.sessionRole,
        colour: COPRO_ROLE_INFO[identity.coproRole].colour,
      },
      cursor: null,
      viewport: null,
      following: null,
    })
    this.provider.awareness.setLocalStateField('presence', state)
  }

  get(): PhoneStatus {
    return this.status
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  dispose(): void {
    removeEventListener('offline', this.onBrowserOffline)
    removeEventListener('online', this.onBrowserOnline)
    this.listeners.clear()
    this.moderation.dispose()
    this.provider.destroy()
    this.doc.destroy()
  }

  private patch(p: Partial<PhoneStatus>): void {
    const next = { ...this.status, ...p }
    if (
      next.link === this.status.link &&
      next.synced === this.status.synced &&
      next.closedWith === this.status.closedWith
    )
      return
    this.status = next
    for (const l of [...this.listeners]) l(next)
  }
}
