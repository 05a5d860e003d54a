import { COPRO_ROLES, type CoproRole } from '../../../../shared/model/roles'
import { cardSummary, distributionText, formatMeasure } from '../../voting/describe'
import type { ExportMeasure } from '../decisions'
import type { ExportModel } from '../schema'
import { cardIndex } from './common'
import { wordsFor, type Words } from './words'

/** decisions.csv is data: English column names (as cards.csv). */
const EN = wordsFor(['en'])

/**
 * Voting results per round for every format (CSV, Markdown, HTML, Word, Excel): every way to decide
 * through one table shape, so dots, agreement, scale and rank read alike.
 */
export interface DecisionTable {
  readonly roundId: string
  readonly title: string
  /** "Agree / disagree / pass · Agree, disagree or pass on each card · 12 people took part" */
  readonly about: string
  readonly header: string[]
  readonly rows: string[][]
  /** Column indexes holding numbers. */
  readonly numeric: number[]
}

/** One table per closed round with counted answers: #, card, the result in words, then one column per role. */
export function decisionTables(m: ExportModel, roles: readonly CoproRole[], w: Words): DecisionTable[] {
  const cards = cardIndex(m)
  return m.votingRounds
    .filter((r) => r.status === 'closed' && r.results.length > 0)
    .map((r) => ({
      roundId: r.id,
      title: r.title || w.t('report.decisions.round'),
      about: w.t('report.decisions.about', { how: r.how, count: r.ballotsCounted }),
      header: [
        '#',
        w.t('report.col.card'),
        w.t('report.col.result'),
        ...roles.map((role) => w.roleShort(role)),
      ],
      rows: r.results.map((c, i) => [
        String(i + 1),
        (cards.get(c.cardId)?.text ?? '').replace(/\n+/g, ' '),
        cardSummary(c),
        ...roles.map((role) => roleCell(c.measures, role)),
      ]),
      numeric: [0],
    }))
}

/** A role's results on a card: "3" for dots, "Agree 2 · Disagree 0 · Pass 1", "Impact 4.5 · Effort —". */
function roleCell(measures: readonly ExportMeasure[], role: CoproRole): string {
  if (measures.length === 1 && measures[0]!.key === 'dots') return String(measures[0]!.byRole[role])
  return measures
    .map((x) => `${x.label} ${formatMeasure(x, x.byRole[role], x.answers?.byRole[role])}`)
    .join(' · ')
}

export const DECISIONS_HEADER = [
  'Round',
  'Method',
  'Card ID',
  'Card',
  'Measure',
  'Value',
  'Answers',
  ...COPRO_ROLES.map((r) => `Value: ${EN.roleShort(r)}`),
  'Scores 1–5',
] as const

/** decisions.csv / the workbook's "Voting results" sheet: one row per round, card and measure. */
export function decisionsRows(m: ExportModel): string[][] {
  const cards = cardIndex(m)
  const rows: string[][] = [[...DECISIONS_HEADER]]
  for (const r of m.votingRounds)
    for (const c of r.results)
      for (const x of c.measures)
        rows.push([
          r.title || r.id,
          r.method,
          c.cardId,
          (cards.get(c.cardId)?.text ?? '').replace(/\n+/g, ' '),
          x.label,
          String(x.overall),
          x.answers ? String(x.answers.overall) : '',
          ...COPRO_ROLES.map((role) => (x.answers?.byRole[role] === 0 ? '' : String(x.byRole[role]))),
          x.distribution ? distributionText(x.distribution.overall) : '',
        ])
  return rows
}

/** Whether any round has results to list. */
export function hasDecisions(m: ExportModel): boolean {
  return m.votingRounds.some((r) => r.status === 'closed' && r.results.length > 0)
}
