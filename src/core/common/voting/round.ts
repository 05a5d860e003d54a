import type * as Y from 'yjs'
import { z } from 'zod'
import { CardKind } from '../../../shared/model/cardKinds'
import { FACILITATION_KEYS, sessionMap } from '../session/docSchema'
import { plain } from '../session/read'

/**
 * A voting round, as stored in the document's `voting` map (round id → VotingRound), and which
 * round's results are drawn on the cards (`facilitation.showResults`). Reads validate and treat an
 * invalid value as absent; writes validate and throw on bad input.
 */
export const VotingRegion = z.union([
  z.object({ type: z.literal('stage'), stageId: z.string().max(64) }),
  z.object({ type: z.literal('lane'), laneId: z.string().max(64) }),
  z.object({ type: z.literal('zone'), zoneId: z.string().max(64) }),
])
export type VotingRegion = z.infer<typeof VotingRegion>

/**
 * How people decide in a round (ADR 0046; each method's ballot rules and tally in methods/*.ts):
 * `dots` — spend N dots (the default: rounds written before methods existed are dot rounds);
 * `agreement` — agree / disagree / pass on each card; `scale` — 1–5 on each of 1–3 named criteria;
 * `rank` — order your top N cards.
 */
export const VOTING_METHODS = ['dots', 'agreement', 'scale', 'rank'] as const
export const VotingMethodId = z.enum(VOTING_METHODS)
export type VotingMethodId = z.infer<typeof VotingMethodId>
export const MAX_CRITERIA = 3
export const MAX_TOP_N = 10
export const Criterion = z.string().trim().min(1).max(40)

export const VotingRound = z
  .object({
    id: z.string().min(1).max(64),
    title: z.string().max(200),
    status: z.enum(['open', 'closed']),
    /** Dots each (dots rounds; kept on every round so older readers still parse it). */
    dotsPerPerson: z.number().int().min(1).max(20),
    /** Card kinds that can be voted on; empty = all kinds. */
    kinds: z.array(CardKind).max(7),
    region: VotingRegion.nullable(),
    openedAt: z.number(),
    closedAt: z.number().nullable(),
    method: VotingMethodId.default('dots'),
    /** Scale rounds: the criteria each card is scored on (1–3 names, e.g. "Impact", "Effort"). */
    criteria: z.array(Criterion).max(MAX_CRITERIA).default([]),
    /** Rank rounds: how many cards each person ranks. */
    topN: z.number().int().min(1).max(MAX_TOP_N).default(3),
  })
  .refine((r) => r.method !== 'scale' || r.criteria.length > 0, {
    message: 'a scale round needs at least one criterion',
    path: ['criteria'],
  })
/** A round as read (method, criteria and topN filled in). */
export type VotingRound = z.infer<typeof VotingRound>
/** A round as written: method, criteria and topN may be left out (dots, none, 3). */
export type VotingRoundInput = z.input<typeof VotingRound>

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

export function writeRound(doc: Y.Doc, round: VotingRoundInput, origin: unknown = null): void {
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
