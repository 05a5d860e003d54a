import type { Low } from 'lowdb'
import type { IndexData } from './schemas'

const INDEX_DEBOUNCE_MS = 1_000

/** Saves the session index (index.json): at once, or debounced for frequent changes (stats, touches). */
export class IndexWriter {
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Low<IndexData>,
    /** No debounced write is scheduled once this returns true (the store is closed). */
    private readonly isClosed: () => boolean,
    /** A debounced write failed. */
    private readonly onError: (e: unknown) => void,
  ) {}

  /** Writes the index now, cancelling a scheduled write. */
  async write(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    await this.db.write()
  }

  /** Writes the index within a second, once for any number of calls until then. */
  schedule(): void {
    if (this.timer || this.isClosed()) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.db.write().catch((e: unknown) => this.onError(e))
    }, INDEX_DEBOUNCE_MS)
  }
}
