import { describe, expect, it } from 'vitest'
import {
  CLOSE_CODES,
  DEFAULT_LIMITS,
  isPermanentCloseCode,
  MemoryPersistence,
} from '../../../src/core/node/relay'
import { startStandaloneRelay } from '../../helpers/standaloneRelay'
import { awarenessFrame, cardUpdate, syncStep1Frame, updateFrame } from './frames'
import { waitFor } from '../../helpers/wait'
import {
  clientsPerTest,
  FACILITATOR_TOKEN,
  SESSION,
  rawSocket,
  startTestRelay,
  type TestRelay,
  waitSynced,
} from './helpers'

let relay: TestRelay | null = null
const client = clientsPerTest(async () => {
  await relay?.close()
  relay = null
})

describe('relay: limits', () => {
  it('documents its defaults: 8 MiB messages, 200 connections per session', () => {
    expect(DEFAULT_LIMITS.maxMessageBytes).toBe(8 * 1024 * 1024)
    expect(DEFAULT_LIMITS.maxConnectionsPerSession).toBe(200)
    expect(DEFAULT_LIMITS.maxMessagesPerSecond).toBeGreaterThan(0)
  })

  it('rejects an invalid limit at construction', async () => {
    await expect(startTestRelay({ limits: { maxConnectionsPerSession: 0 } })).rejects.toThrow()
  })

  it('an oversize message closes that connection with the permanent MESSAGE_TOO_LARGE (4415); others keep syncing', async () => {
    relay = await startTestRelay({ limits: { maxMessageBytes: 4096 } })
    const good = client(relay.url)
    const watcher = client(relay.url)
    await Promise.all([waitSynced(good), waitSynced(watcher)])
    const s = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await s.opened
    // A well-formed update just over the limit: the size alone is the offence.
    s.ws.send(updateFrame(cardUpdate('big', 'x'.repeat(4096))))
    const closed = await s.closed
    expect(closed.code).toBe(CLOSE_CODES.MESSAGE_TOO_LARGE)
    expect(isPermanentCloseCode(closed.code)).toBe(true)
    good.doc.getMap('cards').set('after', 1)
    await waitFor(() => watcher.doc.getMap('cards').get('after') === 1, 'sync after the oversize frame')
    expect(watcher.doc.getMap('cards').has('big')).toBe(false)
  })

  it('a stock client whose update is too large stops instead of re-sending it in a loop', async () => {
    relay = await startTestRelay({ limits: { maxMessageBytes: 4096 } })
    const big = client(relay.url)
    await waitSynced(big)
    const closes: number[] = []
    big.provider.on('connection-close', (e) => {
      if (e) closes.push(e.code)
    })
    big.doc.getMap('cards').set('photo', 'x'.repeat(6000))
    await waitFor(() => closes.length > 0, 'the close')
    expect(closes[0]).toBe(CLOSE_CODES.MESSAGE_TOO_LARGE)
    // y-websocket 3.x does not reconnect after a 44xx close: no loop re-uploading the same update.
    await new Promise((r) => setTimeout(r, 400))
    expect(closes).toHaveLength(1)
    expect(big.provider.shouldConnect).toBe(false)
    expect(relay.relay.stats().accepted).toBe(1)
  })

  it('past twice the limit ws itself closes with 1009 before reading the frame', async () => {
    relay = await startTestRelay({ limits: { maxMessageBytes: 4096 } })
    const s = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await s.opened
    s.ws.send(updateFrame(cardUpdate('huge', 'x'.repeat(9000))))
    expect((await s.closed).code).toBe(CLOSE_CODES.MESSAGE_TOO_BIG)
  })

  it('a message just under the limit is accepted', async () => {
    relay = await startTestRelay({ limits: { maxMessageBytes: 4096 } })
    const watcher = client(relay.url)
    await waitSynced(watcher)
    const s = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await s.opened
    s.ws.send(updateFrame(cardUpdate('fits', 'x'.repeat(3000))))
    await waitFor(() => watcher.doc.getMap('cards').has('fits'), 'the 3 kB card')
    s.ws.close()
  })

  it('one connection too many closes with SESSION_FULL (4053) before any byte; a freed slot can be reused', async () => {
    relay = await startTestRelay({ limits: { maxConnectionsPerSession: 3, facilitatorReserve: 0 } })
    const cs = [client(relay.url), client(relay.url), client(relay.url)]
    await Promise.all(cs.map(waitSynced))
    const extra = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    extra.ws.on('open', () => extra.ws.send(syncStep1Frame()))
    const closed = await extra.closed
    expect(closed.code).toBe(CLOSE_CODES.SESSION_FULL)
    expect(extra.received).toEqual([])
    expect(relay.relay.sessionInfo(SESSION).connections).toBe(3)
    // Another session is not affected by this one's count.
    relay.persistence.create('session-other')
    const other = client(relay.url, { room: 'session-other' })
    await waitSynced(other)
    // Free one slot; the next connection joins.
    cs[0]?.provider.disconnect()
    await waitFor(() => relay?.relay.sessionInfo(SESSION).connections === 2, 'a slot to free up')
    const late = client(relay.url)
    await waitSynced(late)
    expect(relay.relay.sessionInfo(SESSION).connections).toBe(3)
  })

  it('more messages per second than allowed closes with RATE_LIMITED (4029)', async () => {
    let t = 1_000_000
    relay = await startTestRelay({ limits: { maxMessagesPerSecond: 10 }, now: () => t })
    const s = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await s.opened
    // Exactly the allowance: all answered (each sync step 1 gets a step 2), connection stays.
    for (let i = 0; i < 10; i++) s.ws.send(syncStep1Frame())
    await waitFor(() => s.received.filter((m) => m[0] === 0 && m[1] === 1).length === 10, '10 step-2 replies')
    // A second later the bucket is full again.
    t += 1000
    for (let i = 0; i < 10; i++) s.ws.send(awarenessFrame(777, i + 1, { n: i }))
    // Echoed to the sender too (changes within one broadcast window come back as one message).
    await waitFor(
      () => s.received.some((m) => m[0] === 1 && Buffer.from(m).toString('latin1').includes('{"n":9}')),
      'the echo of the tenth presence state',
    )
    expect(s.ws.readyState).toBe(s.ws.OPEN)
    // The clock stands still: the 11th message within the second is one too many.
    for (let i = 0; i < 11; i++) s.ws.send(syncStep1Frame())
    expect((await s.closed).code).toBe(CLOSE_CODES.RATE_LIMITED)
    expect(relay.relay.stats().closedByCode[CLOSE_CODES.RATE_LIMITED]).toBe(1)
  })

  it('echoes of what the relay already has do not count against the message rate (pycrdt-style echo)', async () => {
    const t = 0
    relay = await startTestRelay({
      limits: { maxMessagesPerSecond: 5, maxFramesPerSecond: 1000 },
      now: () => t,
    })
    const writer = client(relay.url)
    await waitSynced(writer)
    const s = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await s.opened
    // An echoing client sends back every update it receives: 60 times the same, well over 5 per second.
    const update = cardUpdate('echoed', 1)
    s.ws.send(updateFrame(update))
    await waitFor(() => writer.doc.getMap('cards').get('echoed') === 1, 'the first copy')
    for (let i = 0; i < 60; i++) s.ws.send(updateFrame(update))
    // A request on the same socket after the echoes: its answer comes once the relay has handled them all.
    s.ws.send(syncStep1Frame())
    await waitFor(() => s.received.some((m) => m[0] === 0 && m[1] === 1), 'the sync step 2 answer')
    expect(s.ws.readyState).toBe(s.ws.OPEN)
    // Distinct changes do count: the sixth in the same second closes the connection.
    for (let i = 0; i < 6; i++) s.ws.send(updateFrame(cardUpdate(`new-${i}`, i)))
    expect((await s.closed).code).toBe(CLOSE_CODES.RATE_LIMITED)
  })

  it('a flood of frames, echoes or not, is cut off at maxFramesPerSecond', async () => {
    const t = 0
    relay = await startTestRelay({
      limits: { maxMessagesPerSecond: 5, maxFramesPerSecond: 20 },
      now: () => t,
    })
    const s = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await s.opened
    const update = cardUpdate('echoed', 1)
    for (let i = 0; i < 30; i++) s.ws.send(updateFrame(update))
    expect((await s.closed).code).toBe(CLOSE_CODES.RATE_LIMITED)
  })

  it('a rate-limited stock client reconnects by itself (the code is transient)', async () => {
    let t = 0
    relay = await startTestRelay({ limits: { maxMessagesPerSecond: 5 }, now: () => t })
    const c = client(relay.url)
    await waitSynced(c)
    const closes: number[] = []
    c.provider.on('connection-close', (e) => {
      if (e) closes.push(e.code)
    })
    for (let i = 0; i < 10; i++) c.provider.awareness.setLocalStateField('cursor', { x: i })
    await waitFor(() => closes.length > 0, 'the rate-limit close')
    expect(closes[0]).toBe(CLOSE_CODES.RATE_LIMITED)
    t += 10_000
    await waitFor(() => c.provider.synced, 'reconnected')
  })
})

