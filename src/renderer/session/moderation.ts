import { useSyncExternalStore } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import {
  encodeModeration,
  MESSAGE_MODERATION,
  type ModerationNotice,
  type ModerationRequest,
  parseNotice,
} from '../../core/common/moderation/moderation'

/**
 * The renderer's end of moderation (ADR 0047; core/common/moderation): the relay's notices on a
 * board's own websocket (a message type of their own), kept as the latest of each kind, and requests
 * sent back. A facilitator's client gets `inbox` (settings and every held card), a guest's `mine`
 * (whether to send cards for approval, their waiting cards and what became of the others). One per
 * BoardSession (the board's provider) and one per phone connection.
 */
export interface ModerationView {
  /** Facilitators: the settings and the held cards; null until the relay has said. */
  readonly inbox: Extract<ModerationNotice, { t: 'inbox' }> | null
  /** Guests: their own cards; null until the relay has said (a session never moderated says nothing). */
  readonly mine: Extract<ModerationNotice, { t: 'mine' }> | null
  /** Cards the inbox did not take, with the reason in plain words (newest last). */
  readonly refused: readonly { id: string; reason: string }[]
}

const EMPTY: ModerationView = { inbox: null, mine: null, refused: [] }

export class ModerationClient {
  private view: ModerationView = EMPTY
  private readonly listeners = new Set<() => void>()
  private provider: WebsocketProvider | null = null

  /** Listens on `provider` (a board's or a phone's) until the returned function is called. */
  attach(provider: WebsocketProvider | null): () => void {
    if (!provider) return () => {}
    this.provider = provider
    provider.messageHandlers[MESSAGE_MODERATION] = (_encoder, decoder) => {
      const notice = parseNotice(decoding.readVarString(decoder))
      if (notice) this.receive(notice)
    }
    // the relay tells only clients that ask: on every (re)connection, and now if already connected
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') this.send({ t: 'query' })
    }
    provider.on('status', onStatus)
    this.send({ t: 'query' })
    return () => {
      provider.off('status', onStatus)
      if (this.provider !== provider) return
      delete provider.messageHandlers[MESSAGE_MODERATION]
      this.provider = null
    }
  }

  /** Sends a request; false when the socket is not open (the caller keeps what it meant to send). */
  send(request: ModerationRequest): boolean {
    const p = this.provider
    if (!p?.wsconnected || !p.ws || p.ws.readyState !== 1) return false
    p.ws.send(encodeModeration(request))
    return true
  }

  get = (): ModerationView => this.view

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  private receive(n: ModerationNotice): void {
    if (n.t === 'inbox') this.view = { ...this.view, inbox: n }
    else if (n.t === 'mine') this.view = { ...this.view, mine: n }
    else
      this.view = { ...this.view, refused: [...this.view.refused, { id: n.id, reason: n.reason }].slice(-20) }
    for (const l of [...this.listeners]) l()
  }

  dispose(): void {
    if (this.provider) delete this.provider.messageHandlers[MESSAGE_MODERATION]
    this.provider = null
    this.listeners.clear()
  }
}

/** The latest moderation view of a client (or EMPTY without one). */
export function useModeration(client: ModerationClient | null | undefined): ModerationView {
  return useSyncExternalStore(
    (l) => client?.subscribe(l) ?? (() => {}),
    () => client?.get() ?? EMPTY,
  )
}
