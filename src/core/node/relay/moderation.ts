/**
 * A room's moderation inbox (docs/adr/0047-moderation-inbox-outside-the-document.md; the shapes and the
 * word list are core/common/moderation/moderation.ts). While the facilitator holds guests' cards (or keeps
 * a word list), a participant's new card reaches the relay as a moderation message, never as a document
 * update: the relay keeps it here, beside the document, and shows it to facilitators and co-facilitators
 * only. So a held card's text is never in the shared document, never sent to another participant and
 * never in what a stock y-websocket client receives. Approving writes the card into the document as the
 * guest wrote it (authored as the guest); "Not now" puts it in the board trash with who and when.
 *
 * The inbox is saved beside the session (RoomPersistence.saveModeration) after every change, so held
 * cards survive a relay restart. Rights: only participants send cards here, each only as themselves;
 * only facilitators and co-facilitators decide; only the facilitator changes the settings. While the
 * session is moderated, a participant's card written straight into the document is refused
 * (`heldCardRule`, called by rights.ts).
 */
import type * as Y from 'yjs'
import { Participant } from '../../../shared/model/participant'
import type { SessionRole } from '../../../shared/model/roles'
import type { CardRecord } from '../../common/cards/cardRecord'
import {
  type Decision,
  type HeldCard,
  isModerated,
  MAX_DECISIONS,
  MAX_HELD_PER_PARTICIPANT,
  MAX_HELD_PER_SESSION,
  matchWordList,
  type ModerationNotice,
  type ModerationRequest,
  type ModerationSettings,
  ModerationState,
  emptyModerationState,
  encodeModeration,
} from '../../common/moderation/moderation'
import { type Actor, type ActivityEntry, appendActivity } from '../../common/session/activity'
import { recordsArray, sessionMap } from '../../common/session/docSchema'
import { plain } from '../../common/session/read'
import { writeTrashEntries } from '../../common/session/trash'
import { CLOSE_CODES, RelayRefusal } from './closeCodes'
import type { RelayConnection } from './connection'
import { encodePermissionDenied } from './messages'
import type { RoomPersistence } from './persistence'

/** The origin of the relay's moderation writes: the activity log and trash credit `actor` (room.ts actorOf). */
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

/** What the inbox needs of its room (room.ts), and where it is saved. */
export interface RoomModerationDeps {
  readonly room: {
    readonly sessionId: string
    readonly doc: Y.Doc
    readonly conns: ReadonlySet<RelayConnection>
    /** Runs document writes so they are stored and sent as one update. */
    readonly output: { atomically(fn: () => void): void }
  }
  /** The saved inbox (JSON) or null. */
  readonly stored: string | null
  /** Without saveModeration, held cards live as long as the room. */
  readonly persistence: Pick<RoomPersistence, 'saveModeration'>
  readonly warn: (message: string, err?: unknown) => void
  readonly now?: () => number
}

export class RoomModeration {
  private state: ModerationState
  private saving: Promise<void> = Promise.resolve()
  private readonly now: () => number

  constructor(private readonly deps: RoomModerationDeps) {
    this.now = deps.now ?? Date.now
    this.state = emptyModerationState()
    if (deps.stored !== null) {
      try {
        const parsed = ModerationState.safeParse(JSON.parse(deps.stored))
        if (parsed.success) this.state = parsed.data
        else
          deps.warn(
            `relay: session ${deps.room.sessionId}'s moderation inbox was not readable; it starts empty`,
          )
      } catch {
        deps.warn(
          `relay: session ${deps.room.sessionId}'s moderation inbox was not readable; it starts empty`,
        )
      }
    }
  }

  /** Whether participants' new cards go through the inbox. */
  get moderated(): boolean {
    return isModerated(this.state.settings)
  }

  get settings(): ModerationSettings {
    return this.state.settings
  }

  get held(): readonly HeldCard[] {
    return this.state.held
  }

  /** Resolves once every change so far is saved. */
  saved(): Promise<void> {
    return this.saving
  }

  /**
   * Connections that speak moderation (sent a request, `query` first): only they get notices, so a stock
   * client, which never does, never receives a frame it does not know.
   */
  private readonly listening = new WeakSet<RelayConnection>()

  /** What a connection is told when it asks (`query`): staff the inbox, a guest their own cards. */
  private introduce(conn: RelayConnection): void {
    const role = conn.auth?.sessionRole
    if (role === 'facilitator' || role === 'co-facilitator') conn.send(this.inboxFrame())
    else if (role === 'participant') conn.send(encodeModeration(this.mine(participantOf(conn))))
  }

  /**
   * One moderation request from a joined connection; true (it counts against the message rate). Throws
   * RelayRefusal when it is not theirs to make.
   */
  handle(conn: RelayConnection, request: ModerationRequest): boolean {
    this.act(conn, request)
    return true
  }

