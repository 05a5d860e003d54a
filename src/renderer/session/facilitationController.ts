import type { Spotlight } from '../../core/common/facilitation/schema'

/**
 * What the canvas offers the Facilitation view beyond the board API, for one session (set on the
 * BoardSession by the facilitation canvas layer while its board is mounted: session.setFacilitation).
 * Deliberately tldraw-free so the view can use it.
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
