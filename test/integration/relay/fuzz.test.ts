import { describe, expect, it } from 'vitest'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import { prng } from '../../helpers/prng'
import { waitFor } from '../../helpers/wait'
import { FACILITATOR_TOKEN, SESSION, rawSocket, relayPerTest, type TestRelay, waitSynced } from './helpers'
import { type MalformedKind, malformedFrames } from './malformed'

const FRAMES = 10_000
const WORKERS = 8
const MAX_MESSAGE = 16 * 1024

let relay: TestRelay
const client = relayPerTest((r) => (relay = r), { limits: { maxMessageBytes: MAX_MESSAGE } })

describe('relay: fuzz', () => {
  it(`survives ${FRAMES} malformed frames while a well-behaved pair keeps syncing`, async () => {
    const writer = client()
    const reader = client()
    await Promise.all([waitSynced(writer), waitSynced(reader)])
    let goodDrops = 0
    for (const c of [writer, reader]) c.provider.on('connection-close', () => goodDrops++)

    // The well-behaved writer edits steadily during the whole barrage.
    let edits = 0
    let stop = false
    const editing = (async () => {
      while (!stop) {
        writer.doc.getMap('cards').set(`card-${edits % 50}`, { n: edits, text: 'still here' })
        edits++
        await new Promise((r) => setTimeout(r, 10))
      }
    })()

    const next = malformedFrames(prng(0xc0ffee), MAX_MESSAGE)
    const codes = new Map<number, number>()
    const kinds = new Map<MalformedKind, number>()
    let sent = 0
    // Each malformed frame costs its connection, so the workers reconnect after every close.
    const worker = async () => {
      while (sent < FRAMES) {
        sent++
        const frame = next(sent % 40 === 0 ? 'oversized' : undefined)
        kinds.set(frame.kind, (kinds.get(frame.kind) ?? 0) + 1)
        const s = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
        await s.opened
        s.ws.send(frame.data)
        const { code } = await s.closed
        codes.set(code, (codes.get(code) ?? 0) + 1)
      }
    }
    await Promise.all(Array.from({ length: WORKERS }, worker))
    stop = true
    await editing

    // Every frame closed its own connection with a documented code: malformed or too big.
    expect([...codes.keys()].sort()).toEqual(
      [CLOSE_CODES.MESSAGE_TOO_LARGE, CLOSE_CODES.MALFORMED_MESSAGE].sort(),
    )
    const total = [...codes.values()].reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThanOrEqual(FRAMES)
    const stats = relay.relay.stats()
    expect(
      stats.malformedMessages + (stats.closedByCode[CLOSE_CODES.MESSAGE_TOO_LARGE] ?? 0),
    ).toBeGreaterThanOrEqual(FRAMES)
    expect(kinds.size).toBe(13)

    // The good clients never lost their connection and hold the same state as the relay.
    const last = edits - 1
    await waitFor(
      () => (reader.doc.getMap('cards').get(`card-${last % 50}`) as { n: number } | undefined)?.n === last,
      'the reader to receive the last edit',
    )
    expect(goodDrops).toBe(0)
    expect(edits).toBeGreaterThan(10)
    expect(reader.doc.getMap('cards').toJSON()).toEqual(writer.doc.getMap('cards').toJSON())
    expect(relay.relay.getLoadedDoc(SESSION)?.getMap('cards').toJSON()).toEqual(
      writer.doc.getMap('cards').toJSON(),
    )
    // Nothing but the good clients' content made it into the document (the relay's board recorder
    // observes tl_records and workshop, which exist empty).
    const filled = [...relay.relay.getLoadedDoc(SESSION)!.share.entries()].filter(
      ([, t]) => t._start !== null || t._map.size > 0,
    )
    expect(filled.map(([name]) => name)).toEqual(['cards'])
    expect(relay.relay.sessionInfo(SESSION).connections).toBe(2)

    // A newcomer still syncs the whole document.
    const late = client()
    await waitSynced(late)
    await waitFor(() => late.doc.getMap('cards').size === writer.doc.getMap('cards').size, 'newcomer synced')
  }, 180_000)
})

describe('relay: broken WebSocket framing', () => {
  it('a reserved opcode closes that connection with 1002; a text frame with 4400', async () => {
    const good = client()
    await waitSynced(good)
    const s = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await s.opened
    // A masked client frame with reserved opcode 0x3, written under the ws library.
    const socket = (s.ws as unknown as { _socket: { write(b: Buffer): void } })._socket
    socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]))
    expect((await s.closed).code).toBe(1002)
    const t = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await t.opened
    t.ws.send('{"type":"sync"}')
    expect((await t.closed).code).toBe(CLOSE_CODES.MALFORMED_MESSAGE)
    expect(relay.relay.stats().closedByCode[1002]).toBe(1)
    good.doc.getMap('cards').set('still', 'fine')
    await waitFor(
      () => relay.relay.getLoadedDoc(SESSION)?.getMap('cards').get('still') === 'fine',
      'still syncing',
    )
    expect(good.provider.wsconnected).toBe(true)
  })
})
