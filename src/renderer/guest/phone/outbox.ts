import { z } from 'zod'
import { CardKind, CARD_TEXT_MAX } from '../../../core/common/cards/card'
import { CardPhoto } from '../../../core/common/photos/photo'
import type { CellRef } from '../../../shared/model/structure'
import type { PhoneCard } from './writeCard'

/**
 * Cards written on this phone that are not in the shared document yet: kept in localStorage (per
 * session and participant) until they are sent, so a lost connection or a closed tab loses nothing.
 * A card waits while the phone is offline, and while it belongs to a private activity that the
 * facilitator has not revealed (then it is shown to nobody else, as on the canvas).
 */
const Cell = z.union([
  z.object({ type: z.literal('cell'), stageId: z.string().max(64), laneId: z.string().max(64) }),
  z.object({ type: z.literal('zone'), zoneId: z.string().max(64) }),
  z.object({ type: z.literal('unplaced') }),
])

export const WaitingCard = z.object({
  id: z.string().regex(/^shape:[A-Za-z0-9_-]{1,64}$/),
  kind: CardKind,
  text: z.string().min(1).max(CARD_TEXT_MAX),
  cell: Cell.nullable(),
  createdAt: z.number().int().nonnegative(),
  /** The private activity it was written in (sent when revealed), or null. */
  privateTo: z.string().max(64).nullable(),
  /** A photo card's image, already uploaded (photos need a connection; only the card waits). */
  photo: CardPhoto.optional(),
})
export type WaitingCard = z.infer<typeof WaitingCard>

const Stored = z.array(WaitingCard).max(500)

type Listener = () => void

export class Outbox {
  private items: readonly WaitingCard[]
  private readonly listeners = new Set<Listener>()

  constructor(private readonly key: string) {
    this.items = Outbox.load(key)
  }

  static keyFor(sessionId: string, participantId: string): string {
    return `copro.phone.outbox.${sessionId}.${participantId}`
  }

  private static load(key: string): WaitingCard[] {
    try {
      const parsed = Stored.safeParse(JSON.parse(localStorage.getItem(key) ?? '[]'))
      return parsed.success ? parsed.data : []
    } catch {
      return []
    }
  }

  list = (): readonly WaitingCard[] => this.items

  add(card: WaitingCard): void {
    this.set([...this.items, WaitingCard.parse(card)])
  }

  remove(id: string): void {
    if (!this.items.some((c) => c.id === id)) return
    this.set(this.items.filter((c) => c.id !== id))
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  private set(items: readonly WaitingCard[]): void {
    this.items = items
    try {
      localStorage.setItem(this.key, JSON.stringify(items))
    } catch {
      // storage full or blocked: kept in memory for this page
    }
    for (const l of [...this.listeners]) l()
  }
}

/** Whether a waiting card may go to the shared document now (a private one only once revealed). */
export function readyToSend(card: WaitingCard, revealed: Readonly<Record<string, number>>): boolean {
  return card.privateTo === null || revealed[card.privateTo] !== undefined
}

/** The card as the document gets it: a revealed private card still says which activity it came from. */
export function toPhoneCard(card: WaitingCard): PhoneCard {
  return {
    id: card.id,
    kind: card.kind,
    text: card.text,
    cell: card.cell as CellRef | null,
    createdAt: card.createdAt,
    meta: card.privateTo === null ? {} : { private: false, activityId: card.privateTo },
    ...(card.photo ? { photo: card.photo } : {}),
  }
}
