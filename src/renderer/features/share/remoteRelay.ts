import { useSyncExternalStore } from 'react'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { z } from 'zod'

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
    return { ok: false, message: 'Type the relay’s address, for example https://relay.example.org' }
  }
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost'
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) {
    return { ok: false, message: 'A hosted relay must use https:// (http:// only for one on this computer).' }
  }
  return { ok: true, origin: u.origin }
}

export function syncUrlFor(origin: string): string {
  const u = new URL('/sync', origin)
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
}

class RemotePublisher {
  private readonly published = new Map<string, Published>()
  private readonly states = new Map<string, RemotePublishState>()
  private readonly listeners = new Set<() => void>()

  /** Stable objects, as useSyncExternalStore requires. */
  state(sessionId: string): RemotePublishState {
    return this.states.get(sessionId) ?? IDLE
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  async publish(sessionId: string, title: string, doc: Y.Doc, target: RemoteRelayTarget): Promise<void> {
    this.stopProvider(sessionId)
    this.set(sessionId, { state: 'publishing', origin: target.origin })
    try {
      const provider = new WebsocketProvider(syncUrlFor(target.origin), sessionId, doc, {
        params: { token: target.adminToken },
        disableBc: true,
      })
      this.published.set(sessionId, { provider, target })
      await this.admin(target, 'POST', '/admin/sessions', { sessionId, title: title.slice(0, 200) })
      const participant = MintAnswer.parse(
        await this.admin(target, 'POST', '/admin/tokens', { sessionId, role: 'participant' }),
      )
      const observer = MintAnswer.parse(
        await this.admin(target, 'POST', '/admin/tokens', { sessionId, role: 'observer' }),
      )
      const published = {
        state: 'published' as const,
        origin: target.origin,
        connected: provider.wsconnected,
        participantLink: joinLink(target.origin, sessionId, participant.token),
        observerLink: joinLink(target.origin, sessionId, observer.token),
      }
      this.set(sessionId, published)
      provider.on('status', (e: { status: string }) => {
        const cur = this.states.get(sessionId)
        if (cur?.state === 'published') this.set(sessionId, { ...cur, connected: e.status === 'connected' })
      })
      provider.on('connection-close', (e: CloseEvent | null) => {
        if (e && e.code >= 4400 && e.code < 4500) {
          this.set(sessionId, {
            state: 'error',
            origin: target.origin,
            message: `The relay refused the admin token (${e.code}).`,
          })
          this.stopProvider(sessionId)
        }
      })
    } catch (err) {
      this.stopProvider(sessionId)
      this.set(sessionId, {
        state: 'error',
        origin: target.origin,
        message: err instanceof Error ? err.message : 'The relay did not answer.',
      })
    }
  }

  /** Revokes every link on the relay and stops syncing with it; the local copy is untouched. */
  async unpublish(sessionId: string): Promise<void> {
    const p = this.published.get(sessionId)
    this.stopProvider(sessionId)
    this.set(sessionId, { state: 'idle' })
    if (p)
      await this.admin(p.target, 'DELETE', `/admin/sessions/${encodeURIComponent(sessionId)}/tokens`).catch(
        () => {},
      )
  }

  private stopProvider(sessionId: string): void {
    this.published.get(sessionId)?.provider.destroy()
    this.published.delete(sessionId)
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
          ? 'The relay refused the admin token.'
          : `The relay said: ${typeof msg === 'string' ? msg : res.status}`,
      )
    }
    return json
  }

  private set(sessionId: string, s: RemotePublishState): void {
    this.states.set(sessionId, s)
    for (const l of this.listeners) l()
  }
}

export const remotePublisher = new RemotePublisher()

export function useRemotePublish(sessionId: string | null): RemotePublishState {
  return useSyncExternalStore(remotePublisher.subscribe, () =>
    sessionId ? remotePublisher.state(sessionId) : IDLE,
  )
}
