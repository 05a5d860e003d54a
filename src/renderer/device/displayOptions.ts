import { useSyncExternalStore } from 'react'

/** How this device shows the board structure (not shared with others). */
export interface StructureDisplay {
  /** Show the easy-read version of each prompt instead of the standard one. */
  readonly easyRead: boolean
}

const KEY = 'copro.structureDisplay'
const listeners = new Set<() => void>()
let display: StructureDisplay = load()

function load(): StructureDisplay {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as unknown
    if (v && typeof v === 'object' && typeof (v as { easyRead?: unknown }).easyRead === 'boolean')
      return { easyRead: (v as { easyRead: boolean }).easyRead }
  } catch {
    // fall back to the defaults
  }
  return { easyRead: false }
}

export function getStructureDisplay(): StructureDisplay {
  return display
}

export function setStructureDisplay(patch: Partial<StructureDisplay>): void {
  display = { ...display, ...patch }
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(display))
  } catch {
    // private mode: keep it for this window only
  }
  for (const l of listeners) l()
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function useStructureDisplay(): StructureDisplay {
  return useSyncExternalStore(subscribe, getStructureDisplay)
}
