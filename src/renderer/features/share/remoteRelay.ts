import { useSyncExternalStore } from 'react'
import type { BoardSession } from '../../session/BoardSession'
import { scopedKey } from '../../session/scoped'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { z } from 'zod'
import { SYNC_PATH } from '../../../shared/api/syncPath'
import { MAX_RELAYS } from '../../../shared/model/relayOrigin'
import { ACKS_PARAM } from '../../../shared/api/durability'
import { RelayDurability, type RelayDurabilityState } from './relayDurability'
import { uiT } from '../../device/i18n/uiT'
import type { AssetEndpoint } from '../../device/assetEndpoint'
import { AssetMirror, type AssetMirrorState } from './assetMirror'

/**
 * Publishing a session to a hosted relay (`copro relay`, docs/deployment/relay.md) so remote people can
 * join: a second y-websocket provider on the session's own Y.Doc, next to the local one. Both are CRDT
 * replicas, so edits from either side merge, and the local server keeps saving every change.
 * The admin token is kept in memory only (never in localStorage).
 */
export interface RemoteRelayTarget {
  /** The relay's web address, e.g. https://relay.example.org */
  origin: string
  adminToken: string
}

export type RemotePublishState =
  | { state: 'idle' }
  | { state: 'publishing'; origin: string }
  | { state: 'published'; origin: string; connected: boolean; participantLink: string; observerLink: string }
  | { state: 'error'; origin: string; message: string }

const MintAnswer = z.object({ token: z.string().min(16).max(512), tokenId: z.string() })

/** Checks and normalises what the facilitator typed as the relay address. */
export function parseRelayOrigin(
  input: string,
): { ok: true; origin: string } | { ok: false; message: string } {
  let u: URL
  try {
    u = new URL(input.trim())
  } catch {
    return { ok: false, message: uiT('share.remote.addressInvalid') }
  }
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost'
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) {
    return { ok: false, message: uiT('share.remote.httpsOnly') }
  }
  return { ok: true, origin: u.origin }
}

/**
 * Whether the page must be allowed to reach `origin` first: a relay on this computer always may (the
 * CSP names 127.0.0.1 and localhost); a hosted one only when it is in the settings' relays.
 */
export function needsAllowing(origin: string, relays: readonly string[]): boolean {
  const host = new URL(origin).hostname
  if (host === '127.0.0.1' || host === 'localhost') return false
  return !relays.includes(origin)
}

/** The settings' relays with `origin` first (most recent first, at most MAX_RELAYS). */
export function remembered(origin: string, relays: readonly string[]): string[] {
  return [origin, ...relays.filter((r) => r !== origin)].slice(0, MAX_RELAYS)
}

export function syncUrlFor(origin: string): string {
  const u = new URL(SYNC_PATH, origin)
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:'
  return u.toString()
}

export function joinLink(origin: string, sessionId: string, token: string): string {
  const u = new URL('/', origin)
  u.searchParams.set('join', sessionId)
  u.searchParams.set('token', token)
  return u.toString()
}

const IDLE: RemotePublishState = { state: 'idle' }

interface Published {
  provider: WebsocketProvider
  target: RemoteRelayTarget
  /** Whether the relay has stored what this computer sent (relayDurability.ts). */
  durability: RelayDurability
  /** The session's pictures on both sides (assetMirror.ts); null until the relay holds the session. */
  pictures: AssetMirror | null
}

/**
 * Publishing one session to a remote relay: its own provider on the session's doc, and the state the
 * panel shows. One per BoardSession (session.scoped(remotePublication)); disposing the session stops
 * syncing with the relay (the links stay valid until unpublished).
 */
export class RemotePublication {
  private published: Published | null = null
  private current: RemotePublishState = IDLE
  private readonly listeners = new Set<() => void>()

  constructor(private readonly sessionId: string) {}

