import { atom, computed, transact, type Atom, type Computed, type Editor, type TLShapeId } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'

interface GateEntry {
  /** Set by hydration: draw the card even though it has not been in view yet. */
  forced: Atom<boolean>
  /** Whether the card draws its content; once true it stays true. */
  shown: Computed<boolean>
}

/** What the gate reads of the editor. */
export type GateEditor = Pick<Editor, 'getCulledShapes' | 'getCurrentPageShapeIds' | 'getShape'> & {
  store: Pick<Editor['store'], 'has' | 'listen'>
}

/** Cards given their content per idle slice by `hydrate` (about 25 ms of work on a 2-core laptop). */
const HYDRATE_BATCH = 100

/**
 * Which cards draw their content. tldraw mounts a shape for every record on the page and hides the ones
 * out of view (culled) with `display: none`; opening a 2,000-card board would build every card's
 * markup before the first frame. A card draws its content the first time it is in view (or selected,
 * or edited), and keeps it from then on; `hydrate` gives the rest their content in small batches while
 * the browser is idle, so zooming out later does not stall either. Each card reads one computed value
 * that flips once, so panning re-renders only the cards coming into view for the first time.
 */
export class CardRenderGate {
  private readonly entries = new Map<TLShapeId, GateEntry>()

  constructor(private readonly editor: GateEditor) {}

  /** Read inside a shape's component (tracked by tldraw): whether this card draws its content. */
  isShown(id: TLShapeId): boolean {
    return this.entry(id).shown.get()
  }

  /**
   * Gives every card on the page its content, `batch` cards per idle slice, starting after `delayMs`;
   * cards added later (by anyone, anywhere on the page) get theirs in the next idle slices too.
   * Returns a function that stops it.
   */
  hydrate(delayMs = 300, batch = HYDRATE_BATCH): () => void {
    let stopped = false
    let handle: ReturnType<typeof setTimeout> | number | null = null
    const idle = (fn: () => void) =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(fn, { timeout: 500 })
        : setTimeout(fn, 16)
    const step = () => {
      handle = null
      if (stopped) return
      const pending: GateEntry[] = []
      for (const id of this.editor.getCurrentPageShapeIds()) {
        if (this.editor.getShape(id)?.type !== CARD_SHAPE_TYPE) continue
        const e = this.entry(id)
        if (!e.forced.get() && !e.shown.get()) pending.push(e)
        if (pending.length >= batch) break
      }
      if (pending.length === 0) return this.prune()
      transact(() => {
        for (const e of pending) e.forced.set(true)
      })
      handle = idle(step)
    }
    handle = setTimeout(() => {
      handle = idle(step)
    }, delayMs)
    const offStore = this.editor.store.listen(
      ({ changes }) => {
        if (handle !== null || stopped) return
        const cardAdded = Object.values(changes.added).some(
          (r) => r.typeName === 'shape' && r.type === CARD_SHAPE_TYPE,
        )
        if (cardAdded) handle = idle(step)
      },
      { scope: 'document' },
    )
    return () => {
      stopped = true
      offStore()
      if (handle === null) return
      if (typeof handle === 'number' && typeof cancelIdleCallback === 'function') cancelIdleCallback(handle)
      clearTimeout(handle as ReturnType<typeof setTimeout>)
    }
  }

  /** Forgets cards no longer in the store. */
  private prune(): void {
    for (const id of this.entries.keys()) if (!this.editor.store.has(id)) this.entries.delete(id)
  }

  private entry(id: TLShapeId): GateEntry {
    let e = this.entries.get(id)
    if (!e) {
      const forced = atom(`card forced ${id}`, false)
      let latched = false
      const shown = computed(`card shown ${id}`, () => {
        // once latched the computed reads nothing, so it is never re-evaluated again
        if (latched) return true
        if (forced.get() || !this.editor.getCulledShapes().has(id)) latched = true
        return latched
      })
      e = { forced, shown }
      this.entries.set(id, e)
    }
    return e
  }
}

const gates = new WeakMap<GateEditor, CardRenderGate>()

/** The gate of an editor (one per editor). */
export function cardRenderGate(editor: GateEditor): CardRenderGate {
  let g = gates.get(editor)
  if (!g) {
    g = new CardRenderGate(editor)
    gates.set(editor, g)
  }
  return g
}
