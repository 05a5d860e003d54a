import {
  hasDuplicates,
  zeroByRole,
  type AgreementChoice,
  type BallotContent,
  type ByRole,
  type MethodCardResult,
  type VotingMethod,
} from './types'

/**
 * Agree / disagree / pass: one answer per card (a person may leave cards unanswered). A card's results
 * are how many agreed, disagreed and passed, overall and per role; cards are ordered by agrees, then
 * by fewer disagrees.
 */
export const CHOICES: readonly AgreementChoice[] = ['agree', 'disagree', 'pass']
const LABEL: Record<AgreementChoice, string> = { agree: 'Agree', disagree: 'Disagree', pass: 'Pass' }

export const agreement: VotingMethod = {
  id: 'agreement',
  label: 'Agree / disagree / pass',
  headlineLabel: () => 'agree',
  describe: () => 'Agree, disagree or pass on each card',
  check(_round, c) {
    if (c.cardIds.length > 0 || c.scores !== undefined)
      return 'an agreement ballot carries only agree / disagree / pass answers'
    const answers = c.agreement ?? []
    if (hasDuplicates(answers.map((a) => a.cardId))) return 'one answer per card'
    return null
  },
  normalise(_round, c) {
    const seen = new Map<string, AgreementChoice>()
    for (const a of c.agreement ?? []) seen.set(a.cardId, a.choice)
    return { cardIds: [], agreement: [...seen].map(([cardId, choice]) => ({ cardId, choice })) }
  },
  isEmpty: (c) => (c.agreement ?? []).length === 0,
  tally(_round, ballots) {
    const byCard = new Map<string, Record<AgreementChoice, { n: number; byRole: ByRole }>>()
    for (const b of ballots)
      for (const a of b.content.agreement ?? []) {
        let e = byCard.get(a.cardId)
        if (!e)
          byCard.set(
            a.cardId,
            (e = {
              agree: { n: 0, byRole: zeroByRole() },
              disagree: { n: 0, byRole: zeroByRole() },
              pass: { n: 0, byRole: zeroByRole() },
            }),
          )
        e[a.choice].n++
        e[a.choice].byRole[b.role]++
      }
    return [...byCard].map(([cardId, e]): MethodCardResult => ({
      cardId,
      headline: e.agree.n,
      headlineByRole: e.agree.byRole,
      then: [-e.disagree.n],
      measures: CHOICES.map((ch) => ({
        key: ch,
        label: LABEL[ch],
        type: 'count' as const,
        overall: e[ch].n,
        byRole: e[ch].byRole,
      })),
    }))
  },
}

/** The answer a person gave on a card, or null. */
export function choiceOn(c: BallotContent, cardId: string): AgreementChoice | null {
  return (c.agreement ?? []).find((a) => a.cardId === cardId)?.choice ?? null
}

/** Sets (or, with null, clears) a person's answer on a card. */
export function setChoice(c: BallotContent, cardId: string, choice: AgreementChoice | null): BallotContent {
  const rest = (c.agreement ?? []).filter((a) => a.cardId !== cardId)
  return { ...c, agreement: choice === null ? rest : [...rest, { cardId, choice }] }
}
