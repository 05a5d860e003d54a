import { cp } from 'node:fs/promises'
import * as Y from 'yjs'
import type { SaveState } from '../relay/persistence'
import type { SessionSummary } from '../../../shared/model/session'
import { type StorageWarning, errorMessage } from './errors'
import { nowIso } from './ids'
import { sessionFiles } from './layout'
import { SessionLog } from './sessionLog'
import path from 'node:path'
import { LOG_HEADER_BYTES } from './binaryFormats'
import { type StoredState, readStoredState, writeFreshState } from './sessionState'

/** What the open logs use of the SessionStore. */
export interface OpenLogsContext {
  /** The session's folder, in sessions/ or trash/. */
  dirOf(s: SessionSummary): string
  warn(kind: StorageWarning['kind'], message: string, sessionId?: string): void
  emitSave(id: string, state: SaveState): void
  /** The session's appends are durable: it was updated now. */
  touch(id: string): void
  /** The session's live document, when setLiveDocs is in use and its room is loaded. */
  liveDoc(id: string): Y.Doc | undefined
}

export interface OpenLogsOptions {
  readonly batchMs: number
  readonly compactBytes: number
  readonly liveCompactBytes: number
}

/**
 * The update logs of the sessions open for saving (SessionStore's RoomPersistence side): opening a log,
 * keeping an unreadable tail aside with a warning; updates that arrive while it opens; and the state read
 * while opening, which `load` reuses if nothing was written since.
 */
export class OpenSessionLogs {
  private readonly logs = new Map<string, SessionLog>()
  private readonly opening = new Map<string, Promise<SessionLog>>()
  private readonly early = new Map<string, Uint8Array[]>()
  private readonly lastLoaded = new Map<string, { updates: Uint8Array[]; logLength: number }>()

  constructor(
    private readonly ctx: OpenLogsContext,
    private readonly opts: OpenLogsOptions,
  ) {}

  /** RoomPersistence.load: the session's stored updates, with its log open. */
  async load(s: SessionSummary): Promise<Uint8Array[]> {
    const log = await this.open(s)
    const pre = this.lastLoaded.get(s.id)
    this.lastLoaded.delete(s.id)
    // The read made while opening is still exact if nothing was written since: skip a second read.
    if (pre && !log.hasPending && log.compactions === 0 && log.logBytes === pre.logLength) return pre.updates
    await log.flush()
    return (await readStoredState(this.ctx.dirOf(s))).updates
  }

  /** The session's log, opening it if it is not open (or opening) yet. */
  open(s: SessionSummary): Promise<SessionLog> {
    const existing = this.opening.get(s.id)
    if (existing) return existing
    const id = s.id
    const dir = this.ctx.dirOf(s)
    const p = (async () => {
      let stored = await readStoredState(dir)
      if (stored.recovery) stored = await this.rewriteRecovered(s, dir, stored)
      else if (stored.droppedTail) {
        const { bytes, problem } = stored.droppedTail
        if (!problem.startsWith('a torn')) {
          const aside = `${sessionFiles(dir).log}.damaged-${nowIso().replace(/[:.]/g, '-')}`
          await cp(sessionFiles(dir).log, aside).catch(() => undefined)
        }
        this.ctx.warn(
          'log-tail-dropped',
          `“${s.title}”: the last ${bytes} bytes of the update log were unreadable (${problem}) and were dropped; everything saved before them was kept.`,
          id,
        )
      }
      const log = await SessionLog.open(dir, stored.validLogLength, {
        batchMs: this.opts.batchMs,
        compactBytes: this.opts.compactBytes,
        liveCompactBytes: this.opts.liveCompactBytes,
        onState: (state) => this.ctx.emitSave(id, state),
        onCompactionError: (e) =>
          this.ctx.warn('snapshot-unreadable', `Could not compact “${s.title}”: ${errorMessage(e)}`, id),
        onDurable: () => this.ctx.touch(id),
        liveState: () => {
          const doc = this.ctx.liveDoc(id)
          return doc ? Y.encodeStateAsUpdate(doc) : null
        },
      })
      this.lastLoaded.set(id, { updates: stored.updates, logLength: log.logBytes })
      for (const u of this.early.get(id) ?? []) log.append(u)
      this.early.delete(id)
      this.logs.set(id, log)
      return log
    })()
    this.opening.set(id, p)
    p.catch((e: unknown) => {
      this.opening.delete(id)
      this.early.delete(id)
      this.ctx.emitSave(id, { state: 'error', reason: errorMessage(e) })
    })
    return p
  }

  /**
   * A damaged session folder opened for saving: its damaged files are kept beside it
   * (`<file>.damaged-<time>`), it is rewritten from what was recovered (snapshot + empty log), and what
   * was recovered and set aside is reported as a 'session-recovered' warning.
   */
  private async rewriteRecovered(s: SessionSummary, dir: string, stored: StoredState): Promise<StoredState> {
    const files = sessionFiles(dir)
    const stamp = nowIso().replace(/[:.]/g, '-')
    const kept: string[] = []
    for (const which of stored.recovery!.damaged) {
      const file = which === 'snapshot' ? files.snapshot : files.log
      const aside = `${file}.damaged-${stamp}`
      await cp(file, aside)
      kept.push(path.basename(aside))
    }
    const state = stored.updates[0]!
    await writeFreshState(dir, state)
    const notes = [...stored.recovery!.notes]
    if (kept.length > 0)
      notes.push(`The damaged files were kept beside the session as ${kept.join(' and ')}.`)
    this.ctx.warn(
      'session-recovered',
      `“${s.title}” was damaged and has been recovered. ${notes.join(' ')}`,
      s.id,
    )
    return { ...stored, updates: [state], validLogLength: LOG_HEADER_BYTES, droppedTail: null }
  }

  /** The session's log if it has finished opening. */
  get(id: string): SessionLog | undefined {
    return this.logs.get(id)
  }

  /** Whether the session's log is open or opening. */
  isOpen(id: string): boolean {
    return this.logs.has(id) || this.opening.has(id)
  }

  /** Keeps an update that came before the session's log was open, and opens it (which appends it). */
  appendEarly(s: SessionSummary, update: Uint8Array): void {
    const early = this.early.get(s.id) ?? []
    early.push(update)
    this.early.set(s.id, early)
    this.ctx.emitSave(s.id, { state: 'saving' })
    void this.open(s).catch(() => undefined)
  }

  async flush(id: string): Promise<void> {
    const log = this.logs.get(id) ?? (await this.opening.get(id))
    if (log) await log.flush()
  }

  /** Forgets the session's log (once it has opened, if it is opening) and hands it back for closing. */
  async release(id: string): Promise<SessionLog | undefined> {
    const log = this.logs.get(id) ?? (await this.opening.get(id)?.catch(() => undefined))
    this.opening.delete(id)
    this.logs.delete(id)
    this.lastLoaded.delete(id)
    return log
  }

  /** The sessions whose log is open or opening. */
  ids(): string[] {
    return [...new Set([...this.logs.keys(), ...this.opening.keys()])]
  }
}
