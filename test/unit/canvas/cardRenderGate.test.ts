import { describe, expect, it, vi } from 'vitest'
import { atom, react, type TLShapeId } from 'tldraw'
import { CardRenderGate, type GateEditor } from '../../../src/renderer/board/shapes/cardRenderGate'

/**
 * The gate reads four things of the tldraw editor; here they come from real tldraw signals, so the
 * gate's own reactivity (computeds, latching, transactions) runs exactly as on the canvas.
 */
function board(cardCount: number) {
  const ids = Array.from({ length: cardCount }, (_, i) => `shape:card${i}` as TLShapeId)
  const culled = atom('culled', new Set<TLShapeId>(ids))
  const listeners = new Set<(e: { changes: { added: Record<string, unknown> } }) => void>()
  const editor: GateEditor = {
    getCulledShapes: () => culled.get(),
    getCurrentPageShapeIds: () => new Set(ids),
    getShape: ((id: TLShapeId) => (ids.includes(id) ? { id, type: 'card' } : undefined)) as never,
    store: {
      has: ((id: TLShapeId) => ids.includes(id)) as never,
      listen: ((l: (e: { changes: { added: Record<string, unknown> } }) => void) => {
        listeners.add(l)
        return () => listeners.delete(l)
      }) as never,
    },
  }
  const setInView = (...inView: TLShapeId[]) => culled.set(new Set(ids.filter((id) => !inView.includes(id))))
  /** A card arrives out of view (another person's, say), as the store reports it. */
  const addCard = (): TLShapeId => {
    const id = `shape:card${ids.length}` as TLShapeId
    ids.push(id)
    culled.set(new Set([...culled.get(), id]))
    for (const l of [...listeners])
      l({ changes: { added: { [id]: { id, typeName: 'shape', type: 'card' } } } })
    return id
  }
  return { ids, editor, setInView, addCard }
}

describe('CardRenderGate', () => {
  it('draws a card once it has been in view, and keeps it drawn when it leaves the view', () => {
    const { ids, editor, setInView } = board(3)
    const gate = new CardRenderGate(editor)
    expect(ids.map((id) => gate.isShown(id))).toEqual([false, false, false])
    setInView(ids[1]!)
    expect(ids.map((id) => gate.isShown(id))).toEqual([false, true, false])
    setInView(ids[2]!)
    expect(ids.map((id) => gate.isShown(id))).toEqual([false, true, true])
  })

  it('tells a watching component only when its own card flips, not on every camera move', () => {
    const { ids, editor, setInView } = board(3)
    const gate = new CardRenderGate(editor)
    const runs: boolean[] = []
    const stop = react('card 0', () => void runs.push(gate.isShown(ids[0]!)))
    setInView(ids[1]!)
    setInView(ids[2]!)
    expect(runs).toEqual([false])
    setInView(ids[0]!)
    setInView(ids[1]!)
    setInView()
    expect(runs).toEqual([false, true])
    stop()
  })

  it('gives every card its content in batches after the delay, and stops when told', async () => {
    const { ids, editor } = board(25)
    const gate = new CardRenderGate(editor)
    const stop = gate.hydrate(0, 10)
    await vi.waitFor(() => expect(ids.every((id) => gate.isShown(id))).toBe(true))
    stop()

    const other = board(25)
    const stopped = new CardRenderGate(other.editor)
    stopped.hydrate(0, 10)()
    await new Promise((r) => setTimeout(r, 50))
    expect(other.ids.some((id) => stopped.isShown(id))).toBe(false)
  })

  it('gives cards added after hydration finished their content too, until stopped', async () => {
    const { ids, editor, addCard } = board(5)
    const gate = new CardRenderGate(editor)
    const stop = gate.hydrate(0, 10)
    await vi.waitFor(() => expect(ids.every((id) => gate.isShown(id))).toBe(true))
    const late = addCard()
    await vi.waitFor(() => expect(gate.isShown(late)).toBe(true))
    stop()
    const afterStop = addCard()
    await new Promise((r) => setTimeout(r, 50))
    expect(gate.isShown(afterStop)).toBe(false)
  })
})
