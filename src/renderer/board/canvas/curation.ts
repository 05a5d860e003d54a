import {
  LANGUAGES as TLDRAW_LANGUAGES,
  type Editor,
  type TLArrowBinding,
  type TLEventInfo,
  type TLShape,
  type TLShapeId,
  type TLUiOverrides,
  type TldrawOptions,
} from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import {
  LANGUAGES,
  PSEUDO_LOCALE,
  SOURCE_CATALOGUE,
  translator,
  type MessageKey,
  type UiLocale,
} from '../../../shared/i18n'
import { ARROW_SHAPE_TYPE } from '../../../core/common/cards/cardRecord'
import { linkEnds, routeLinkArrow, settleArrow } from '../links/linkOps'

/**
 * The curated canvas (ADR 0034): every shape people can make is workshop data, or it is not offered.
 * Cards and links (arrows joining two cards) are kept, and so are images pasted or dropped as files
 * (stored on the server by the asset store, sync/assetStore.ts); tldraw's other shapes — notes, geo
 * shapes, text, drawings, frames, embeds, bookmarks — are not in the data model, so their tools, actions
 * and paste paths are taken away, and a stray one this person makes anyway (an old clipboard) is removed.
 */

/** tldraw's image shape: what a pasted or dropped image file becomes (tldraw's own files handler). */
const IMAGE_SHAPE_TYPE = 'image'

/** Shape types people may make on the board. */
export const BOARD_SHAPE_TYPES: ReadonlySet<string> = new Set([
  CARD_SHAPE_TYPE,
  ARROW_SHAPE_TYPE,
  IMAGE_SHAPE_TYPE,
])

/** The canvas tools offered: select, hand and the link arrow (the card button opens the composer). */
export const BOARD_TOOLS = ['select', 'hand', 'arrow'] as const

/** tldraw actions that make or convert to shapes outside the data model, or that we drive ourselves. */
const REMOVED_ACTIONS = [
  'insert-embed',
  'insert-media',
  'edit-link',
  'open-embed-link',
  'convert-to-bookmark',
  'convert-to-embed',
  'flatten-to-image',
  'remove-frame',
  'fit-frame-to-content',
  'group',
  // the app's preferences drive dark mode (device/preferences)
  'toggle-dark-mode',
  // the app's own exports include the structure; tldraw's would not
  'export-as-svg',
  'export-as-png',
  'export-all-as-svg',
  'export-all-as-png',
  'print',
]

/** Catalogue keys `tldraw.<tldraw's key>`: tldraw's own labels, for the languages tldraw does not know. */
const TLDRAW_KEY_PREFIX = 'tldraw.'
const TLDRAW_ARGUMENTS = { num: '{num}', total: '{total}' }
const TLDRAW_OWN_KEYS = Object.keys(SOURCE_CATALOGUE).filter((k) =>
  k.startsWith(TLDRAW_KEY_PREFIX),
) as MessageKey[]

/**
 * Our words for tldraw's labels in one locale: the tools, where its defaults name internal keys
 * ("tool.card"); and, for a locale tldraw 3.15.6 has no catalogue for (Welsh, the pseudo-locale), its own
 * labels that our curated canvas shows (zoom and help menus, context menu, shortcuts dialog, toasts) —
 * a language tldraw knows (Arabic) keeps tldraw's translation of those.
 */
const tldrawLabels = (locale: UiLocale): Record<string, string> => {
  const { t } = translator(locale)
  const own = TLDRAW_LANGUAGES.some((l) => l.locale === locale)
    ? []
    : // tldraw fills in `{num}` and `{total}` itself: they stay as they are
      TLDRAW_OWN_KEYS.map((k) => [k.slice(TLDRAW_KEY_PREFIX.length), t(k, TLDRAW_ARGUMENTS)])
  return {
    ...Object.fromEntries(own),
    'tool.card': t('board.tldraw.card'),
    'tool.arrow': t('board.tldraw.arrow'),
    'tool.select': t('board.tldraw.select'),
    'tool.hand': t('board.tldraw.hand'),
  }
}

/**
 * Our labels in every locale the app speaks, keyed by the locale tldraw is given (canvasLanguage.ts sets
 * it to the interface language, live). tldraw lays them over its own catalogue for that locale, or over
 * its English for a locale it does not know.
 */
