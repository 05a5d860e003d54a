import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTLStore, defaultShapeUtils, PageRecordType } from 'tldraw'
import { flushStore } from '../../../src/renderer/board/sync/flushStore'

/**
 * ADR 0012: flushStore relies on tldraw's undocumented `store._flushHistory()`. These tests pin the
 * behaviour we rely on, so a tldraw upgrade that removes or changes it fails here, not in the field.
 */
describe('flushStore (tldraw private API guard)', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    delete (globalThis as { __FORCE_RAF_IN_TESTS__?: boolean }).__FORCE_RAF_IN_TESTS__
  })

  it('the store still has _flushHistory', () => {
    const store = createTLStore({ shapeUtils: defaultShapeUtils })
    expect(typeof (store as unknown as { _flushHistory?: unknown })._flushHistory).toBe('function')
  })

  it('delivers changes that wait for the next frame to listeners at once', () => {
    // make tldraw wait for an animation frame that never comes, as in a hidden tab
    ;(globalThis as { __FORCE_RAF_IN_TESTS__?: boolean }).__FORCE_RAF_IN_TESTS__ = true
    vi.stubGlobal('requestAnimationFrame', () => 0)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    const store = createTLStore({ shapeUtils: defaultShapeUtils })
    const seen: string[] = []
    store.listen((e) => seen.push(...Object.keys(e.changes.added)), { scope: 'document' })
    const page = PageRecordType.create({
      id: PageRecordType.createId('flush'),
      name: 'Flush',
      index: 'a2' as never,
    })
    store.put([page])
    expect(seen).toEqual([]) // still waiting for a frame
    flushStore(store)
    expect(seen).toEqual([page.id])
  })
})
