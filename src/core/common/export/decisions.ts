import { z } from 'zod'
import { CoproRole } from '../../../shared/model/roles'
import { roundHow } from '../voting/describe'
import { VOTING_METHODS, type VotingRound } from '../voting/round'
import { resultsFromTally, type VoteTally } from '../voting/tally'
import { oneLine, toIso } from '../text/sanitize'

/**
 * Voting rounds in the export model, every way to decide alike (ADR 0046): how the round was decided
 * and, per card, the measures of its method (voting/methods/*.ts) overall and per co-production role —
 * the same tally as the screens. Dots are also summed on each card (`ExportCard.votes`), as before.
 */
const Count = z.number().int().min(0)
const ByRoleNumber = z.record(CoproRole, z.number())

export const ExportMeasure = z.object({
  /** dots · agree · disagree · pass · mean:<criterion index> · points · first · ranked */
  key: z.string(),
  label: z.string(),
  type: z.enum(['count', 'mean', 'points']),
  overall: z.number(),
  byRole: ByRoleNumber,
  /** Means: how many answers each mean is of. */
  answers: z.object({ overall: Count, byRole: z.record(CoproRole, Count) }).optional(),
  /** Scale: how many gave 1, 2, 3, 4, 5. */
  distribution: z
    .object({ overall: z.array(Count).length(5), byRole: z.record(CoproRole, z.array(Count).length(5)) })
    .optional(),
})
export type ExportMeasure = z.infer<typeof ExportMeasure>

export const ExportRoundCard = z.object({ cardId: z.string(), measures: z.array(ExportMeasure) })
export type ExportRoundCard = z.infer<typeof ExportRoundCard>

export const ExportVotingRound = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['open', 'closed']),
  /** How people decided; rounds from before methods existed are `dots`. */
  method: z.enum(VOTING_METHODS),
  /** In words: "Rank your top N · Rank your top 3 cards". */
  how: z.string(),
  dotsPerPerson: Count,
  /** Scale rounds: the criteria scored 1–5 (empty otherwise). */
  criteria: z.array(z.string()),
  /** Rank rounds: how many cards each person ranked (null otherwise). Borda: 1st = N points … Nth = 1. */
  topN: Count.nullable(),
  /** Ballots counted (closed rounds only, withdrawn participants excluded). */
  ballotsCounted: Count,
  closedAt: z.string().datetime({ offset: true }).nullable(),
  /** Cards someone answered on, in result order (empty while the round is open). */
  results: z.array(ExportRoundCard),
})
export type ExportVotingRound = z.infer<typeof ExportVotingRound>

export function exportVotingRound(r: VotingRound, tally: VoteTally): ExportVotingRound {
  const res = r.status === 'closed' ? resultsFromTally(r.id, tally) : null
  return {
    id: oneLine(r.id),
    title: oneLine(r.title),
    status: r.status,
    method: r.method,
    how: oneLine(roundHow(r)),
    dotsPerPerson: r.dotsPerPerson,
    criteria: r.method === 'scale' ? r.criteria.map(oneLine) : [],
    topN: r.method === 'rank' ? r.topN : null,
    ballotsCounted: tally.ballotsCounted.get(r.id) ?? 0,
    closedAt: r.closedAt === null ? null : toIso(r.closedAt),
    results: (res?.cards ?? []).map((c) => ({
      cardId: c.cardId,
      measures: c.measures.map((m) => ({ ...m, label: oneLine(m.label) })),
    })),
  }
}
