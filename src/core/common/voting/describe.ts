import { COPRO_ROLE_INFO, COPRO_ROLES } from '../../../shared/model/roles'
import type { MessageKey, MessageValues } from '../../../shared/i18n'
import { METHODS, methodOf } from './methods'
import type { Measure } from './methods/types'
import type { VotingRound } from './round'
import type { CardResult } from './tally'

/**
 * Results in words, the same on every screen and in every export: "Agree 5 · Disagree 1 · Pass 2",
 * "Impact 4.2 (5 scores) · Effort 2.0 (4 scores)", "7 points · first for 2 · ranked by 3", "5 dots".
 */

/**
 * A translator (`useT()` on screen, `translator(locale).t` elsewhere). Without one, the words are the
 * English ones the exports' CSV and the older callers use (issue 19).
 */
export type VoteT = (key: MessageKey, values?: MessageValues) => string

const MEASURE_LABEL_KEYS: Readonly<Record<string, MessageKey>> = {
  agree: 'voting.label.agree',
  disagree: 'voting.label.disagree',
  pass: 'voting.label.pass',
  dots: 'voting.label.dots',
  points: 'voting.label.points',
  first: 'voting.label.first',
  ranked: 'voting.label.ranked',
}

/** A measure's name in the reader's language ("Agree", "Dots"); a scale's criterion stays as written. */
export function measureLabel(m: Measure, t?: VoteT): string {
  const key = MEASURE_LABEL_KEYS[m.key]
  return t && key ? t(key) : m.label
}

/** A measure's number as people read it: means with one decimal ("—" when nobody scored). */
export function formatMeasure(m: Measure, value: number, answers?: number): string {
  if (m.type !== 'mean') return String(value)
  return answers === 0 ? '—' : value.toFixed(1)
}

/** One measure, overall: "Agree 5", "Impact 4.2 (5 scores)", "7 points". */
export function measureText(m: Measure, t?: VoteT): string {
  if (t) return measureTextIn(m, t)
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

function measureTextIn(m: Measure, t: VoteT): string {
  const count = m.overall
  if (m.type === 'mean') {
    const n = m.answers?.overall ?? 0
    return t('voting.measure.mean', { label: m.label, value: formatMeasure(m, m.overall, n), count: n })
  }
  if (m.key === 'points') return t('voting.measure.points', { count })
  if (m.key === 'first') return t('voting.measure.first', { count })
  if (m.key === 'ranked') return t('voting.measure.ranked', { count })
  if (m.key === 'dots') return t('voting.measure.dots', { count })
  return `${measureLabel(m, t)} ${m.overall}`
}

/** Every measure of a card, overall, on one line. */
export function cardSummary(c: Pick<CardResult, 'measures'>, t?: VoteT): string {
  return c.measures.map((m) => measureText(m, t)).join(' · ')
}

/** A measure per role, for the roles that answered: "SU 3 · FS 1" (means: "SU 4.5 · FS 1.0"). */
export function roleSummary(m: Measure, t?: VoteT): string {
  return COPRO_ROLES.filter((r) => (m.answers ? m.answers.byRole[r] > 0 : m.byRole[r] > 0))
    .map(
      (r) =>
        `${t ? t(`roles.${r}.short`) : COPRO_ROLE_INFO[r].short} ${formatMeasure(m, m.byRole[r], m.answers?.byRole[r])}`,
    )
    .join(' · ')
}

/** How the round was decided, for headings: "Dot voting · 3 dots each". */
export function roundHow(round: VotingRound, t?: VoteT): string {
  if (t) return t('voting.how', { method: t(`voting.short.${round.method}`), what: methodDescribe(round, t) })
  const m = methodOf(round)
  return `${m.label === 'Rank your top N' ? 'Ranking' : m.label} · ${m.describe(round)}`
}

/** Scale distribution in words: "1: 0 · 2: 1 · 3: 2 · 4: 1 · 5: 1". */
export function distributionText(d: readonly number[]): string {
  return d.map((n, i) => `${i + 1}: ${n}`).join(' · ')
}

/** A way to decide's name ("Dot voting", "Agree / disagree / pass"). */
export function methodName(method: VotingRound['method'], t?: VoteT): string {
  return t ? t(`voting.method.${method}`) : METHODS[method].label
}

/** One line for the voter ("3 dots each", "Rank your top 3 cards") in the reader's language. */
export function methodDescribe(round: VotingRound, t?: VoteT): string {
  if (!t) return methodOf(round).describe(round)
  switch (round.method) {
    case 'dots':
      return t('voting.describe.dots', { count: round.dotsPerPerson })
    case 'agreement':
      return t('voting.describe.agreement')
    case 'scale':
      return t('voting.describe.scale', { criteria: round.criteria.join(', ') })
    case 'rank':
      return t('voting.describe.rank', { count: round.topN })
  }
}
