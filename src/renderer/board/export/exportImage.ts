import { Box, getSvgAsImage, type Editor, type TLShapeId } from 'tldraw'
import type { BoardStructure } from '../../../shared/model/structure'
import { structureBounds, type Rect } from '../../../core/common/board/attribution'
import { shouldSyncRecord } from '../../../core/common/facilitation/privateCards'
import { frameRect, type ExportFrame } from './frames'
import { structureSvgGroup } from './structureSvg'

export type ImageFormat = 'png' | 'svg'

export interface ImageExportOptions {
  /** One stage column, lane row or zone; omitted or null for the whole board. */
  readonly frame?: ExportFrame | null
  /** Pixels per board unit for PNG (default 2; the canvas size is clamped to what the browser allows). */
  readonly pixelRatio?: number
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/**
 * A picture of the board (or one frame of it) as PNG or SVG, in the light theme with a background.
 * tldraw draws the shapes (cards are exported from their HTML component inside <foreignObject>); the
 * board structure, which is not a tldraw shape, is drawn underneath from the session's structure so
 * that stage, lane and zone labels appear in the picture.
 */
export async function exportBoardImage(
  editor: Editor,
  structure: BoardStructure | null,
  format: ImageFormat,
  opts: ImageExportOptions = {},
): Promise<Blob> {
  const frame = opts.frame ?? null
  const rect = frame ? frameRect(structure, frame) : null
  if (frame && !rect) throw new Error('That part of the board no longer exists.')

  const shapes = editor.getCurrentPageShapes()
  const ids: TLShapeId[] = []
  let area: Rect | null = rect ?? (structure ? structureBounds(structure) : null)
  for (const s of shapes) {
    // The picture shows what everyone shares: private cards not yet revealed stay out, as in the
    // text exports (which read the shared document).
    if (!shouldSyncRecord(s)) continue
    const b = editor.getShapePageBounds(s)
    if (!b) continue
    if (rect) {
      if (overlaps(rect, b)) ids.push(s.id)
    } else {
      ids.push(s.id)
      area = area ? union(area, b) : { x: b.x, y: b.y, w: b.w, h: b.h }
    }
  }
  if (!area) throw new Error('The board is empty: there is nothing to picture yet.')

  const result = await editor.getSvgElement(ids, {
    bounds: new Box(area.x, area.y, area.w, area.h),
    padding: rect ? 16 : 32,
    background: true,
    darkMode: false,
    scale: 1,
  })
  if (!result) throw new Error('Could not draw the board.')
  const { svg, width, height } = result
  if (structure) addStructure(svg, structure, rect)
  const text = new XMLSerializer().serializeToString(svg)
  if (format === 'svg') return new Blob([text], { type: 'image/svg+xml' })
  const png = await getSvgAsImage(text, {
    type: 'png',
    width,
    height,
    pixelRatio: opts.pixelRatio ?? 2,
  })
  if (!png) throw new Error('Could not turn the picture into a PNG.')
  return png
}

/** Lays the structure drawing under the shapes (right after <defs>), clipped to the frame if any. */
function addStructure(svg: SVGSVGElement, structure: BoardStructure, clip: Rect | null): void {
  const parsed = new DOMParser().parseFromString(
    `<svg xmlns="${SVG_NS}">${structureSvgGroup(structure)}</svg>`,
    'image/svg+xml',
  )
  const group = parsed.documentElement.firstElementChild
  if (!group || parsed.getElementsByTagName('parsererror').length > 0) return
  const node = svg.ownerDocument.importNode(group, true)
  if (clip) {
    // Neighbouring stages or lanes are cut at the frame's edge rather than half shown.
    const clipId = `copro-frame-${Math.random().toString(36).slice(2)}`
    const defs =
      svg.querySelector('defs') ?? svg.insertBefore(document.createElementNS(SVG_NS, 'defs'), svg.firstChild)
    const cp = document.createElementNS(SVG_NS, 'clipPath')
    cp.setAttribute('id', clipId)
    const r = document.createElementNS(SVG_NS, 'rect')
    r.setAttribute('x', String(clip.x))
    r.setAttribute('y', String(clip.y))
    r.setAttribute('width', String(clip.w))
    r.setAttribute('height', String(clip.h))
    cp.appendChild(r)
    defs.appendChild(cp)
    ;(node as Element).setAttribute('clip-path', `url(#${clipId})`)
  }
  const defs = svg.querySelector(':scope > defs')
  svg.insertBefore(node, defs ? defs.nextSibling : svg.firstChild)
}

function overlaps(a: Rect, b: { x: number; y: number; w: number; h: number }): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

function union(a: Rect, b: { x: number; y: number; w: number; h: number }): Rect {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y }
}
