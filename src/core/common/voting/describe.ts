import { COPRO_ROLE_INFO, COPRO_ROLES } from '../../../shared/model/roles'
import { methodOf } from './methods'
import type { Measure } from './methods/types'
import type { VotingRound } from './round'
import type { CardResult } from './tally'

/**
 * Results in words, the same on every screen and in every export: "Agree 5 · Disagree 1 · Pass 2",
 * "Impact 4.2 (5 scores) · Effort 2.0 (4 scores)", "7 points · first for 2 · ranked by 3", "5 dots".
 */

/** A measure's number as people read it: means with one decimal ("—" when nobody scored). */
export function formatMeasure(m: Measure, value: number, answers?: number): string {
  if (m.type !== 'mean') return String(value)
  return answers === 0 ? '—' : value.toFixed(1)
}

/** One measure, overall: "Agree 5", "Impact 4.2 (5 scores)", "7 points". */
export function measureText(m: Measure): string {
  if (m.type === 'mean') {
    const n = m.answers?.overall ?? 0
    return `${m.label} ${formatMeasure(m, m.overall, n)} (${n} ${n === 1 ? 'score' : 'scores'})`
  }
  if (m.key === 'points') return `${m.overall} ${m.overall === 1 ? 'point' : 'points'}`
  if (m.key === 'first') return `first for ${m.overall}`
  if (m.key === 'ranked') return `ranked by ${m.overall}`
  if (m.key === 'dots') return `${m.overall} ${m.overall === 1 ? 'dot' : 'dots'}`
  return `${m.label} ${m.overall}`
}

/** Every measure of a card, overall, on one line. */
export function cardSummary(c: Pick<CardResult, 'measures'>): string {
  return c.measures.map(measureText).join(' · ')
}

/** A measure per role, for the roles that answered: "SU 3 · FS 1" (means: "SU 4.5 · FS 1.0"). */
export function roleSummary(m: Measure): string {
  return COPRO_ROLES.filter((r) => (m.answers ? m.answers.byRole[r] > 0 : m.byRole[r] > 0))
    .map((r) => `${COPRO_ROLE_INFO[r].short} ${formatMeasure(m, m.byRole[r], m.answers?.byRole[r])}`)
    .join(' · ')
}

/** How the round was decided, for headings: "Dot voting · 3 dots each". */
export function roundHow(round: VotingRound): string {
  const m = methodOf(round)
  return `${m.label === 'Rank your top N' ? 'Ranking' : m.label} · ${m.describe(round)}`
}

/** Scale distribution in words: "1: 0 · 2: 1 · 3: 2 · 4: 1 · 5: 1". */
export function distributionText(d: readonly number[]): string {
  return d.map((n, i) => `${i + 1}: ${n}`).join(' · ')
}