describe('relay: frames held before admission', () => {
  it('are processed in order once admitted', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const persistence = new MemoryPersistence()
    persistence.create(SESSION)
    const standalone = await startStandaloneRelay({
      port: 0,
      persistence,
      authorize: async () => {
        await gate
        return { sessionRole: 'facilitator', tokenId: 't' }
      },
    })
    try {
      const s = rawSocket(standalone.url, SESSION, 'any')
      await s.opened
      s.ws.send(updateFrame(cardUpdate('held', 1)))
      s.ws.send(syncStep1Frame())
      await new Promise((r) => setTimeout(r, 30))
      expect(s.received).toEqual([])
      release()
      await waitFor(() => s.received.some((m) => m[0] === 0 && m[1] === 1), 'step 2 answer')
      expect(standalone.relay.getLoadedDoc(SESSION)?.getMap('cards').get('held')).toBe(1)
      s.ws.close()
    } finally {
      await standalone.close()
    }
  })

  it('a connection not admitted in time closes with ADMISSION_TIMEOUT (4080)', async () => {
    const persistence = new MemoryPersistence()
    persistence.create(SESSION)
    const standalone = await startStandaloneRelay({
      port: 0,
      persistence,
      admissionTimeoutMs: 50,
      authorize: () => new Promise(() => {}), // never answers
    })
    try {
      const s = rawSocket(standalone.url, SESSION, 'any')
      expect((await s.closed).code).toBe(CLOSE_CODES.ADMISSION_TIMEOUT)
      expect(s.received).toEqual([])
    } finally {
      await standalone.close()
    }
  })

  it('more than maxMessageBytes held before admission closes with RATE_LIMITED', async () => {
    const persistence = new MemoryPersistence()
    persistence.create(SESSION)
    const standalone = await startStandaloneRelay({
      port: 0,
      persistence,
      limits: { maxMessageBytes: 4096 },
      authorize: () => new Promise(() => {}), // never answers
    })
    try {
      const s = rawSocket(standalone.url, SESSION, 'any')
      await s.opened
      for (let i = 0; i < 3; i++) s.ws.send(updateFrame(cardUpdate(`k${i}`, 'x'.repeat(2000))))
      expect((await s.closed).code).toBe(CLOSE_CODES.RATE_LIMITED)
      expect(s.received).toEqual([])
    } finally {
      await standalone.close()
    }
  })
})

