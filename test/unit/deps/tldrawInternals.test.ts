import { createTLStore, defaultShapeUtils, PageRecordType } from 'tldraw'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

/**
 * `store._flushHistory()` is tldraw-private. The board calls it (src/renderer/board/sync/useBoardConnection.ts
 * while the tab is hidden and on pagehide; src/renderer/board/structure/editStructure.ts before writing a
 * structure undo) because tldraw hands store changes to listeners on the next animation frame, and a hidden
 * tab gets none (ADR 0016). This test pins that behaviour on the tldraw this repository installs: if an
 * upgrade renames the method or changes when changes are delivered, it fails here first.
 */
const g = globalThis as { __FORCE_RAF_IN_TESTS__?: boolean; requestAnimationFrame?: unknown }
let saved: { force?: boolean; raf?: unknown }
let frames: (() => void)[]

beforeEach(() => {
  saved = { force: g.__FORCE_RAF_IN_TESTS__, raf: g.requestAnimationFrame }
  // tldraw delivers synchronously when NODE_ENV is "test" unless told otherwise; a tab that gets no frames:
  g.__FORCE_RAF_IN_TESTS__ = true
  frames = []
  g.requestAnimationFrame = (cb: () => void) => frames.push(cb)
})
afterEach(() => {
  g.__FORCE_RAF_IN_TESTS__ = saved.force
  g.requestAnimationFrame = saved.raf
})

describe('tldraw store._flushHistory', () => {
  it('delivers pending document changes to listeners now, once, without waiting for a frame', () => {
    const store = createTLStore({ shapeUtils: defaultShapeUtils })
    expect(typeof store._flushHistory).toBe('function')
    const seen: string[][] = []
    store.listen((e) => seen.push(Object.keys(e.changes.added)), { source: 'user', scope: 'document' })
    const page = PageRecordType.create({
      id: PageRecordType.createId('p'),
      name: 'Page',
      index: 'a1' as never,
    })
    store.put([page])
    expect(seen).toEqual([]) // waiting for a frame that a hidden tab never gets
    expect(frames.length).toBeGreaterThan(0)
    store._flushHistory()
    expect(seen).toEqual([[page.id]])
    store._flushHistory()
    expect(seen).toHaveLength(1)
  })
})
