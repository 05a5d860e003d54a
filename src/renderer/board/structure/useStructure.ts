import { useCallback, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import type { BoardStructure } from '../../../shared/model/structure'
import { sessionMap, WORKSHOP_KEYS } from '../../../core/common/session/docSchema'
import { readStructure } from '../../../core/common/session/read'

/**
 * The live board structure of a session doc, read once per change of the `workshop` map (not per
 * render). No tldraw here: the Templates view and the canvas layer both use it.
 */
interface StructureSource {
  structure: BoardStructure | null
  readonly listeners: Set<() => void>
}

const sources = new WeakMap<Y.Doc, StructureSource>()

function sourceFor(doc: Y.Doc): StructureSource {
  let s = sources.get(doc)
  if (s) return s
  const source: StructureSource = { structure: readStructure(doc), listeners: new Set() }
  const workshop = sessionMap(doc, 'workshop')
  let last = workshop.get(WORKSHOP_KEYS.structure)
  workshop.observe(() => {
    const raw = workshop.get(WORKSHOP_KEYS.structure)
    if (raw === last) return // another workshop key changed (agenda, timer …)
    last = raw
    source.structure = readStructure(doc)
    for (const l of source.listeners) l()
  })
  sources.set(doc, source)
  s = source
  return s
}

/** The structure now (validated; null when absent or invalid). */
export function currentStructure(doc: Y.Doc): BoardStructure | null {
  return sourceFor(doc).structure
}

/** Calls `listener` whenever the structure in `doc` changes. */
export function onStructure(doc: Y.Doc, listener: () => void): () => void {
  const s = sourceFor(doc)
  s.listeners.add(listener)
  return () => s.listeners.delete(listener)
}

const noop = () => () => {}
const none = () => null

/** React hook: the structure of `doc`, re-rendering only when it changes. */
export function useStructure(doc: Y.Doc | null | undefined): BoardStructure | null {
  const subscribe = useCallback((l: () => void) => (doc ? onStructure(doc, l) : noop()), [doc])
  const snapshot = useCallback(() => (doc ? currentStructure(doc) : none()), [doc])
  return useSyncExternalStore(subscribe, snapshot)
}
