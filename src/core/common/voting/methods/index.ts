import type { VotingMethodId, VotingRound } from '../round'
import { agreement } from './agreement'
import { dots } from './dots'
import { rank } from './rank'
import { scale } from './scale'
import type { VotingMethod } from './types'

/** Every way to decide, by id: the one lookup the tally, the relay and the screens use. */
export const METHODS: Readonly<Record<VotingMethodId, VotingMethod>> = { dots, agreement, scale, rank }

export function methodOf(round: Pick<VotingRound, 'method'>): VotingMethod {
  return METHODS[round.method]
}

export type { VotingMethod } from './types'