  /** Stable objects, as useSyncExternalStore requires. */
  state = (): RemotePublishState => this.current

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  /**
   * Publishes the session: its document through a second provider, and (given `local`, this computer's
   * asset store) its pictures both ways while published.
   */
  async publish(title: string, doc: Y.Doc, target: RemoteRelayTarget, local?: AssetEndpoint): Promise<void> {
    const { sessionId } = this
    this.stopProvider()
    this.set({ state: 'publishing', origin: target.origin })
    try {
      const provider = new WebsocketProvider(syncUrlFor(target.origin), sessionId, doc, {
        // acks=1: the relay confirms what it stored durably ("Saved on <relay>", shared/api/durability.ts)
        params: { token: target.adminToken, [ACKS_PARAM]: '1' },
        disableBc: true,
      })
      const durability = new RelayDurability(provider, doc)
      durability.subscribe(() => this.emit())
      const published: Published = { provider, target, durability, pictures: null }
      this.published = published
      await this.admin(target, 'POST', '/admin/sessions', { sessionId, title: title.slice(0, 200) })
      if (local && this.published === published) {
        published.pictures = new AssetMirror({
          doc,
          local,
          remote: { origin: target.origin, sessionId, token: target.adminToken },
          onChange: () => this.emit(),
        })
      }
      const participant = MintAnswer.parse(
        await this.admin(target, 'POST', '/admin/tokens', { sessionId, role: 'participant' }),
      )
      const observer = MintAnswer.parse(
        await this.admin(target, 'POST', '/admin/tokens', { sessionId, role: 'observer' }),
      )
      const state = {
        state: 'published' as const,
        origin: target.origin,
        connected: provider.wsconnected,
        participantLink: joinLink(target.origin, sessionId, participant.token),
        observerLink: joinLink(target.origin, sessionId, observer.token),
      }
      this.set(state)
      provider.on('status', (e: { status: string }) => {
        const cur = this.current
        if (cur.state === 'published') this.set({ ...cur, connected: e.status === 'connected' })
      })
      provider.on('connection-close', (e: CloseEvent | null) => {
        if (e && e.code >= 4400 && e.code < 4500) {
          this.set({
            state: 'error',
            origin: target.origin,
            message: uiT('share.remote.refusedCode', { code: e.code }),
          })
          this.stopProvider()
        }
      })
    } catch (err) {
      this.stopProvider()
      this.set({
        state: 'error',
        origin: target.origin,
        message: err instanceof Error ? err.message : uiT('share.remote.noAnswer'),
      })
    }
  }

  /** Revokes every link on the relay and stops syncing with it; the local copy is untouched. */
  async unpublish(): Promise<void> {
    const p = this.published
    this.stopProvider()
    this.set({ state: 'idle' })
    if (p)
      await this.admin(
        p.target,
        'DELETE',
        `/admin/sessions/${encodeURIComponent(this.sessionId)}/tokens`,
      ).catch(() => {})
  }

  /** The session is closing: stop syncing with the relay (its links are not revoked). */
  dispose(): void {
    this.stopProvider()
    this.listeners.clear()
  }

  /** Whether the relay has stored this computer's changes (idle when not published). */
  durability = (): RelayDurabilityState | null => this.published?.durability.state() ?? null

  /** How the session's pictures stand on the relay (null when not published or not mirrored). */
  pictures = (): AssetMirrorState | null => this.published?.pictures?.current() ?? null

  private stopProvider(): void {
    this.published?.pictures?.dispose()
    this.published?.durability.destroy()
    this.published?.provider.destroy()
    this.published = null
  }

  private async admin(
    target: RemoteRelayTarget,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<unknown> {
    const res = await fetch(new URL(path, target.origin), {
      method,
      headers: {
        authorization: `Bearer ${target.adminToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    const json: unknown = await res.json().catch(() => ({}))
    if (!res.ok) {
      const msg = (json as { error?: unknown }).error
      throw new Error(
        res.status === 401
          ? uiT('share.remote.refused')
          : uiT('share.remote.said', { message: typeof msg === 'string' ? msg : String(res.status) }),
      )
    }
    return json
  }

  private set(s: RemotePublishState): void {
    this.current = s
    this.emit()
  }

  private emit(): void {
    for (const l of [...this.listeners]) l()
  }
}

/** The session's remote publication (created on first use, disposed with the session). */
export const remotePublication = scopedKey(
  'share.remotePublication',
  (s: BoardSession) => new RemotePublication(s.sessionId),
)

const noop = () => () => {}
const idle = () => IDLE

export function useRemotePublish(p: RemotePublication | null): RemotePublishState {
  return useSyncExternalStore(p?.subscribe ?? noop, p?.state ?? idle)
}

const none = () => null

/** How the published session's pictures stand (assetMirror.ts), while published. */
export function useRemotePictures(p: RemotePublication | null): AssetMirrorState | null {
  return useSyncExternalStore(p?.subscribe ?? noop, p?.pictures ?? none)
}

/** Whether the relay has stored this computer's changes, while published. */
export function useRemoteDurability(p: RemotePublication | null): RelayDurabilityState | null {
  return useSyncExternalStore(p?.subscribe ?? noop, p?.durability ?? none)
}

/** The words for a durability state, naming the relay by its host (`relay.example.org`). */
export function durabilityText(state: RelayDurabilityState, origin: string): string {
  const host = new URL(origin).host
  switch (state) {
    case 'saved':
      return uiT('share.durability.saved', { host })
    case 'saving':
      return uiT('share.durability.saving', { host })
    case 'not-storing':
      return uiT('share.durability.notStoring')
    case 'offline':
      return uiT('share.durability.offline', { host })
    case 'unconfirmed':
      return uiT('share.durability.unconfirmed', { host })
  }
}
