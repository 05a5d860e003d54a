import type * as Y from 'yjs'
import { assetIdOfSrc } from '../../../core/common/photos/photo'
import { assetIdOfRecord, referencedAssetIds } from '../../../core/common/photos/referencedAssets'
import { recordsArray } from '../../../core/common/session/docSchema'
import { plain, readRecords } from '../../../core/common/session/read'
import { fetchAsset, hasAsset, storeAsset, type AssetEndpoint } from '../../device/assetEndpoint'

/** How a published session's pictures stand: on both sides, still to copy, or found on neither. */
export interface AssetMirrorState {
  /** Pictures the board uses that both this computer and the relay hold. */
  readonly copied: number
  /** Pictures still to copy (or whose copy failed and will be tried again). */
  readonly waiting: number
  /** Pictures the board uses that neither side holds (added on a device that never sent them). */
  readonly missing: number
}

export interface AssetMirrorOptions {
  doc: Y.Doc
  /** This computer's server (the board's own asset store). */
  local: AssetEndpoint
  /** The relay the session is published to, with the admin token. */
  remote: AssetEndpoint
  /** At most one pass over the document per this many ms while it changes (default 1000). */
  throttleMs?: number
  /** A pass again after this many ms while something is waiting or missing (default 15000). */
  retryMs?: number
  /** Each request gives up after this many ms (default 30000). */
  timeoutMs?: number
  onChange?: (state: AssetMirrorState) => void
}

/**
 * The pictures of a published session, on both sides (issue 18 item 5: the facilitator's laptop keeps
 * its own complete copy while published). The document carries only asset ids (photos/photo.ts); the
 * bytes live in each server's asset store. While published, every picture the board uses is copied to
 * whichever side lacks it: the laptop's photos to the relay (so remote guests see them), guests' photos
 * from the relay to the laptop (so the local copy, its exports and an unpublished session keep them).
 * Asset ids are the SHA-256 of the bytes, so a copy has the same id on both sides and nothing in the
 * document changes. Runs after each change of the document (throttled) and retries what failed.
 */
export class AssetMirror {
  /** Every asset the board has used since publishing (a deleted picture's copy does no harm). */
  private readonly used: Set<string>
  /** Held on both sides: never asked about again. */
  private readonly done = new Set<string>()
  private state: AssetMirrorState = { copied: 0, waiting: 0, missing: 0 }
  private passing: Promise<void> | null = null
  private again = false
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastPass = -Infinity
  private disposed = false
  private readonly abort = new AbortController()

  private readonly records: Y.Array<unknown>

  constructor(private readonly opts: AssetMirrorOptions) {
    this.used = new Set(referencedAssetIds(readRecords(opts.doc)))
    this.records = recordsArray(opts.doc)
    this.records.observe(this.onRecords)
    this.schedule(0)
  }

  current(): AssetMirrorState {
    return this.state
  }

  /** Runs a pass now (and resolves when it is done). */
  async sync(): Promise<AssetMirrorState> {
    if (this.passing) {
      this.again = true
      await this.passing
    }
    await this.pass()
    return this.state
  }

  dispose(): void {
    this.disposed = true
    this.abort.abort()
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.records.unobserve(this.onRecords)
  }

  /** Records added (a new card, a changed card, an image): any new asset they name is copied soon. */
  private readonly onRecords = (event: Y.YArrayEvent<unknown>): void => {
    let fresh = false
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent()) {
        const id = assetIdOfRecord(plain((entry as { val?: unknown } | null)?.val))
        if (id === null || this.used.has(id)) continue
        this.used.add(id)
        fresh = true
      }
    }
    if (!fresh) return
    const throttle = this.opts.throttleMs ?? 1000
    this.schedule(Math.max(0, this.lastPass + throttle - Date.now()))
  }

  private schedule(delay: number): void {
    if (this.disposed) return
    if (this.passing) {
      this.again = true
      return
    }
    if (this.timer !== null) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.pass()
    }, delay)
  }

  private async pass(): Promise<void> {
    if (this.disposed || this.passing) return
    this.lastPass = Date.now()
    this.again = false
    this.passing = this.copyAll().finally(() => {
      this.passing = null
    })
    await this.passing
    if (this.disposed) return
    if (this.again) this.schedule(0)
    else if (this.state.waiting + this.state.missing > 0) this.schedule(this.opts.retryMs ?? 15_000)
  }

  private async copyAll(): Promise<void> {
    const ids = [...this.used].sort()
    let waiting = 0
    let missing = 0
    for (const id of ids) {
      if (this.disposed) return
      if (this.done.has(id)) continue
      try {
        const outcome = await this.copy(id)
        if (outcome === 'both') this.done.add(id)
        else missing++
      } catch {
        waiting++ // a server did not answer or refused: tried again on the next pass
      }
    }
    const copied = ids.filter((id) => this.done.has(id)).length
    const next = { copied, waiting, missing }
    if (JSON.stringify(next) === JSON.stringify(this.state)) return
    this.state = next
    this.opts.onChange?.(next)
  }

  /** Copies one asset to the side that lacks it; 'both' when both now hold it, 'neither' when nobody does. */
  private async copy(id: string): Promise<'both' | 'neither'> {
    const { local, remote } = this.opts
    const [here, there] = await Promise.all([
      hasAsset(local, id, this.signal()),
      hasAsset(remote, id, this.signal()),
    ])
    if (here && there) return 'both'
    if (!here && !there) return 'neither'
    const [from, to] = here ? [local, remote] : [remote, local]
    const bytes = await fetchAsset(from, id, this.signal())
    if (bytes === null) return 'neither'
    const src = await storeAsset(to, bytes, this.signal())
    if (assetIdOfSrc(src) !== id) throw new Error(`the copy of ${id} was stored as ${src}`)
    return 'both'
  }

  private signal(): AbortSignal {
    return AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.timeoutMs ?? 30_000)])
  }
}
