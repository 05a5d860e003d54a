import type * as Y from 'yjs'
import { z } from 'zod'
import { CardKind } from '../../../shared/model/cardKinds'
import { FACILITATION_KEYS, sessionMap } from '../session/docSchema'
import { plain } from '../session/read'

/**
 * A dot-voting round, as stored in the document's `voting` map (round id → VotingRound), and which
 * round's results are drawn on the cards (`facilitation.showResults`). Reads validate and treat an
 * invalid value as absent; writes validate and throw on bad input.
 */
export const VotingRegion = z.union([
  z.object({ type: z.literal('stage'), stageId: z.string().max(64) }),
  z.object({ type: z.literal('lane'), laneId: z.string().max(64) }),
  z.object({ type: z.literal('zone'), zoneId: z.string().max(64) }),
])
export type VotingRegion = z.infer<typeof VotingRegion>

export const VotingRound = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(200),
  status: z.enum(['open', 'closed']),
  dotsPerPerson: z.number().int().min(1).max(20),
  /** Card kinds that can be voted on; empty = all kinds. */
  kinds: z.array(CardKind).max(7),
  region: VotingRegion.nullable(),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
})
export type VotingRound = z.infer<typeof VotingRound>

export function readRounds(doc: Y.Doc): VotingRound[] {
  const out: VotingRound[] = []
  sessionMap(doc, 'voting').forEach((v, k) => {
    const p = VotingRound.safeParse(plain(v))
    if (p.success && p.data.id === k) out.push(p.data)
  })
  return out.sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1))
}

export function readRound(doc: Y.Doc, id: string): VotingRound | null {
  const p = VotingRound.safeParse(plain(sessionMap(doc, 'voting').get(id)))
  return p.success && p.data.id === id ? p.data : null
}

export function writeRound(doc: Y.Doc, round: VotingRound, origin: unknown = null): void {
  const v = VotingRound.parse(round)
  doc.transact(() => sessionMap(doc, 'voting').set(v.id, v), origin)
}

export function closeRound(doc: Y.Doc, id: string, relayNow: number, origin: unknown = null): void {
  const r = readRound(doc, id)
  if (!r || r.status === 'closed') return
  writeRound(doc, { ...r, status: 'closed', closedAt: relayNow }, origin)
}

/** The round whose results are drawn on the cards, or null. */
export function readShowResults(doc: Y.Doc): string | null {
  const v = sessionMap(doc, 'facilitation').get(FACILITATION_KEYS.showResults)
  return typeof v === 'string' && v.length <= 64 ? v : null
}

export function writeShowResults(doc: Y.Doc, roundId: string | null, origin: unknown = null): void {
  doc.transact(() => {
    const m = sessionMap(doc, 'facilitation')
    if (roundId === null) m.delete(FACILITATION_KEYS.showResults)
    else m.set(FACILITATION_KEYS.showResults, z.string().min(1).max(64).parse(roundId))
  }, origin)
}
