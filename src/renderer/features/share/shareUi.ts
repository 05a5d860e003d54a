import { useSyncExternalStore } from 'react'

/** UI state the share commands and the share panel both reach (the panel may mount after a command). */
interface ShareUiState {
  /** The join QR code fills the window (for projecting). */
  fullScreen: boolean
  /** Bumped to ask the share panel to take focus. */
  focusRequest: number
}

let state: ShareUiState = { fullScreen: false, focusRequest: 0 }
const listeners = new Set<() => void>()

export const shareUi = {
  get: (): ShareUiState => state,
  set(patch: Partial<ShareUiState>): void {
    state = { ...state, ...patch }
    for (const l of [...listeners]) l()
  },
  subscribe(l: () => void): () => void {
    listeners.add(l)
    return () => listeners.delete(l)
  },
}

export function useShareUi(): ShareUiState {
  return useSyncExternalStore(shareUi.subscribe, shareUi.get)
}
