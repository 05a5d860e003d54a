/**
 * The moderation rules (docs/adr/0047-moderation-inbox-outside-the-document.md; the shapes and the word
 * list are core/common/moderation/moderation.ts), the one home for every server that holds a session:
 * the laptop relay's Room (roomModeration.ts: the inbox in memory, saved beside the session) and a
 * cluster node (cluster/clusterModeration.ts: the inbox in PostgreSQL under a row lock, changes fanned
 * out through Redis). Only where the inbox is kept and how the other connections are told differ.
 *
 * While the facilitator holds guests' cards (or keeps a word list), a participant's new card reaches the
 * server as a moderation message, never as a document update: it waits in the inbox, beside the
 * document, shown to facilitators and co-facilitators only. So a held card's text is never in the shared
 * document, never sent to another participant and never in what a stock y-websocket client receives.
 * Approving writes the card into the document as the guest wrote it (authored as the guest); "Not now"
 * puts it in the board trash with who and when.
 *
 * Rights: only participants send cards here, each only as themselves; only facilitators and
 * co-facilitators decide; only the facilitator changes the settings. While the session is moderated, a
 * participant's card written straight into the document is refused (`heldCardRule`, called by rights.ts).
 */
import type * as Y from 'yjs'
import { Participant } from '../../../shared/model/participant'
import type { CardRecord } from '../../common/cards/cardRecord'
import {
  type HeldCard,
  isModerated,
  MAX_DECISIONS,
  MAX_HELD_PER_PARTICIPANT,
  MAX_HELD_PER_SESSION,
  matchWordList,
  type ModerationNotice,
  type ModerationRequest,
  ModerationState,
  emptyModerationState,
  encodeModeration,
  type Decision,
} from '../../common/moderation/moderation'
import { type Actor, type ActivityEntry, appendActivity } from '../../common/session/activity'
import { recordsArray, sessionMap } from '../../common/session/docSchema'
import { plain } from '../../common/session/read'
import { hasTrashEntry, writeTrashEntries } from '../../common/session/trash'
import type { RelayAuthResult } from './options'
import { encodePermissionDenied } from './messages'

/** The origin of the server's moderation writes: the activity log and trash credit `actor` (actorOf). */
export class ModerationWrite {
  constructor(readonly actor: Actor) {}
}

/** What a guest is told about their cards: at most this many recent decisions. */
const DECISIONS_SHOWN = 50

/**
 * rights.ts: while guests' cards are moderated, a participant may not put a new card straight into the
 * document (it goes through the inbox); their cards already on the board stay theirs to change.
 */
export function heldCardRule(moderated: boolean, isNewCard: boolean): string | null {
  return moderated && isNewCard
    ? 'the facilitator approves guests\u2019 cards first: send new cards to the moderation inbox'
    : null
}

/** A connection as the moderation rules see it (the relay's RelayConnection fits, on both servers). */
export interface ModerationConn {
  readonly auth: RelayAuthResult | null
  readonly boundParticipantId: string | null
  send(frame: Uint8Array): void
}

/** A document write a decision asks for; `writeModeration` makes it. */
export type ModerationWriteOp =
  | { kind: 'cards'; cards: { record: CardRecord; index: string }[]; who: Actor; activity: ActivityEntry[] }
  | { kind: 'trash'; cards: HeldCard[]; by: Actor; at: number }
  | { kind: 'log'; entries: ActivityEntry[]; who: Actor }

/** Whom to tell once a change is stored: the staff always, and these guests (or every guest). */
export interface ModerationChange {
  guests: string[]
  everyGuest: boolean
}

/** What one request does: decided by `decideModeration`, carried out by the server that holds the inbox. */
export interface ModerationOutcome {
  /** The inbox afterwards (the same object when nothing changed). */
  state: ModerationState
  /** Not this connection's to ask: told (permission denied) and closed, as a refused update. */
  denied: string | null
  /** Document writes, in order (before the changed inbox is stored). */
  writes: ModerationWriteOp[]
  /** What the requester is told (besides the fan-out), from the inbox afterwards. */
  reply: 'inbox' | 'mine' | { refused: string; id: string } | null
  /** Set when the inbox changed: it must be stored, then the listening connections told. */
  changed: ModerationChange | null
}

