/**
 * A laptop relay room's moderation inbox (docs/adr/0047): the rules are moderation.ts (shared with the
 * cluster); here the inbox is kept in memory and saved beside the session
 * (RoomPersistence.saveModeration) after every change, so held cards survive a relay restart, and a
 * change is told to the room's own connections.
 */
import type * as Y from 'yjs'
import {
  type HeldCard,
  isModerated,
  type ModerationRequest,
  type ModerationSettings,
  type ModerationState,
} from '../../common/moderation/moderation'
import { CLOSE_CODES, RelayRefusal } from './closeCodes'
import type { RelayConnection } from './connection'
import {
  decideModeration,
  denyRequest,
  type ModerationConn,
  readModerationState,
  replyFrame,
  tellModeration,
  writeModeration,
} from './moderation'
import type { RoomPersistence } from './persistence'

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
  /** Connections that speak moderation (moderation.ts tellModeration). */
  private readonly listening = new WeakSet<ModerationConn>()

  constructor(private readonly deps: RoomModerationDeps) {
    this.now = deps.now ?? Date.now
    this.state = readModerationState(deps.stored, () =>
      deps.warn(`relay: session ${deps.room.sessionId}'s moderation inbox was not readable; it starts empty`),
    )
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
   * One moderation request from a joined connection; true (it counts against the message rate). Throws
   * RelayRefusal when it is not theirs to make.
   */
  handle(conn: RelayConnection, request: ModerationRequest): boolean {
    this.listening.add(conn)
    const { room } = this.deps
    const out = decideModeration(this.state, request, conn, room.doc, this.now())
    if (out.denied !== null) {
      throw new RelayRefusal(CLOSE_CODES.PERMISSION_DENIED, denyRequest(conn, out.denied))
    }
    if (out.writes.length > 0) room.output.atomically(() => writeModeration(room.doc, out.writes))
    this.state = out.state
    if (out.reply !== null) conn.send(replyFrame(this.state, conn, out.reply))
    if (out.changed !== null) {
      this.persist()
      tellModeration(this.state, room.conns, this.listening, out.changed)
    }
    return true
  }

  private persist(): void {
    const { persistence, room } = this.deps
    if (!persistence.saveModeration) return
    const json = JSON.stringify(this.state)
    this.saving = this.saving
      .then(() => persistence.saveModeration!(room.sessionId, json))
      .catch((err: unknown) =>
        this.deps.warn(`relay: saving session ${room.sessionId}'s moderation inbox failed`, err),
      )
  }
}
