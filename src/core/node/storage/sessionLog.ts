import { open, type FileHandle } from 'node:fs/promises'
import type { SaveState } from '../relay/persistence'
import { encodeRecord, encodeSnapshot, logHeader } from './binaryFormats'
import { StorageError, saveFailureReason } from './errors'
import { writeFileAtomic } from './fsAtomic'
import { sessionFiles } from './layout'
import { compactState, prepareLogForAppend, readStoredState } from './sessionState'

export interface SessionLogOptions {
  /** Pending updates are written and fsynced at most this long after the first of them arrives. */
  readonly batchMs: number
  /** Compact (snapshot + empty log) once the log grows past this many bytes. */
  readonly compactBytes: number
  /** With a live document available (liveState), compact already past this many bytes: it is cheap then. */
  readonly liveCompactBytes?: number
  readonly onState: (state: SaveState) => void
  readonly onCompactionError: (error: unknown) => void
  readonly onDurable: () => void
  /**
   * The session's state from its live in-memory document, if a room has it loaded (null otherwise).
   * Every logged update came from that document, so its state is a superset of the log: compaction can
   * encode it instead of rebuilding the document from disk.
   */
  readonly liveState?: () => Uint8Array | null
}

const RETRY_MS = 2_000

/**
 * The open, appendable update log of one session. Appends are batched in memory, written with one write
 * and one fdatasync; every operation on the file runs on one promise chain, so writes and compaction never
 * interleave. A failed write is cut back off the file and retried; the data stays in memory meanwhile.
 */
export class SessionLog {
  private pending: Buffer[] = []
  private timer: NodeJS.Timeout | null = null
  private chain: Promise<void> = Promise.resolve()
  private state: SaveState['state'] = 'saved'
  private closed = false
  compactions = 0

  private constructor(
    readonly dir: string,
    private fh: FileHandle,
    private length: number,
    private readonly opts: SessionLogOptions,
  ) {}

  /** Opens a session's log for appending after cutting it back to `validLength` (its last good record). */
  static async open(dir: string, validLength: number, opts: SessionLogOptions): Promise<SessionLog> {
    const length = await prepareLogForAppend(dir, validLength)
    const fh = await open(sessionFiles(dir).log, 'a')
    return new SessionLog(dir, fh, length, opts)
  }

  get logBytes(): number {
    return this.length
  }

  get hasPending(): boolean {
    return this.pending.length > 0
  }

  append(update: Uint8Array): void {
    if (this.closed) {
      this.setState({ state: 'error', reason: 'the session was closed; this change was not saved' })
      return
    }
    this.pending.push(encodeRecord(update))
    if (this.state === 'saved') this.setState({ state: 'saving' })
    this.schedule(this.opts.batchMs)
  }

  /** Resolves once everything appended so far is on disk and fsynced; rejects with StorageError('io') if it cannot be. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    return this.enqueue(() => this.writePending())
  }

  /** Writes the merged state as a snapshot and starts an empty log. */
  compact(): Promise<void> {
    return this.enqueue(() => this.compactNow())
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.flush().catch(() => undefined)
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    await this.enqueue(() => this.fh.close())
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task)
    this.chain = run.catch(() => undefined)
    return run
  }

  private schedule(ms: number): void {
    if (this.timer || this.closed) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.flush().catch(() => undefined) // reported through the save state
    }, ms)
  }

  private setState(s: SaveState): void {
    if (s.state === this.state && s.state !== 'error') return
    this.state = s.state
    this.opts.onState(s)
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return
    const batch = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending)
    this.pending = []
    try {
      let off = 0
      while (off < batch.length) {
        const { bytesWritten } = await this.fh.write(batch, off, batch.length - off)
        off += bytesWritten
      }
      await this.fh.datasync()
    } catch (e) {
      // Cut off whatever part of the batch reached the file so a retry does not follow garbage.
      await this.fh.truncate(this.length).catch(() => undefined)
      this.pending.unshift(batch)
      const reason = saveFailureReason(e)
      this.setState({ state: 'error', reason })
      this.schedule(RETRY_MS)
      throw new StorageError('io', `could not save the session: ${reason}`, { cause: e })
    }
    this.length += batch.length
    this.opts.onDurable()
    if (this.pending.length === 0) this.setState({ state: 'saved' })
    const live =
      this.length > (this.opts.liveCompactBytes ?? this.opts.compactBytes)
        ? (this.opts.liveState?.() ?? null)
        : null
    if (live || this.length > this.opts.compactBytes) {
      try {
        await this.compactNow(live)
      } catch (e) {
        this.opts.onCompactionError(e)
      }
    }
  }

  private async compactNow(liveState: Uint8Array | null = null): Promise<void> {
    const files = sessionFiles(this.dir)
    const state =
      liveState ??
      this.opts.liveState?.() ??
      compactState((await readStoredState(this.dir)).updates, 'session board')
    await writeFileAtomic(files.snapshot, encodeSnapshot(state))
    // The snapshot now holds everything in the log; a crash from here on only leaves redundant updates.
    await this.fh.close()
    try {
      await writeFileAtomic(files.log, logHeader())
    } finally {
      this.fh = await open(files.log, 'a')
      this.length = (await this.fh.stat()).size
    }
    this.compactions++
  }
}
