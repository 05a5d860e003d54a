import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CardRecord } from '../../src/core/common/cards/cardRecord'
import {
  encodeModeration,
  MESSAGE_MODERATION,
  type ModerationNotice,
  type ModerationRequest,
  parseNotice,
} from '../../src/core/common/moderation/moderation'
import { recordsArray } from '../../src/core/common/session/docSchema'
import { card } from '../integration/relay/rightsBoard'

/**
 * A stock y-websocket client speaking moderation (message 16, ADR 0047) as the app does: it asks on
 * every connection (session/moderation.ts) and keeps the notices the server sends it.
 */
export function listenModeration(provider: WebsocketProvider): ModerationNotice[] {
  const notices: ModerationNotice[] = []
  provider.messageHandlers[MESSAGE_MODERATION] = (_encoder, decoder) => {
    const n = parseNotice(decoding.readVarString(decoder))
    if (n) notices.push(n)
  }
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') sendModeration(provider, { t: 'query' })
  })
  if (provider.wsconnected) sendModeration(provider, { t: 'query' })
  return notices
}

export function sendModeration(provider: WebsocketProvider, request: ModerationRequest): void {
  provider.ws!.send(encodeModeration(request))
}

export const lastInbox = (c: { notices: ModerationNotice[] }) =>
  c.notices.filter((n) => n.t === 'inbox').at(-1) as Extract<ModerationNotice, { t: 'inbox' }> | undefined
export const lastMine = (c: { notices: ModerationNotice[] }) =>
  c.notices.filter((n) => n.t === 'mine').at(-1) as Extract<ModerationNotice, { t: 'mine' }> | undefined

/** A guest's card as the phone sends it to the inbox (no index or opacity: the server adds them). */
export function heldCard(id: string, guestId: string, text: string, role = 'service-user'): CardRecord {
  const { index: _i, opacity: _o, ...record } = card(id, guestId, role, text)
  return CardRecord.parse(record)
}

/** Everything a document holds, as text (strings are stored as UTF-8 in an update): to look for held text anywhere. */
export const everything = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8')

/** How many times a record with this id is in the document (a duplicate would show twice). */
export const copies = (doc: Y.Doc, id: string) =>
  recordsArray(doc)
    .toArray()
    .filter((e) => (e as { key?: unknown } | null)?.key === id).length
