import { isAllowedNavigation } from './policy'

/**
 * The wall window of the desktop app (ADR 0033), as pure decisions (no electron import; unit-tested).
 * The workbench opens the wall with `window.open(<this page>?wall=<sessionId>)`; the main process
 * lets exactly that through — the same page, nothing else — and puts it full screen on the second
 * display (the projector), so the laptop's screen keeps the facilitator's workbench.
 */

const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The session a pop-up asks to show as the wall, or null when it is anything but our page + `wall=`. */
export function wallWindowRequest(url: string, openerUrl: string): string | null {
  if (!isAllowedNavigation(url, openerUrl)) return null
  try {
    const id = new URL(url).searchParams.get('wall')
    return id && SESSION_ID.test(id) ? id : null
  } catch {
    return null
  }
}

export interface DisplayLike {
  id: number
  bounds: { x: number; y: number; width: number; height: number }
}

export interface WallWindowPlacement {
  x: number
  y: number
  width: number
  height: number
  /** Full screen on the projector; a normal window beside the workbench when there is one screen. */
  fullscreen: boolean
}

/**
 * Where the wall goes: full screen on the first display that is not the primary one (the projector or
 * second screen); with only one display, a large window on it (the facilitator moves it, or presses F5
 * in the workbench instead).
 */
export function wallWindowPlacement(
  displays: readonly DisplayLike[],
  primaryId: number,
): WallWindowPlacement {
  const other = displays.find((d) => d.id !== primaryId)
  if (other) return { ...other.bounds, fullscreen: true }
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0]
  const b = primary?.bounds ?? { x: 0, y: 0, width: 1280, height: 720 }
  const width = Math.round(b.width * 0.8)
  const height = Math.round(b.height * 0.8)
  return {
    x: b.x + Math.round((b.width - width) / 2),
    y: b.y + Math.round((b.height - height) / 2),
    width,
    height,
    fullscreen: false,
  }
}
