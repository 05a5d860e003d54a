import {
  ARROW_LABEL_FONT_SIZES,
  createShapeId,
  type Editor,
  type TLArrowBinding,
  type TLArrowShape,
  type TLShapeId,
} from 'tldraw'
import { CARD_SHAPE_TYPE, type CardKind } from '../../../core/common/cards/card'
import { ARROW_SHAPE_TYPE } from '../../../core/common/cards/cardRecord'
import {
  defaultLinkKind,
  LINK_KIND_INFO,
  LINK_META_KEY,
  linkKindOf,
  storedLinkKind,
  type LinkKind,
} from '../../../core/common/cards/link'
import type { CardShape } from '../shapes/cardSchema'
import { routeLink, type Box } from './linkRoute'

/** A link as the canvas and the outline show it: the arrow, its two cards (start → end) and its kind. */
export interface BoardLink {
  arrowId: string
  fromCardId: string
  toCardId: string
  kind: LinkKind
}

/**
 * Links between cards on the live board (ADR 0035): an arrow bound at both ends to cards, its kind in
 * the arrow's meta and shown as its label. Every change goes through the editor, so it is undoable and
 * syncs like any other canvas change.
 */
export interface LinkOps {
  /** Every link on the page, in arrow id order. */
  list(): BoardLink[]
  /** The link an arrow makes, or null when it does not join two cards. */
  get(arrowId: string): BoardLink | null
  /** Joins two cards (from → to); the kind defaults from the cards' kinds. Null if read-only or invalid. */
  create(fromCardId: string, toCardId: string, kind?: LinkKind): string | null
  setKind(arrowId: string, kind: LinkKind): boolean
  remove(arrowId: string): boolean
}

function cardOf(editor: Editor, id: string): CardShape | null {
  const s = editor.getShape(id as TLShapeId)
  return s && s.type === CARD_SHAPE_TYPE ? (s as CardShape) : null
}

/** The cards an arrow's two ends are bound to, or null unless both ends are bound to (different) cards. */
export function linkEnds(editor: Editor, arrowId: string): { from: CardShape; to: CardShape } | null {
  let from: CardShape | null = null
  let to: CardShape | null = null
  for (const b of editor.getBindingsFromShape<TLArrowBinding>(arrowId as TLShapeId, 'arrow')) {
    const card = cardOf(editor, b.toId)
    if (b.props.terminal === 'start') from = card
    else to = card
  }
  return from && to && from.id !== to.id ? { from, to } : null
}

function asLink(editor: Editor, arrow: TLArrowShape): BoardLink | null {
  const ends = linkEnds(editor, arrow.id)
  if (!ends) return null
  return {
    arrowId: arrow.id,
    fromCardId: ends.from.id,
    toCardId: ends.to.id,
    kind: linkKindOf(arrow.meta, ends.from.props.kind as CardKind, ends.to.props.kind as CardKind),
  }
}

const arrows = (editor: Editor): TLArrowShape[] =>
  editor.getCurrentPageShapes().filter((s): s is TLArrowShape => s.type === ARROW_SHAPE_TYPE)

/** The arrow's props and meta for a link of this kind (label = the kind in words). */
function kindPatch(arrow: TLArrowShape, kind: LinkKind) {
  return {
    id: arrow.id,
    type: ARROW_SHAPE_TYPE,
    meta: { ...arrow.meta, [LINK_META_KEY]: kind },
    props: { text: LINK_KIND_INFO[kind].label },
  } as const
}

/**
 * Makes a new arrow into a link, or removes it: an arrow that joins two cards gets its kind (stored, so
 * the label and the exports agree) if it has none; one that does not is deleted, since a line that joins
 * nothing is not workshop data. Returns whether the arrow is kept.
 */
export function settleArrow(editor: Editor, arrowId: TLShapeId): boolean {
  const arrow = editor.getShape<TLArrowShape>(arrowId)
  if (!arrow || arrow.type !== ARROW_SHAPE_TYPE) return false
  const ends = linkEnds(editor, arrowId)
  if (!ends) {
    editor.deleteShapes([arrowId])
    return false
  }
  const stored = storedLinkKind(arrow.meta)
  const kind = stored ?? defaultLinkKind(ends.from.props.kind as CardKind, ends.to.props.kind as CardKind)
  if (!stored || arrow.props.text !== LINK_KIND_INFO[kind].label) editor.updateShape(kindPatch(arrow, kind))
  routeLinkArrow(editor, arrowId)
  return true
}

/** Other cards this far (page px) beyond the two linked cards' box can not be on the line. */
const ROUTE_MARGIN = 200

/**
 * Points a link's two ends at anchors on its cards' edges and places its label (linkRoute.ts), so the
 * line goes round other cards where it can and the label covers none. Writes only what changed.
 */