const UI_LOCALES: readonly UiLocale[] = [...LANGUAGES.map((l) => l.code), PSEUDO_LOCALE]
const TRANSLATIONS = Object.fromEntries(UI_LOCALES.map((locale) => [locale, tldrawLabels(locale)]))

export const boardUiOverrides: TLUiOverrides = {
  tools(_editor, tools) {
    const kept: typeof tools = {}
    for (const id of BOARD_TOOLS) if (tools[id]) kept[id] = tools[id]
    return kept
  },
  actions(_editor, actions) {
    const kept = { ...actions }
    for (const id of REMOVED_ACTIONS) delete kept[id]
    return kept
  },
  translations: TRANSLATIONS,
}

/** Double-click on empty canvas opens the composer instead of making a tldraw text shape. */
export const boardOptions: Partial<TldrawOptions> = { createTextOnCanvasDoubleClick: false }

export interface CurationHooks {
  /** Open the card composer for the cell at this page point (double-click on empty space). */
  composeAt(point: { x: number; y: number }): void
  /** Pasted or dropped plain text: open the composer with it, for the cell at the point. */
  composeText(text: string, point: { x: number; y: number } | null): void
}

/** Pasted or dropped content that is not board data: ignored. */
const IGNORED_CONTENT = ['embed', 'svg-text', 'excalidraw'] as const

/** States in which this person is drawing an arrow or moving one of its ends. */
const DRAWING = /^(arrow\.|select\.(pointing_handle|dragging_handle|translating))/

const movedOrResized = (a: TLShape, b: TLShape): boolean =>
  a.x !== b.x ||
  a.y !== b.y ||
  (a.props as { w?: number }).w !== (b.props as { w?: number }).w ||
  (a.props as { h?: number }).h !== (b.props as { h?: number }).h

/**
 * The links (arrows) whose line box one of `cards` now overlaps, not counting the cards they join:
 * read once per settled gesture, not per frame (a page has few links).
 */
function linksUnder(editor: Editor, cards: ReadonlySet<TLShapeId>): TLShapeId[] {
  if (cards.size === 0) return []
  const boxes = [...cards].flatMap((id) => {
    const b = editor.getShape(id) ? editor.getShapePageBounds(id) : undefined
    return b ? [{ id, b }] : []
  })
  const out: TLShapeId[] = []
  for (const s of editor.getCurrentPageShapes()) {
    if (s.type !== ARROW_SHAPE_TYPE) continue
    const line = editor.getShapePageBounds(s.id)
    if (!line) continue
    const ends = new Set(editor.getBindingsFromShape<TLArrowBinding>(s.id, 'arrow').map((b) => b.toId))
    if (boxes.some(({ id, b }) => !ends.has(id) && b.collides(line))) out.push(s.id)
  }
  return out
}

const isIdle = (editor: Editor): boolean => {
  const path = editor.getPath()
  return path.endsWith('.idle') || path === 'select.editing_shape'
}

/**
 * Keeps the canvas curated while the editor lives: removes stray shapes this person makes, settles new
 * or changed arrows into links (or removes them) once the gesture ends, removes a card's links with the
 * card (in the same undo step), and routes double-click and pasted text to the composer.
 */
