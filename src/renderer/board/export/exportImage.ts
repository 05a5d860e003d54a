import { Box, getSvgAsImage, type Editor, type TLShapeId } from 'tldraw'
import type { BoardStructure } from '../../../shared/model/structure'
import { CardProps } from '../../../core/common/cards/card'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import { structureBounds, type Rect } from '../../../core/common/structure/attribution'
import { shouldSyncRecord } from '../../../core/common/facilitation/privateCards'
import { cardsSvgGroup, type CardToDraw } from './cardSvg'
import { frameRect, type ExportFrame } from './frames'
import { structureSvgGroup } from './structureSvg'
import { uiT } from '../../device/i18n/uiT'

export type ImageFormat = 'png' | 'svg'

export interface ImageExportOptions {
  /** One stage column, lane row or zone; omitted or null for the whole board. */
  readonly frame?: ExportFrame | null
  /** Pixels per board unit for PNG (default 2; the canvas size is clamped to what the browser allows). */
  readonly pixelRatio?: number
  /**
   * Consent, from the export model: card id → the author line to print ('' for none). Cards not in
   * the map (withdrawn participants') are left out. Without it, every card is drawn with no author.
   */
  readonly cards?: ReadonlyMap<string, string>
}

const SVG_NS = 'http://www.w3.org/2000/svg'
/** tldraw's light-theme page colour. */
const BACKGROUND = '#f9fafb'

/**
 * A picture of the board (or one frame of it) as PNG or SVG, in the light theme with a background.
 * Layers, bottom to top: the board structure (stage, lane and zone labels: not a tldraw shape, drawn
 * from the session's structure), tldraw's own export of the other shapes (arrows, drawings, notes),
 * and the cards, drawn as plain SVG by cardSvg. Private cards not yet revealed stay out, as they do
 * from the text exports.
 */
export async function exportBoardImage(
  editor: Editor,
  structure: BoardStructure | null,
  format: ImageFormat,
  opts: ImageExportOptions = {},
): Promise<Blob> {
  const frame = opts.frame ?? null
  const rect = frame ? frameRect(structure, frame) : null
  if (frame && !rect) throw new Error(uiT('export.picture.frameGone'))

  const others: TLShapeId[] = []
  const cards: CardToDraw[] = []
  let area: Rect | null = rect ?? (structure ? structureBounds(structure) : null)
  for (const s of editor.getCurrentPageShapesSorted()) {
    if (!shouldSyncRecord(s)) continue
    const b = editor.getShapePageBounds(s)
    if (!b || (rect && !overlaps(rect, b))) continue
    if (s.type === CARD_SHAPE_TYPE) {
      const props = CardProps.safeParse(s.props)
      const author = opts.cards ? opts.cards.get(s.id) : ''
      if (!props.success || author === undefined) continue
      const m = editor.getShapePageTransform(s)
      cards.push({ id: s.id, props: props.data, matrix: [m.a, m.b, m.c, m.d, m.e, m.f], author })
    } else others.push(s.id)
    if (!rect) area = area ? union(area, b) : { x: b.x, y: b.y, w: b.w, h: b.h }
  }
  if (!area) throw new Error(uiT('export.picture.empty'))

  const padding = rect ? 16 : 32
  // tldraw draws the non-card shapes; with none, it would export the whole page, so build the frame.
  const result = others.length
    ? await editor.getSvgElement(others, {
        bounds: new Box(area.x, area.y, area.w, area.h),
        padding,
        background: true,
        darkMode: false,
        scale: 1,
      })
    : emptySvg(area, padding)
  if (!result) throw new Error(uiT('export.picture.drawFailed'))
  const { svg, width, height } = result
  const defs = svg.querySelector(':scope > defs')
  const firstShape = defs ? defs.nextSibling : svg.firstChild
  if (structure) {
    const group = parseGroup(svg, structureSvgGroup(structure))
    if (group && rect) clipTo(svg, group, rect)
    if (group) svg.insertBefore(group, firstShape)
  }
  const cardGroup = parseGroup(svg, cardsSvgGroup(cards))
  if (cardGroup) svg.appendChild(cardGroup)
  const text = new XMLSerializer().serializeToString(svg)
  if (format === 'svg') return new Blob([text], { type: 'image/svg+xml' })
  const png = await getSvgAsImage(text, {
    type: 'png',
    width,
    height,
    pixelRatio: opts.pixelRatio ?? 2,
  })
  if (!png) throw new Error(uiT('export.picture.pngFailed'))
  return png
}

/** An empty picture of `area` plus padding, as tldraw's export would frame it. */
function emptySvg(area: Rect, padding: number): { svg: SVGSVGElement; width: number; height: number } {
  const x = area.x - padding
  const y = area.y - padding
  const width = area.w + 2 * padding
  const height = area.h + 2 * padding
  const svg = document.createElementNS(SVG_NS, 'svg')
  svg.setAttribute('width', String(width))
  svg.setAttribute('height', String(height))
  svg.setAttribute('viewBox', `${x} ${y} ${width} ${height}`)
  svg.setAttribute('style', `background-color: ${BACKGROUND}`)
  const bg = document.createElementNS(SVG_NS, 'rect')
  for (const [k, v] of Object.entries({ x, y, width, height, fill: BACKGROUND }))
    bg.setAttribute(k, String(v))
  svg.appendChild(bg)
  svg.appendChild(document.createElementNS(SVG_NS, 'defs'))
  return { svg, width, height }
}

/** Parses one <g> of SVG markup into the export's document; null if it does not parse. */
function parseGroup(svg: SVGSVGElement, markup: string): Element | null {
  const parsed = new DOMParser().parseFromString(`<svg xmlns="${SVG_NS}">${markup}</svg>`, 'image/svg+xml')
  const group = parsed.documentElement.firstElementChild
  if (!group || parsed.getElementsByTagName('parsererror').length > 0) return null
  return svg.ownerDocument.importNode(group, true)
}

/** Neighbouring stages or lanes are cut at the frame's edge rather than half shown. */
function clipTo(svg: SVGSVGElement, node: Element, clip: Rect): void {
  const clipId = `copro-frame-${Math.random().toString(36).slice(2)}`
  const doc = svg.ownerDocument
  const defs =
    svg.querySelector(':scope > defs') ??
    svg.insertBefore(doc.createElementNS(SVG_NS, 'defs'), svg.firstChild)
  const cp = doc.createElementNS(SVG_NS, 'clipPath')
  cp.setAttribute('id', clipId)
  const r = doc.createElementNS(SVG_NS, 'rect')
  r.setAttribute('x', String(clip.x))
  r.setAttribute('y', String(clip.y))
  r.setAttribute('width', String(clip.w))
  r.setAttribute('height', String(clip.h))
  cp.appendChild(r)
  defs.appendChild(cp)
  node.setAttribute('clip-path', `url(#${clipId})`)
}

function overlaps(a: Rect, b: { x: number; y: number; w: number; h: number }): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

function union(a: Rect, b: { x: number; y: number; w: number; h: number }): Rect {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y }
}