export function routeLinkArrow(editor: Editor, arrowId: TLShapeId): void {
  const arrow = editor.getShape<TLArrowShape>(arrowId)
  const ends = arrow ? linkEnds(editor, arrowId) : null
  if (!arrow || !ends) return
  const from = editor.getShapePageBounds(ends.from.id)
  const to = editor.getShapePageBounds(ends.to.id)
  if (!from || !to) return
  const area: Box = {
    x: Math.min(from.x, to.x) - ROUTE_MARGIN,
    y: Math.min(from.y, to.y) - ROUTE_MARGIN,
    w: Math.max(from.maxX, to.maxX) - Math.min(from.x, to.x) + 2 * ROUTE_MARGIN,
    h: Math.max(from.maxY, to.maxY) - Math.min(from.y, to.y) + 2 * ROUTE_MARGIN,
  }
  const others: Box[] = []
  for (const s of editor.getCurrentPageShapes()) {
    if (s.type !== CARD_SHAPE_TYPE || s.id === ends.from.id || s.id === ends.to.id) continue
    const b = editor.getShapePageBounds(s.id)
    if (b && b.x < area.x + area.w && area.x < b.maxX && b.y < area.y + area.h && area.y < b.maxY)
      others.push({ x: b.x, y: b.y, w: b.w, h: b.h })
  }
  // the label's size on the page, a little generous (tldraw draws it in its arrow label font)
  const fs = ARROW_LABEL_FONT_SIZES[arrow.props.size] * arrow.props.scale
  const label = { w: arrow.props.text.length * fs * 0.62 + 24, h: fs * 1.4 + 12 }
  const route = routeLink(
    { x: from.x, y: from.y, w: from.w, h: from.h },
    { x: to.x, y: to.y, w: to.w, h: to.h },
    others,
    label,
  )
  const same = (p: { x: number; y: number }, q: { x: number; y: number }) =>
    Math.abs(p.x - q.x) < 1e-6 && Math.abs(p.y - q.y) < 1e-6
  for (const b of editor.getBindingsFromShape<TLArrowBinding>(arrowId, 'arrow')) {
    const anchor = b.props.terminal === 'start' ? route.start : route.end
    if (b.props.isPrecise && !b.props.isExact && same(b.props.normalizedAnchor, anchor)) continue
    editor.updateBinding<TLArrowBinding>({
      id: b.id,
      type: 'arrow',
      props: { ...b.props, normalizedAnchor: anchor, isPrecise: true, isExact: false },
    })
  }
  if (Math.abs(arrow.props.labelPosition - route.labelPosition) > 1e-6)
    editor.updateShape<TLArrowShape>({
      id: arrowId,
      type: ARROW_SHAPE_TYPE,
      props: { labelPosition: route.labelPosition },
    })
}

export function createLinkOps(editor: Editor): LinkOps {
  const arrowShape = (id: string): TLArrowShape | null => {
    const s = editor.getShape<TLArrowShape>(id as TLShapeId)
    return s && s.type === ARROW_SHAPE_TYPE ? s : null
  }
  return {
    list: () =>
      arrows(editor)
        .map((a) => asLink(editor, a))
        .filter((l): l is BoardLink => l !== null)
        .sort((a, b) => (a.arrowId < b.arrowId ? -1 : a.arrowId > b.arrowId ? 1 : 0)),
    get: (id) => {
      const a = arrowShape(id)
      return a ? asLink(editor, a) : null
    },
    create: (fromCardId, toCardId, kind) => {
      if (editor.getIsReadonly()) return null
      const from = cardOf(editor, fromCardId)
      const to = cardOf(editor, toCardId)
      if (!from || !to || from.id === to.id) return null
      const k = kind ?? defaultLinkKind(from.props.kind, to.props.kind)
      const a = editor.getShapePageBounds(from)!.center
      const b = editor.getShapePageBounds(to)!.center
      const id = createShapeId()
      editor.run(() => {
        editor.markHistoryStoppingPoint('link cards')
        editor.createShape<TLArrowShape>({
          id,
          type: 'arrow',
          x: a.x,
          y: a.y,
          meta: { [LINK_META_KEY]: k },
          props: {
            start: { x: 0, y: 0 },
            end: { x: b.x - a.x, y: b.y - a.y },
            text: LINK_KIND_INFO[k].label,
          },
        })
        const bind = (toId: TLShapeId, terminal: 'start' | 'end') => ({
          type: 'arrow' as const,
          fromId: id,
          toId,
          props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
        })
        editor.createBindings([bind(from.id, 'start'), bind(to.id, 'end')])
        routeLinkArrow(editor, id)
      })
      return id
    },
    setKind: (id, kind) => {
      const a = arrowShape(id)
      if (!a || editor.getIsReadonly() || !linkEnds(editor, id)) return false
      editor.markHistoryStoppingPoint('link kind')
      editor.updateShape(kindPatch(a, kind))
      return true
    },
    remove: (id) => {
      const a = arrowShape(id)
      if (!a || editor.getIsReadonly()) return false
      editor.markHistoryStoppingPoint('remove link')
      editor.deleteShapes([a.id])
      return true
    },
  }
}