export function attachCanvasCuration(editor: Editor, hooks: CurationHooks): () => void {
  const pendingArrows = new Set<TLShapeId>()
  /** Links whose cards this person moved: routed again round the cards once the move ends. */
  const movedLinks = new Set<TLShapeId>()
  /** Cards this person added or moved: a link whose line they now lie on is routed again. */
  const placedCards = new Set<TLShapeId>()
  const strays = new Set<TLShapeId>()
  let scheduled = false

  const flush = () => {
    scheduled = false
    if (!isIdle(editor)) return schedule()
    const arrows = [...pendingArrows]
    for (const id of linksUnder(editor, placedCards)) movedLinks.add(id)
    placedCards.clear()
    const moved = [...movedLinks].filter((id) => !pendingArrows.has(id))
    const stray = [...strays].filter((id) => editor.getShape(id))
    pendingArrows.clear()
    movedLinks.clear()
    strays.clear()
    if (!arrows.length && !stray.length && !moved.length) return
    // kept out of undo: undoing the gesture that made a stray or a loose arrow has nothing left to undo
    editor.run(
      () => {
        if (stray.length) editor.deleteShapes(stray)
        for (const id of arrows) settleArrow(editor, id)
        for (const id of moved) routeLinkArrow(editor, id)
      },
      { history: 'ignore' },
    )
  }
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    editor.timers.requestAnimationFrame(flush)
  }

  const note = (r: TLShape) => {
    // only arrows being drawn or dragged now: undo and redo bring back links as they were
    if (r.type === ARROW_SHAPE_TYPE) {
      if (DRAWING.test(editor.getPath())) pendingArrows.add(r.id)
    } else if (!BOARD_SHAPE_TYPES.has(r.type) && r.type !== 'group') strays.add(r.id)
  }
  const stopListening = editor.store.listen(
    ({ changes }) => {
      for (const r of Object.values(changes.added)) {
        if (r.typeName !== 'shape') continue
        note(r)
        if (r.type === CARD_SHAPE_TYPE) placedCards.add(r.id)
      }
      for (const [prev, r] of Object.values(changes.updated)) {
        if (r.typeName !== 'shape') continue
        if (r.type === ARROW_SHAPE_TYPE) note(r)
        else if (r.type === CARD_SHAPE_TYPE && prev.typeName === 'shape' && movedOrResized(prev, r)) {
          for (const b of editor.getBindingsToShape<TLArrowBinding>(r.id, 'arrow')) movedLinks.add(b.fromId)
          placedCards.add(r.id)
        }
      }
      if (pendingArrows.size || strays.size || movedLinks.size || placedCards.size) schedule()
    },
    { source: 'user', scope: 'document' },
  )

  // a card's links go with it, in the same change (so one undo brings both back): the arrows bound to
  // it are noted before it goes and deleted after tldraw has unbound them (deleting them earlier would
  // let tldraw's unbinding write the arrow back)
  const linkedTo = new Map<TLShapeId, TLShapeId[]>()
  // (tldraw removes a shape's bindings before the shape, so they are noted as they go)
  const stopBeforeDelete = editor.sideEffects.registerBeforeDeleteHandler('binding', (binding) => {
    if (binding.type !== 'arrow') return
    const to = editor.getShape(binding.toId)
    if (to?.type !== CARD_SHAPE_TYPE) return
    linkedTo.set(to.id, [...(linkedTo.get(to.id) ?? []), (binding as TLArrowBinding).fromId])
  })
  const stopAfterDelete = editor.sideEffects.registerAfterDeleteHandler('shape', (shape) => {
    const arrows = linkedTo.get(shape.id)
    if (!arrows) return
    linkedTo.delete(shape.id)
    // only arrows this deletion left joining no two cards (one unbound earlier and bound again stays)
    const alive = arrows.filter((id) => editor.getShape(id) && !linkEnds(editor, id))
    if (alive.length) editor.deleteShapes(alive)
  })
  const stopCardDelete = () => {
    stopBeforeDelete()
    stopAfterDelete()
  }

  const onEvent = (info: TLEventInfo) => {
    if (info.type !== 'click' || info.name !== 'double_click' || info.phase !== 'up') return
    if (info.target !== 'canvas' || editor.getIsReadonly() || editor.getCurrentToolId() !== 'select') return
    if (info.shiftKey || info.ctrlKey || info.altKey || info.metaKey) return
    const point = editor.inputs.currentPagePoint
    if (editor.getShapeAtPoint(point, { hitInside: true })) return
    hooks.composeAt({ x: point.x, y: point.y })
  }
  editor.on('event', onEvent)

  // paste and drop: plain text becomes a card through the composer; image files keep tldraw's own
  // handler, which uploads them through the asset store (only the types and size the server accepts,
  // Board.tsx); embeds, SVG text and Excalidraw content are not board data (ADR 0034)
  editor.registerExternalContentHandler('text', (c) => {
    const text = c.text.trim()
    if (text && !editor.getIsReadonly()) hooks.composeText(text, c.point ?? null)
  })
  editor.registerExternalContentHandler('url', (c) => {
    if (!editor.getIsReadonly()) hooks.composeText(c.url, c.point ?? null)
  })
  for (const type of IGNORED_CONTENT) editor.registerExternalContentHandler(type, () => {})

  return () => {
    stopListening()
    stopCardDelete()
    editor.off('event', onEvent)
    editor.registerExternalContentHandler('text', null)
    editor.registerExternalContentHandler('url', null)
    for (const type of IGNORED_CONTENT) editor.registerExternalContentHandler(type, null)
  }
}
