/**
 * The cost of the relay's rights check (docs/adr/0040-relay-enforced-rights.md) per update: on a board
 * of 2,000 cards by 50 participants, each participant update moves one of their own cards (the common
 * case: a tldraw drag sends one such update per frame). For each update, the time to read what it
 * touches and judge it (updateTouches + checkRights, what Room.checkRights does before applying) and,
 * for comparison, the time Yjs takes to apply it. Also a refused update (moving someone else's card).
 *
 *   npx tsx bench/relay-rights.ts       (npm run bench -- relay-rights)
 *
 * Prints the medians and 95th percentiles in microseconds.
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { KeyedRecords, type KeyedEntry } from '../src/core/common/session/keyedRecords'
import { recordsArray } from '../src/core/common/session/docSchema'
import { registerParticipant } from '../src/core/common/session/write'
import { checkRights } from '../src/core/node/relay/rights'
import { updateTouches } from '../src/core/node/relay/updateTouches'
import { card } from '../test/integration/relay/rightsBoard'

const CARDS = 2000
const PEOPLE = 50
const UPDATES = Number(process.env['BENCH_UPDATES'] ?? 3000)

const relayDoc = new Y.Doc()
for (let p = 0; p < PEOPLE; p++) {
  registerParticipant(
    relayDoc,
    { id: `p${p}`, name: '', anonymous: true, coproRole: 'service-user', sessionRole: 'participant' },
    1,
  )
}
const seed = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(relayDoc))
seed.setMany(
  Array.from({ length: CARDS }, (_, i) => {
    const id = `shape:c${i}`
    return [id, card(id, `p${i % PEOPLE}`, 'service-user', `card ${i} ${'text '.repeat(20)}`)] as const
  }),
)
seed.destroy()

// One client per participant, each a copy of the board.
const clients = Array.from({ length: PEOPLE }, () => {
  const d = new Y.Doc()
  Y.applyUpdate(d, Y.encodeStateAsUpdate(relayDoc))
  return { doc: d, records: new KeyedRecords(recordsArray<KeyedEntry<unknown>>(d)) }
})
const index = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(relayDoc), { readOnly: true })

function moveUpdate(p: number, cardIndex: number, x: number): Uint8Array {
  const c = clients[p]!
  const sv = Y.encodeStateVector(c.doc)
  const id = `shape:c${cardIndex}`
  const author = `p${cardIndex % PEOPLE}`
  c.records.set(id, card(id, author, 'service-user', `card ${cardIndex} ${'text '.repeat(20)}`, x))
  return Y.encodeStateAsUpdate(c.doc, sv)
}

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!
  return { median: +(at(0.5) * 1000).toFixed(1), p95: +(at(0.95) * 1000).toFixed(1) }
}

const check: number[] = []
const apply: number[] = []
const decodeTimes: number[] = []
for (let i = 0; i < UPDATES; i++) {
  const p = i % PEOPLE
  const own = p + PEOPLE * (i % (CARDS / PEOPLE))
  const update = moveUpdate(p, own, i)
  // the relay decodes every update anyway (messages.ts), so decoding is not part of the check
  const td = performance.now()
  const decoded = Y.decodeUpdate(update)
  const t0 = performance.now()
  const verdict = checkRights(relayDoc, index, updateTouches(relayDoc, decoded).touches, {
    sessionRole: 'participant',
    participantId: `p${p}`,
  })
  const t1 = performance.now()
  if (!verdict.ok) throw new Error(`an honest move was refused: ${verdict.reason}`)
  Y.applyUpdate(relayDoc, update)
  const t2 = performance.now()
  check.push(t1 - t0)
  apply.push(t2 - t1)
  decodeTimes.push(t0 - td)
  // (other clients need not receive it: each moves only its own cards, whose entries it has)
}

const refused: number[] = []
for (let i = 0; i < 500; i++) {
  const other = (1 + (i % (PEOPLE - 1))) % PEOPLE // never p0's own card
  const c = clients[0]!
  const sv = Y.encodeStateVector(c.doc)
  const id = `shape:c${other}`
  c.records.set(id, card(id, `p${other}`, 'service-user', 'moved by p0', -i))
  const decoded = Y.decodeUpdate(Y.encodeStateAsUpdate(c.doc, sv))
  const t0 = performance.now()
  const verdict = checkRights(relayDoc, index, updateTouches(relayDoc, decoded).touches, {
    sessionRole: 'participant',
    participantId: 'p0',
  })
  refused.push(performance.now() - t0)
  if (verdict.ok) throw new Error('a move of someone else’s card was allowed')
  // p0's copy now holds a change the relay refused: start it again from the relay's document
  c.records.destroy()
  c.doc = new Y.Doc()
  Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(relayDoc))
  c.records = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(c.doc))
}

const result = {
  machine: `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, load ${os.loadavg()[0]!.toFixed(1)}`,
  date: new Date().toISOString(),
  cards: CARDS,
  participants: PEOPLE,
  updates: UPDATES,
  checkMicros: stats(check),
  applyMicros: stats(apply),
  decodeMicros: stats(decodeTimes),
  refusedCheckMicros: stats(refused),
}
console.log(JSON.stringify(result))
