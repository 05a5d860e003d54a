/**
 * Hands the tldraw store's pending changes to its listeners (the Yjs binding) now, instead of on the
 * next animation frame.
 *
 * tldraw 3.15.6 batches store changes and calls `store.listen` listeners from a reactor throttled to
 * the next frame. We need them now in three places: hidden tabs get no frames (changes made while
 * hidden — API calls, facilitation — must still sync), closing the window or the board must hand the
 * last changes to Yjs before the socket goes, and a structure edit must reach peers with its card
 * moves before the new structure. The store offers no public, documented flush: `_flushHistory()` is
 * a public method by TypeScript but undocumented (underscore, not in the API docs). So this is the
 * ONE place that calls it (ADR 0012), and test/unit/canvas/flushStore.test.ts fails if a tldraw
 * upgrade removes it or it stops delivering pending changes.
 */
export interface FlushableStore {
  _flushHistory(): void
}

export function flushStore(store: FlushableStore): void {
  store._flushHistory()
}