  private act(conn: RelayConnection, request: ModerationRequest): void {
    const role: SessionRole | undefined = conn.auth?.sessionRole
    this.listening.add(conn)
    switch (request.t) {
      case 'query':
        return this.introduce(conn)
      case 'submit':
        if (role !== 'participant') return deny(conn, 'only participants send cards for approval')
        return this.submit(conn, request.record, request.index)
      case 'approve':
        if (role !== 'facilitator' && role !== 'co-facilitator')
          return deny(conn, 'only facilitators approve cards')
        return this.approve(conn, request.ids, request.text)
      case 'reject':
        if (role !== 'facilitator' && role !== 'co-facilitator')
          return deny(conn, 'only facilitators decide what is not shown')
        return this.reject(conn, request.ids)
      case 'settings':
        if (role !== 'facilitator') return deny(conn, 'only the facilitator changes moderation')
        this.state = { ...this.state, settings: request.settings }
        this.changed(null, true)
        return
    }
  }

  private submit(conn: RelayConnection, record: CardRecord, index: string): void {
    const me = participantOf(conn)
    if (me === null) return refuse(conn, record.id, 'Join the session before sending cards.')
    const entry = Participant.safeParse(plain(sessionMap(this.deps.room.doc, 'participants').get(me)))
    if (!entry.success) return refuse(conn, record.id, 'Join the session before sending cards.')
    if (record.props.authorId !== me || record.props.authorRole !== entry.data.coproRole) {
      return deny(conn, 'a participant sends cards only as themselves')
    }
    const id = record.id
    // Sent again (a phone resending after a reconnect): nothing new; the guest is told where it stands.
    if (
      this.onBoard(id) ||
      this.state.held.some((h) => h.record.id === id) ||
      this.state.decisions.some((d) => d.id === id)
    ) {
      conn.send(encodeModeration(this.mine(me)))
      return
    }
    const guest: Actor = { role: 'participant', participantId: me }
    const settings = this.state.settings
    const matched = settings.words.length > 0 ? matchWordList(record.props.text, settings.words) : null
    if (!settings.hold && matched === null) {
      // Not held: into the document as the guest wrote it (as if written directly).
      this.writeCards([{ record, index }], guest, [])
      conn.send(encodeModeration(this.mine(me)))
      return
    }
    if (this.state.held.length >= MAX_HELD_PER_SESSION) {
      return refuse(conn, id, 'Too many cards are waiting for the facilitator. Try again in a moment.')
    }
    if (this.state.held.filter((h) => h.by === me).length >= MAX_HELD_PER_PARTICIPANT) {
      return refuse(
        conn,
        id,
        'Many of your cards are waiting for the facilitator. Try again when they are seen.',
      )
    }
    const at = this.now()
    this.state = { ...this.state, held: [...this.state.held, { record, index, at, by: me, matched }] }
    this.log([{ at, action: 'held', target: 'card', id, by: guest }], guest)
    this.changed(me, false)
  }

  private approve(conn: RelayConnection, ids: readonly string[], text: string | undefined): void {
    const chosen = this.take(ids)
    if (chosen.length === 0) return void conn.send(this.inboxFrame())
    const by = actorOf(conn)
    const at = this.now()
    const cards = chosen.map((h) => ({
      record:
        text !== undefined && chosen.length === 1
          ? { ...h.record, props: { ...h.record.props, text } }
          : h.record,
      index: h.index,
      by: h.by,
    }))
    // Each guest's cards are written with the guest as the origin: the activity log says they created them.
    const guests = new Set(cards.map((c) => c.by))
    this.deps.room.output.atomically(() => {
      for (const g of guests) {
        const theirs = cards.filter((c) => c.by === g)
        this.writeCards(
          theirs,
          { role: 'participant', participantId: g },
          theirs.map((c) => ({ at, action: 'approved', target: 'card', id: c.record.id, by })),
        )
      }
    })
    this.decide(chosen, 'approved', at)
  }

  private reject(conn: RelayConnection, ids: readonly string[]): void {
    const chosen = this.take(ids)
    if (chosen.length === 0) return void conn.send(this.inboxFrame())
    const by = actorOf(conn)
    const at = this.now()
    this.deps.room.output.atomically(() =>
      this.deps.room.doc.transact(() => {
        writeTrashEntries(
          this.deps.room.doc,
          chosen.map((h) => ({ kind: 'card' as const, record: h.record, by, at })),
        )
        appendActivity(
          this.deps.room.doc,
          chosen.map((h) => ({
            at,
            action: 'not-shown' as const,
            target: 'card' as const,
            id: h.record.id,
            by,
          })),
        )
      }, new ModerationWrite(by)),
    )
    this.decide(chosen, 'not-shown', at)
  }

