import type { Activity } from '../../../core/common/facilitation/schema'
import { structureBounds, type Rect } from '../../../core/common/structure/attribution'
import type { BoardStructure } from '../../../shared/model/structure'

/**
 * Where things go on the wall (pure; ADR 0033). The wall's panel — activity, prompt, timer, passes —
 * sits on the left or along the top, whichever leaves the board the larger zoom; the board is fitted
 * into the rest. The bottom-right corner always stays the canvas's own (tldraw's watermark is there).
 */

export type WallPanelSide = 'left' | 'top'

export interface WallLayout {
  readonly panel: WallPanelSide
  /** Screen px of the view the panel covers, per side (for BoardApi.fitInto). */
  readonly insets: { top: number; right: number; bottom: number; left: number }
  /** The panel's size: its width (left) or height (top), px. */
  readonly panelSize: number
}

/** The left panel's width and the top panel's height for a screen (px). */
export function panelSizes(screen: { w: number; h: number }): { left: number; top: number } {
  return {
    left: Math.round(Math.min(Math.max(screen.w * 0.24, 340), 560)),
    top: Math.round(Math.min(Math.max(screen.h * 0.2, 170), 260)),
  }
}

/** The layout that shows `bounds` (page units) largest on a screen of `screen` px. */
export function wallLayout(screen: { w: number; h: number }, bounds: { w: number; h: number }): WallLayout {
  const size = panelSizes(screen)
  const zoomIn = (w: number, h: number) => Math.min(w / Math.max(1, bounds.w), h / Math.max(1, bounds.h))
  const left = zoomIn(screen.w - size.left, screen.h)
  const top = zoomIn(screen.w, screen.h - size.top)
  return left >= top
    ? { panel: 'left', panelSize: size.left, insets: { top: 0, right: 0, bottom: 0, left: size.left } }
    : { panel: 'top', panelSize: size.top, insets: { top: size.top, right: 0, bottom: 0, left: 0 } }
}

/**
 * What the wall fits: the current activity's cells — its target stage (the whole column, its header
 * included), lane (the whole row, its label included; the shipped templates target lanes) or zone —
 * or the whole structure; null when the board has no structure.
 */
export function wallArea(
  structure: BoardStructure | null,
  activity: Activity | null,
  fit: 'activity' | 'structure',
): Rect | null {
  if (!structure) return null
  const whole = structureBounds(structure)
  const target = activity?.targetId
  if (fit === 'structure' || !target) return whole
  if (structure.type === 'grid') {
    let x = structure.x + structure.laneHeaderWidth
    for (const s of structure.stages) {
      if (s.id === target) return { x, y: whole.y, w: s.width, h: whole.h }
      x += s.width
    }
    let y = structure.y + structure.headerHeight
    for (const l of structure.lanes) {
      if (l.id === target) return { x: whole.x, y, w: whole.w, h: l.height }
      y += l.height
    }
    return whole
  }
  const z = structure.zones.find((z) => z.id === target)
  return z ? { x: z.x, y: z.y, w: z.w, h: z.h } : whole
}