/** The stored inbox (JSON) read through its schema; an unreadable one starts empty (and is warned about). */
export function readModerationState(json: unknown, warn: () => void): ModerationState {
  if (json === null || json === undefined) return emptyModerationState()
  try {
    const parsed = ModerationState.safeParse(typeof json === 'string' ? JSON.parse(json) : json)
    if (parsed.success) return parsed.data
  } catch {
    // unreadable JSON: as an invalid inbox
  }
  warn()
  return emptyModerationState()
}

/**
 * The decision on one request from a joined connection, against the inbox and the session document
 * (read only: who is registered, which cards are on the board). Pure otherwise: the caller writes,
 * stores and tells.
 */
export function decideModeration(
  state: ModerationState,
  request: ModerationRequest,
  conn: ModerationConn,
  doc: Y.Doc,
  now: number,
): ModerationOutcome {
  const role = conn.auth?.sessionRole
  const staff = role === 'facilitator' || role === 'co-facilitator'
  const none: ModerationOutcome = { state, denied: null, writes: [], reply: null, changed: null }
  const denied = (reason: string): ModerationOutcome => ({ ...none, denied: reason })
  switch (request.t) {
    case 'query':
      return { ...none, reply: staff ? 'inbox' : role === 'participant' ? 'mine' : null }
    case 'submit':
      if (role !== 'participant') return denied('only participants send cards for approval')
      return submit(state, conn, request.record, request.index, doc, now)
    case 'approve':
      if (!staff) return denied('only facilitators approve cards')
      return approve(state, conn, request.ids, request.text, doc, now)
    case 'reject':
      if (!staff) return denied('only facilitators decide what is not shown')
      return reject(state, conn, request.ids, now)
    case 'settings':
      if (role !== 'facilitator') return denied('only the facilitator changes moderation')
      return {
        ...none,
        state: { ...state, settings: request.settings },
        changed: { guests: [], everyGuest: true },
      }
  }
}

function submit(
  state: ModerationState,
  conn: ModerationConn,
  record: CardRecord,
  index: string,
  doc: Y.Doc,
  now: number,
): ModerationOutcome {
  const none: ModerationOutcome = { state, denied: null, writes: [], reply: null, changed: null }
  const refused = (reason: string): ModerationOutcome => ({ ...none, reply: { refused: reason, id } })
  const id = record.id
  const me = participantOf(conn)
  if (me === null) return refused('Join the session before sending cards.')
  const entry = Participant.safeParse(plain(sessionMap(doc, 'participants').get(me)))
  if (!entry.success) return refused('Join the session before sending cards.')
  if (record.props.authorId !== me || record.props.authorRole !== entry.data.coproRole) {
    return { ...none, denied: 'a participant sends cards only as themselves' }
  }
  // Sent again (a phone resending after a reconnect or a failover): nothing new; told where it stands.
  if (
    onBoard(doc, id) ||
    state.held.some((h) => h.record.id === id) ||
    state.decisions.some((d) => d.id === id)
  ) {
    return { ...none, reply: 'mine' }
  }
  const guest: Actor = { role: 'participant', participantId: me }
  const settings = state.settings
  const matched = settings.words.length > 0 ? matchWordList(record.props.text, settings.words) : null
  if (!settings.hold && matched === null) {
    // Not held: into the document as the guest wrote it (as if written directly).
    return {
      ...none,
      writes: [{ kind: 'cards', cards: [{ record, index }], who: guest, activity: [] }],
      reply: 'mine',
    }
  }
  if (state.held.length >= MAX_HELD_PER_SESSION) {
    return refused('Too many cards are waiting for the facilitator. Try again in a moment.')
  }
  if (state.held.filter((h) => h.by === me).length >= MAX_HELD_PER_PARTICIPANT) {
    return refused('Many of your cards are waiting for the facilitator. Try again when they are seen.')
  }
  return {
    ...none,
    state: { ...state, held: [...state.held, { record, index, at: now, by: me, matched }] },
    writes: [
      { kind: 'log', entries: [{ at: now, action: 'held', target: 'card', id, by: guest }], who: guest },
    ],
    changed: { guests: [me], everyGuest: false },
  }
}