  /** Whether a record with this id is on the board (a human-rate check: one pass over the records). */
  private onBoard(id: string): boolean {
    for (const e of recordsArray(this.deps.room.doc)) {
      if ((e as { key?: unknown } | null)?.key === id) return true
    }
    return false
  }

  /** Takes the held cards with these ids out of the inbox (unknown ids: already decided by someone else). */
  private take(ids: readonly string[]): HeldCard[] {
    const want = new Set(ids)
    const chosen = this.state.held.filter((h) => want.has(h.record.id))
    if (chosen.length > 0) {
      this.state = { ...this.state, held: this.state.held.filter((h) => !want.has(h.record.id)) }
    }
    return chosen
  }

  private decide(chosen: readonly HeldCard[], status: Decision['status'], at: number): void {
    const decisions = [
      ...this.state.decisions,
      ...chosen.map((h) => ({ id: h.record.id, by: h.by, status, at, text: h.record.props.text })),
    ].slice(-MAX_DECISIONS)
    this.state = { ...this.state, decisions }
    for (const who of new Set(chosen.map((h) => h.by))) this.notifyGuest(who)
    this.changed(null, false)
  }

  /** Writes cards into the document (ids already there are left alone) with `who` as the origin. */
  private writeCards(
    cards: readonly { record: CardRecord; index: string }[],
    who: Actor,
    activity: ActivityEntry[],
  ): void {
    const fresh = cards.filter((c) => !this.onBoard(c.record.id))
    this.deps.room.output.atomically(() =>
      this.deps.room.doc.transact(() => {
        if (fresh.length > 0) {
          recordsArray(this.deps.room.doc).push(
            fresh.map((c) => ({ key: c.record.id, val: { ...c.record, index: c.index, opacity: 1 } })),
          )
        }
        appendActivity(this.deps.room.doc, activity)
      }, new ModerationWrite(who)),
    )
  }

  private log(entries: ActivityEntry[], who: Actor): void {
    this.deps.room.output.atomically(() =>
      appendActivity(this.deps.room.doc, entries, new ModerationWrite(who)),
    )
  }

  /** Saves, tells the staff, and (a guest's own change, or every guest on a settings change) the guests. */
  private changed(guest: string | null, everyGuest: boolean): void {
    this.persist()
    const inbox = this.inboxFrame()
    for (const c of this.deps.room.conns) {
      const role = c.auth?.sessionRole
      if (this.listening.has(c) && (role === 'facilitator' || role === 'co-facilitator')) c.send(inbox)
    }
    if (everyGuest) {
      for (const who of new Set([...this.deps.room.conns].map(participantOf))) if (who) this.notifyGuest(who)
    } else if (guest !== null) this.notifyGuest(guest)
  }

  private notifyGuest(who: string): void {
    let frame: Uint8Array | null = null
    for (const c of this.deps.room.conns) {
      if (c.auth?.sessionRole !== 'participant' || participantOf(c) !== who || !this.listening.has(c))
        continue
      frame ??= encodeModeration(this.mine(who))
      c.send(frame)
    }
  }

  private persist(): void {
    const { persistence, room } = this.deps
    if (!persistence.saveModeration) return
    const json = JSON.stringify(this.state)
    this.saving = this.saving
      .then(() => persistence.saveModeration!(room.sessionId, json))
      .catch((err: unknown) =>
        this.deps.warn(`relay: saving session ${this.deps.room.sessionId}'s moderation inbox failed`, err),
      )
  }

  private inboxFrame(): Uint8Array {
    return encodeModeration({ t: 'inbox', settings: this.state.settings, held: [...this.state.held] })
  }

  private mine(who: string | null): Extract<ModerationNotice, { t: 'mine' }> {
    return {
      t: 'mine',
      moderated: this.moderated,
      held:
        who === null
          ? []
          : this.state.held
              .filter((h) => h.by === who)
              .map((h) => ({ id: h.record.id, text: h.record.props.text })),
      decisions: who === null ? [] : this.state.decisions.filter((d) => d.by === who).slice(-DECISIONS_SHOWN),
    }
  }
}

function participantOf(conn: RelayConnection): string | null {
  return conn.auth?.participantId ?? conn.boundParticipantId
}

function actorOf(conn: RelayConnection): Actor {
  const role = conn.auth?.sessionRole ?? 'observer'
  const pid = participantOf(conn)
  return pid ? { role, participantId: pid } : { role }
}

/** A request that is not this connection's to make: told (auth "permission denied") and closed, as rights.ts. */
function deny(conn: RelayConnection, reason: string): never {
  const message = `permission denied: ${reason}`
  conn.send(encodePermissionDenied(message))
  throw new RelayRefusal(CLOSE_CODES.PERMISSION_DENIED, message)
}

/** A card the inbox cannot take now: the guest is told in plain words and keeps the connection. */
function refuse(conn: RelayConnection, id: string, reason: string): void {
  conn.send(encodeModeration({ t: 'refused', id, reason }))
}
