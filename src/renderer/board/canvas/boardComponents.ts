import type * as Y from 'yjs'
import type { TLComponents } from 'tldraw'
import { structureComponents } from '../structure/structureComponents'
import { ActiveShapeIndicators } from './ActiveShapeIndicators'

const cache = new WeakMap<Y.Doc, TLComponents>()

/** The tldraw `components` of a session's board (one stable object per doc, as tldraw expects). */
export function boardComponents(doc: Y.Doc): TLComponents {
  let c = cache.get(doc)
  if (!c) {
    c = { ...structureComponents(doc), ShapeIndicators: ActiveShapeIndicators }
    cache.set(doc, c)
  }
  return c
}