function approve(
  state: ModerationState,
  conn: ModerationConn,
  ids: readonly string[],
  text: string | undefined,
  doc: Y.Doc,
  now: number,
): ModerationOutcome {
  const { chosen, rest } = take(state, ids)
  if (chosen.length === 0) return { state, denied: null, writes: [], reply: 'inbox', changed: null }
  const by = actorOf(conn)
  const cards = chosen.map((h) => ({
    record:
      text !== undefined && chosen.length === 1
        ? { ...h.record, props: { ...h.record.props, text } }
        : h.record,
    index: h.index,
    by: h.by,
  }))
  // Each guest's cards are written with the guest as the origin: the activity log says they created
  // them. A card already on the board (approved before a crash that lost the inbox's change) is not
  // written or logged again: approving it again only takes it out of the inbox.
  const writes: ModerationWriteOp[] = []
  for (const g of new Set(cards.map((c) => c.by))) {
    const theirs = cards.filter((c) => c.by === g && !onBoard(doc, c.record.id))
    if (theirs.length === 0) continue
    writes.push({
      kind: 'cards',
      cards: theirs,
      who: { role: 'participant', participantId: g },
      activity: theirs.map((c) => ({ at: now, action: 'approved', target: 'card', id: c.record.id, by })),
    })
  }
  return decided(state, rest, chosen, 'approved', now, writes)
}

function reject(
  state: ModerationState,
  conn: ModerationConn,
  ids: readonly string[],
  now: number,
): ModerationOutcome {
  const { chosen, rest } = take(state, ids)
  if (chosen.length === 0) return { state, denied: null, writes: [], reply: 'inbox', changed: null }
  const writes: ModerationWriteOp[] = [{ kind: 'trash', cards: chosen, by: actorOf(conn), at: now }]
  return decided(state, rest, chosen, 'not-shown', now, writes)
}

/** The held cards with these ids, and the rest (unknown ids: already decided by someone else). */
function take(state: ModerationState, ids: readonly string[]): { chosen: HeldCard[]; rest: HeldCard[] } {
  const want = new Set(ids)
  return {
    chosen: state.held.filter((h) => want.has(h.record.id)),
    rest: state.held.filter((h) => !want.has(h.record.id)),
  }
}

function decided(
  state: ModerationState,
  rest: HeldCard[],
  chosen: readonly HeldCard[],
  status: Decision['status'],
  at: number,
  writes: ModerationWriteOp[],
): ModerationOutcome {
  const decisions = [
    ...state.decisions,
    ...chosen.map((h) => ({ id: h.record.id, by: h.by, status, at, text: h.record.props.text })),
  ].slice(-MAX_DECISIONS)
  return {
    state: { ...state, held: rest, decisions },
    denied: null,
    writes,
    reply: null,
    changed: { guests: [...new Set(chosen.map((h) => h.by))], everyGuest: false },
  }
}

/**
 * Makes a decision's document writes, each in one transaction whose origin (ModerationWrite) credits
 * the guest (their approved cards) or the facilitator (the trash and "not shown"). Idempotent: a card
 * already on the board or in the trash is not written, nor logged, again.
 */
