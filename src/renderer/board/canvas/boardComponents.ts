import type * as Y from 'yjs'
import type { TLComponents } from 'tldraw'
import { structureComponents } from '../structure/structureComponents'
import { ActiveShapeIndicators } from './ActiveShapeIndicators'
import { CanvasToolbar } from './CanvasToolbar'

const cache = new WeakMap<Y.Doc, TLComponents>()

/**
 * The tldraw `components` of a session's board (one stable object per doc, as tldraw expects): the
 * structure behind the cards, our toolbar, and none of tldraw's top panels — the main menu and pages
 * menu (top left) and the style panel (top right) sat over the stage headers and offered shapes and
 * pages that are not workshop data (ADR 0034). The zoom controls, help menu and the "Made with tldraw"
 * mark are tldraw's own and stay.
 */
export function boardComponents(doc: Y.Doc): TLComponents {
  let c = cache.get(doc)
  if (!c) {
    c = {
      ...structureComponents(doc),
      ShapeIndicators: ActiveShapeIndicators,
      Toolbar: CanvasToolbar,
      MenuPanel: null,
      PageMenu: null,
      MainMenu: null,
      StylePanel: null,
      QuickActions: null,
      ActionsMenu: null,
      DebugMenu: null,
      DebugPanel: null,
      SharePanel: null,
      TopPanel: null,
      ImageToolbar: null,
      VideoToolbar: null,
    }
    cache.set(doc, c)
  }
  return c
}