describe('relay: slow consumers', () => {
  it('a client that stops reading is closed with SLOW_CONSUMER; the others carry on', async () => {
    relay = await startTestRelay({
      limits: { maxBufferedBytes: 64 * 1024, maxItemContentLength: 1024 * 1024 },
    })
    const writer = client(relay.url)
    const watcher = client(relay.url)
    await Promise.all([waitSynced(writer), waitSynced(watcher)])
    const slow = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await slow.opened
    await waitFor(() => relay?.relay.sessionInfo(SESSION).connections === 3, 'slow client joined')
    // Stop reading from the socket: the kernel buffers fill, then the relay's send buffer grows.
    slow.ws.pause()
    const big = 'x'.repeat(256 * 1024)
    for (let i = 0; i < 200 && !relay.relay.stats().closedByCode[CLOSE_CODES.SLOW_CONSUMER]; i++) {
      writer.doc.getMap('cards').set(`big-${i % 4}`, `${i}${big}`)
      await new Promise((r) => setTimeout(r, 5))
    }
    expect(relay.relay.stats().closedByCode[CLOSE_CODES.SLOW_CONSUMER]).toBe(1)
    await waitFor(() => relay?.relay.sessionInfo(SESSION).connections === 2, 'slow client dropped')
    writer.doc.getMap('cards').set('small', 1)
    await waitFor(() => watcher.doc.getMap('cards').get('small') === 1, 'others still sync')
    expect(watcher.provider.wsconnected).toBe(true)
    slow.ws.terminate()
  }, 60_000)
})