export function writeModeration(doc: Y.Doc, writes: readonly ModerationWriteOp[]): void {
  for (const w of writes) {
    if (w.kind === 'log') appendActivity(doc, w.entries, new ModerationWrite(w.who))
    else if (w.kind === 'cards') {
      const fresh = w.cards.filter((c) => !onBoard(doc, c.record.id))
      const activity = w.activity.filter((a) => fresh.some((c) => c.record.id === a.id))
      if (fresh.length === 0) continue
      doc.transact(() => {
        if (fresh.length > 0) {
          recordsArray(doc).push(
            fresh.map((c) => ({ key: c.record.id, val: { ...c.record, index: c.index, opacity: 1 } })),
          )
        }
        appendActivity(doc, activity)
      }, new ModerationWrite(w.who))
    } else {
      const cards = w.cards.filter((h) => !hasTrashEntry(doc, 'card', h.record.id))
      if (cards.length === 0) continue
      doc.transact(() => {
        writeTrashEntries(
          doc,
          cards.map((h) => ({ kind: 'card' as const, record: h.record, by: w.by, at: w.at })),
        )
        appendActivity(
          doc,
          cards.map((h) => ({
            at: w.at,
            action: 'not-shown' as const,
            target: 'card' as const,
            id: h.record.id,
            by: w.by,
          })),
        )
      }, new ModerationWrite(w.by))
    }
  }
}

/** Whether a record with this id is on the board (a human-rate check: one pass over the records). */
function onBoard(doc: Y.Doc, id: string): boolean {
  for (const e of recordsArray(doc)) {
    if ((e as { key?: unknown } | null)?.key === id) return true
  }
  return false
}

/** The frame a request's reply is, from the inbox afterwards. */
export function replyFrame(
  state: ModerationState,
  conn: ModerationConn,
  reply: NonNullable<ModerationOutcome['reply']>,
): Uint8Array {
  if (reply === 'inbox') return inboxFrame(state)
  if (reply === 'mine') return encodeModeration(mine(state, participantOf(conn)))
  return encodeModeration({ t: 'refused', id: reply.id, reason: reply.refused })
}

/**
 * Tells the connections that speak moderation (`listening`: they sent a request, `query` first) what a
 * stored change means for them: facilitators and co-facilitators the inbox, the guests concerned their
 * own cards. A stock client, which never speaks moderation, never receives a frame it does not know.
 */
export function tellModeration(
  state: ModerationState,
  conns: Iterable<ModerationConn>,
  listening: WeakSet<ModerationConn>,
  change: ModerationChange,
): void {
  let inbox: Uint8Array | null = null
  const mineFrames = new Map<string, Uint8Array>()
  const guests = new Set(change.guests)
  for (const c of conns) {
    if (!listening.has(c)) continue
    const role = c.auth?.sessionRole
    if (role === 'facilitator' || role === 'co-facilitator') c.send((inbox ??= inboxFrame(state)))
    if (role !== 'participant') continue
    const who = participantOf(c)
    if (who === null || (!change.everyGuest && !guests.has(who))) continue
    let frame = mineFrames.get(who)
    if (!frame) mineFrames.set(who, (frame = encodeModeration(mine(state, who))))
    c.send(frame)
  }
}

/** Tells a connection it may not do this (auth "permission denied"); returns the message to close with. */
export function denyRequest(conn: ModerationConn, reason: string): string {
  const message = `permission denied: ${reason}`
  conn.send(encodePermissionDenied(message))
  return message
}

function inboxFrame(state: ModerationState): Uint8Array {
  return encodeModeration({ t: 'inbox', settings: state.settings, held: [...state.held] })
}

function mine(state: ModerationState, who: string | null): Extract<ModerationNotice, { t: 'mine' }> {
  return {
    t: 'mine',
    moderated: isModerated(state.settings),
    held:
      who === null
        ? []
        : state.held.filter((h) => h.by === who).map((h) => ({ id: h.record.id, text: h.record.props.text })),
    decisions: who === null ? [] : state.decisions.filter((d) => d.by === who).slice(-DECISIONS_SHOWN),
  }
}

function participantOf(conn: ModerationConn): string | null {
  return conn.auth?.participantId ?? conn.boundParticipantId
}

function actorOf(conn: ModerationConn): Actor {
  const role = conn.auth?.sessionRole ?? 'observer'
  const pid = participantOf(conn)
  return pid ? { role, participantId: pid } : { role }
}
