import { createShapeId, type Editor, type TLArrowBinding, type TLArrowShape, type TLShapeId } from 'tldraw'
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
  return true
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
