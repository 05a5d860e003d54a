import { useSyncExternalStore } from 'react'
import type { BoardSession } from '../../session/BoardSession'
import { scopedKey } from '../../session/scoped'

/** UI state the share commands and the share panel both reach (the panel may mount after a command). */
export interface ShareUiState {
  /** The join QR code fills the window (for projecting). */
  fullScreen: boolean
  /** Bumped to ask the share panel to take focus. */
  focusRequest: number
}

/** One per session (session.scoped(shareUiKey)): nothing is kept at module level. */
export class ShareUi {
  private state: ShareUiState = { fullScreen: false, focusRequest: 0 }
  private readonly listeners = new Set<() => void>()

  get = (): ShareUiState => this.state

  set(patch: Partial<ShareUiState>): void {
    this.state = { ...this.state, ...patch }
    for (const l of [...this.listeners]) l()
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  dispose(): void {
    this.listeners.clear()
  }
}

export const shareUiKey = scopedKey('share.ui', (_s: BoardSession) => new ShareUi())

const CLOSED: ShareUiState = { fullScreen: false, focusRequest: 0 }
const noop = () => () => {}
const closed = () => CLOSED

export function useShareUi(ui: ShareUi | null): ShareUiState {
  return useSyncExternalStore(ui?.subscribe ?? noop, ui?.get ?? closed)
}
