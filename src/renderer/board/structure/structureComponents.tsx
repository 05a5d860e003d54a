import type * as Y from 'yjs'
import type { TLComponents } from 'tldraw'
import { StructureLayer } from './StructureLayer'

const cache = new WeakMap<Y.Doc, TLComponents>()

/**
 * tldraw `components` that draw a session's board structure behind the cards (one stable object per
 * doc, as tldraw expects components not to change between renders).
 */
export function structureComponents(doc: Y.Doc): TLComponents {
  let c = cache.get(doc)
  if (!c) {
    const OnTheCanvas = () => <StructureLayer doc={doc} />
    c = { OnTheCanvas }
    cache.set(doc, c)
  }
  return c
}
