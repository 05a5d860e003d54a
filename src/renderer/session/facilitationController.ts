import type { Spotlight } from '../../core/common/facilitation/schema'

/**
 * What the canvas offers the Facilitation view beyond BoardApi, per session (registered by the
 * facilitation layer while its board is mounted). Deliberately tldraw-free so the view can import it.
 */
export interface FacilitationController {
  /** The relay's clock as this canvas estimates it. */
  relayNow(): number
  /** Who this canvas is in the session (from the connection, not a local preference). */
  readonly sessionRole: 'facilitator' | 'co-facilitator' | 'participant' | 'observer'
  /** Card ids currently selected on this canvas. */
  getSelectedCardIds(): string[]
  /** Facilitators only: locks or unlocks cards (tldraw isLocked + the locks map). */
  lockCards(ids: readonly string[], locked: boolean): number
  /** The selection's bounds, or the visible area, as a spotlight rectangle. */
  currentArea(): Spotlight
  /** Moves the view to a card and selects it. */
  showCard(id: string): void
  /** This person's private cards not yet revealed, per activity id. */
  privateCounts(): Record<string, number>
}

type Listener = () => void
const controllers = new Map<string, FacilitationController>()
const listeners = new Set<Listener>()

export function registerController(sessionId: string, c: FacilitationController): () => void {
  controllers.set(sessionId, c)
  listeners.forEach((l) => l())
  return () => {
    if (controllers.get(sessionId) === c) controllers.delete(sessionId)
    listeners.forEach((l) => l())
  }
}

export function getController(sessionId: string | null | undefined): FacilitationController | null {
  return sessionId ? (controllers.get(sessionId) ?? null) : null
}

export function subscribeControllers(l: Listener): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}
