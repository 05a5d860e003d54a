import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import { ballotKey, sessionMap } from '../../../src/core/common/session/docSchema'
import { writeRound } from '../../../src/core/common/voting/round'
import type { StandaloneRelay } from '../../helpers/standaloneRelay'
import { waitFor } from '../../helpers/wait'
import { SESSION, waitSynced } from './helpers'
import { RightsRelay } from './rightsRelay'
import { records } from './rightsBoard'

/**
 * The relay's check of ballots for every way to decide (voting/publishRule.ts, called by rights.ts):
 * a participant's ballot must fit its closed round's method. Stock y-websocket clients; a bad ballot
 * closes the sender with 4403 and never reaches the relay's document.
 */
const rig = new RightsRelay()
let relay: StandaloneRelay
const connect = rig.connect
const closed = {
  title: 't',
  status: 'closed' as const,
  dotsPerPerson: 2,
  kinds: [],
  region: null,
  openedAt: 1,
  closedAt: 2,
}

beforeEach(async () => {
  const fac = await rig.start()
  relay = rig.relay
  writeRound(fac.doc, { ...closed, id: 'r-dots' })
  writeRound(fac.doc, { ...closed, id: 'r-agree', method: 'agreement' })
  writeRound(fac.doc, { ...closed, id: 'r-scale', method: 'scale', criteria: ['Impact', 'Effort'] })
  writeRound(fac.doc, { ...closed, id: 'r-rank', method: 'rank', topN: 2 })
  const doc = () => relay.relay.getLoadedDoc(SESSION)
  await waitFor(
    () => doc() !== undefined && records(doc()!).size === 5 && sessionMap(doc()!, 'voting').has('r-rank'),
    'the seeded board and rounds',
  )
})

afterEach(async () => {
  await rig.stop()
  vi.restoreAllMocks()
})

const aliceBallot = (roundId: string, body: Record<string, unknown>) => (d: Y.Doc) =>
  sessionMap(d, 'ballots').set(ballotKey(roundId, 'alice'), {
    roundId,
    participantId: 'alice',
    coproRole: 'service-user',
    castAt: 5,
    cardIds: [],
    ...body,
  })

async function outcome(change: (d: Y.Doc) => void): Promise<'refused' | 'kept'> {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const alice = connect('alice')
  await waitSynced(alice)
  const closes: number[] = []
  alice.provider.on('connection-close', (e) => {
    if (e) closes.push(e.code)
  })
  const before = sessionMap(relay.relay.getLoadedDoc(SESSION)!, 'ballots').size
  change(alice.doc)
  await waitFor(
    () => closes.length > 0 || sessionMap(relay.relay.getLoadedDoc(SESSION)!, 'ballots').size > before,
    'the relay to take or refuse the ballot',
  )
  if (closes.length > 0) {
    expect(closes).toEqual([CLOSE_CODES.PERMISSION_DENIED])
    expect(sessionMap(relay.relay.getLoadedDoc(SESSION)!, 'ballots').size).toBe(before)
    return 'refused'
  }
  return 'kept'
}

describe('relay rights: a ballot must fit its round’s method', () => {
  it('dots: more dots than the round gives is refused; within them is kept', async () => {
    expect(await outcome(aliceBallot('r-dots', { cardIds: ['shape:bob', 'shape:bob', 'shape:fac'] }))).toBe(
      'refused',
    )
    expect(await outcome(aliceBallot('r-dots', { cardIds: ['shape:bob', 'shape:bob'] }))).toBe('kept')
  })
  it('agreement: two answers on one card are refused; one each is kept', async () => {
    const two = [
      { cardId: 'shape:bob', choice: 'agree' },
      { cardId: 'shape:bob', choice: 'disagree' },
    ]
    expect(await outcome(aliceBallot('r-agree', { agreement: two }))).toBe('refused')
    const ok = [
      { cardId: 'shape:bob', choice: 'agree' },
      { cardId: 'shape:fac', choice: 'pass' },
    ]
    expect(await outcome(aliceBallot('r-agree', { agreement: ok }))).toBe('kept')
  })
  it('agreement: a dot in an agreement ballot is refused', async () => {
    expect(await outcome(aliceBallot('r-agree', { cardIds: ['shape:bob'] }))).toBe('refused')
  })
  it('scale: a third criterion in a two-criteria round is refused', async () => {
    expect(
      await outcome(aliceBallot('r-scale', { scores: [{ cardId: 'shape:bob', criterion: 2, score: 4 }] })),
    ).toBe('refused')
  })
  it('scale: a score of 6 is refused; 1–5 on the round’s criteria is kept', async () => {
    expect(
      await outcome(aliceBallot('r-scale', { scores: [{ cardId: 'shape:bob', criterion: 0, score: 6 }] })),
    ).toBe('refused')
    const ok = [
      { cardId: 'shape:bob', criterion: 0, score: 5 },
      { cardId: 'shape:bob', criterion: 1, score: 1 },
    ]
    expect(await outcome(aliceBallot('r-scale', { scores: ok }))).toBe('kept')
  })
  it('rank: a card ranked twice or more than N cards is refused; a top N is kept', async () => {
    expect(await outcome(aliceBallot('r-rank', { cardIds: ['shape:bob', 'shape:bob'] }))).toBe('refused')
    expect(await outcome(aliceBallot('r-rank', { cardIds: ['shape:bob', 'shape:fac', 'shape:alice'] }))).toBe(
      'refused',
    )
    expect(await outcome(aliceBallot('r-rank', { cardIds: ['shape:fac', 'shape:bob'] }))).toBe('kept')
  })
})
