/**
 * Hostile traffic (issue 21, issue 22 item 1): valid but costly input from a participant's or an
 * observer's link, on loopback, in bounded loops. Each attack must leave the relay serving an honest
 * client on the same session and on another session, with memory under a stated bound, and the stored
 * data intact after a restart. No wall-clock assertions: stall figures come from bench/hostile.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, type RelayLimits } from '../../../src/core/node/relay'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { hasPendingUpdates } from '../../../src/core/common/session/pending'
import { awarenessFrame, updateFrame } from '../relay/frames'
import {
  type Client,
  FACILITATOR_TOKEN,
  OBSERVER_TOKEN,
  rawSocket,
  stockClient,
  testAuthorize,
  waitFor,
  waitSynced,
} from '../relay/helpers'
import {
  awarenessFlood,
  deepNesting,
  hugeText,
  manyTinyEntries,
  manyTinyItems,
  updateWithMissingDependency,
} from './attacks'
import { countStructs } from '../../../src/core/node/relay/documentQuota'

/** Generous: the attacks below would each cost hundreds of MiB to GiBs without the limits. */
const MEMORY_BOUND = 200 * 1024 * 1024

/** The relay over real storage (a SessionStore in a temporary folder), as the app runs it. */
let relay: StandaloneRelay | null = null
let store: SessionStore | null = null
let dataDir = ''
let SESSION = ''
let OTHER = ''
const clients: Client[] = []
const warnings: string[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await relay?.close()
  await store?.close()
  relay = null
  store = null
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
  dataDir = ''
})

function client(opts: Parameters<typeof stockClient>[1] = {}): Client {
  const c = stockClient(relay!.url, { room: SESSION, ...opts })
  clients.push(c)
  return c
}

async function listen(limits: Partial<RelayLimits> = {}): Promise<void> {
  store = await SessionStore.open(dataDir)
  relay = await startStandaloneRelay({
    host: '127.0.0.1',
    port: 0,
    persistence: store,
    authorize: testAuthorize,
    onWarning: (m) => warnings.push(m),
    limits,
  })
}

async function start(limits: Partial<RelayLimits> = {}): Promise<void> {
  warnings.length = 0
  dataDir = await mkdtemp(path.join(tmpdir(), 'copro-hostile-'))
  await listen(limits)
  SESSION = (await store!.create({ title: 'Attacked' })).id
  OTHER = (await store!.create({ title: 'Next door' })).id
}

function memory(): number {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/** An honest writer and reader on the attacked session, and a pair on another session. */
async function honest(): Promise<{ check(tag: string): Promise<void> }> {
  const writer = client()
  const reader = client()
  const otherWriter = client({ room: OTHER })
  const otherReader = client({ room: OTHER })
  await Promise.all([writer, reader, otherWriter, otherReader].map(waitSynced))
  return {
    async check(tag) {
      writer.doc.getMap('cards').set(tag, 'honest')
      otherWriter.doc.getMap('cards').set(tag, 'honest')
      await waitFor(() => reader.doc.getMap('cards').get(tag) === 'honest', `${tag} on the same session`)
      await waitFor(() => otherReader.doc.getMap('cards').get(tag) === 'honest', `${tag} on another session`)
    },
  }
}

/** Restarts the relay and reopens the data folder; returns a fresh client's view of the session. */
async function afterRestart(): Promise<Y.Map<unknown>> {
  for (const c of clients.splice(0)) c.destroy()
  await relay!.close()
  await store!.close()
  await listen()
  const fresh = client()
  await waitSynced(fresh)
  expect(hasPendingUpdates(relay!.relay.getLoadedDoc(SESSION)!)).toBe(false)
  // the room drops (and warns about) pending data found in storage: there must have been none
  expect(warnings.filter((w) => w.includes('missing updates'))).toEqual([])
  return fresh.doc.getMap('cards')
}

async function attacker(token = OBSERVER_TOKEN) {
  const s = rawSocket(relay!.url, SESSION, token)
  await s.opened
  return s
}

describe('hostile traffic: awareness', () => {
  it('a flood of awareness entries is refused (4412) before it is kept or relayed', async () => {
    await start()
    const h = await honest()
    const before = memory()
    for (let i = 0; i < 5; i++) {
      const s = await attacker()
      s.ws.send(awarenessFlood(1_000_000 + i * 100_000, 50_000, { user: { name: 'x'.repeat(100) } }))
      expect((await s.closed).code).toBe(CLOSE_CODES.AWARENESS_REFUSED)
    }
    expect(relay!.relay.getLoadedDoc(SESSION)).toBeDefined()
    await h.check('after-flood')
    expect(memory() - before).toBeLessThan(MEMORY_BOUND)
    const joiner = rawSocket(relay!.url, SESSION, OBSERVER_TOKEN)
    await joiner.opened
    await waitFor(() => joiner.received.length > 0, 'the joiner’s first frames')
    expect(joiner.received.reduce((n, f) => n + f.byteLength, 0)).toBeLessThan(64 * 1024)
    joiner.ws.close()
    expect((await afterRestart()).get('after-flood')).toBe('honest')
  })

  it('a state over 16 kB, or another link’s client id, is refused; the facilitator’s presence stays', async () => {
    await start()
    const fac = client()
    await waitSynced(fac)
    fac.provider.awareness.setLocalStateField('user', { name: 'Facilitator' })
    const reader = client({ token: OBSERVER_TOKEN })
    await waitFor(
      () => reader.provider.awareness.getStates().get(fac.doc.clientID)?.['user']?.name === 'Facilitator',
      'the facilitator’s presence',
    )
    const big = await attacker()
    big.ws.send(awarenessFrame(77, 1, { user: { name: 'x'.repeat(17 * 1024) } }))
    expect((await big.closed).code).toBe(CLOSE_CODES.AWARENESS_REFUSED)
    const forger = await attacker()
    forger.ws.send(awarenessFrame(fac.doc.clientID, 10_000, { user: { name: 'Fake facilitator' } }))
    expect((await forger.closed).code).toBe(CLOSE_CODES.AWARENESS_REFUSED)
    const remover = await attacker()
    remover.ws.send(awarenessFrame(fac.doc.clientID, 10_000, null))
    remover.ws.send(awarenessFrame(5, 1, { user: { name: 'own' } }))
    await waitFor(() => reader.provider.awareness.getStates().has(5), 'the remover’s own state')
    expect(reader.provider.awareness.getStates().get(fac.doc.clientID)?.['user']?.name).toBe('Facilitator')
    remover.ws.close()
  })

  it('a session keeps at most maxAwarenessStatesPerSession states; more are left out, joiners get no more', async () => {
    // six connections of the one test observer (one participant id): above the per-device cap by default
    await start({ maxAwarenessStatesPerSession: 3, maxConnectionsPerDevice: 10 })
    const sockets = []
    for (let i = 0; i < 5; i++) {
      const s = await attacker()
      s.ws.send(awarenessFrame(100 + i, 1, { n: i }))
      sockets.push(s)
    }
    await waitFor(() => relay!.relay.sessionInfo(SESSION).droppedAwarenessStates === 2, 'two left out')
    expect(relay!.relay.sessionInfo(SESSION).awarenessStates).toBe(3)
    const watcher = client({ token: OBSERVER_TOKEN })
    await waitSynced(watcher)
    await waitFor(() => watcher.provider.awareness.getStates().size >= 3, 'the kept states')
    const remote = [...watcher.provider.awareness.getStates().keys()].filter(
      (id) => id !== watcher.doc.clientID,
    )
    expect(remote.length).toBeLessThanOrEqual(3)
    // the honest watcher is not closed, merely not shown
    expect(watcher.provider.wsconnected).toBe(true)
    for (const s of sockets) s.ws.close()
  })
})

describe('hostile traffic: document updates', () => {
  it('too many structs, too deep or too long: refused (4413) before they are applied', async () => {
    await start()
    const h = await honest()
    const before = memory()
    for (const update of [manyTinyItems(30_000), deepNesting(40), hugeText('huge', 300 * 1024)]) {
      const s = await attacker(FACILITATOR_TOKEN)
      s.ws.send(updateFrame(update))
      expect((await s.closed).code).toBe(CLOSE_CODES.UPDATE_TOO_LARGE)
    }
    const doc = relay!.relay.getLoadedDoc(SESSION)!
    expect(doc.getArray('tl_records').length).toBe(0)
    expect(doc.getMap('cards').has('huge')).toBe(false)
    await h.check('after-costly')
    expect(memory() - before).toBeLessThan(MEMORY_BOUND)
    const cards = await afterRestart()
    expect(cards.get('after-costly')).toBe('honest')
    expect(cards.has('huge')).toBe(false)
  })

  it('updates with missing dependencies are never kept, relayed or stored; past the budget the sender is resynced, then closed (4409)', async () => {
    await start({ maxIncompleteUpdatesPerConnection: 8 })
    const h = await honest()
    const before = memory()
    const s = await attacker(FACILITATOR_TOKEN)
    let resyncs = 0
    s.ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 0) resyncs++ // sync step 1: the relay asks for what it lacks
    })
    for (let i = 0; i < 20; i++)
      s.ws.send(updateFrame(updateWithMissingDependency(`pending-${i}`, 200 * 1024)))
    expect((await s.closed).code).toBe(CLOSE_CODES.UPDATE_INCOMPLETE)
    expect(resyncs).toBeGreaterThan(1)
    const doc = relay!.relay.getLoadedDoc(SESSION)!
    expect(hasPendingUpdates(doc)).toBe(false)
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThan(64 * 1024)
    await h.check('after-pending')
    expect(memory() - before).toBeLessThan(MEMORY_BOUND)
    const cards = await afterRestart()
    expect(cards.get('after-pending')).toBe('honest')
    expect(cards.has('pending-0')).toBe(false)
  })

  it('an edit that arrives before what it depends on is held for its connection, then applied', async () => {
    await start()
    const reader = client()
    await waitSynced(reader)
    const a = new Y.Doc()
    a.getMap('cards').set('first', 1)
    const first = Y.encodeStateAsUpdate(a)
    const sv = Y.encodeStateVector(a)
    a.getMap('cards').set('second', 2)
    const second = Y.encodeStateAsUpdate(a, sv)
    const s = rawSocket(relay!.url, SESSION, FACILITATOR_TOKEN)
    // Once joined, the client's later edit overtakes the earlier one it depends on.
    s.ws.once('message', () => {
      s.ws.send(updateFrame(second, 2))
      s.ws.send(updateFrame(first, 2))
    })
    await waitFor(() => reader.doc.getMap('cards').get('second') === 2, 'both edits')
    expect(reader.doc.getMap('cards').get('first')).toBe(1)
    expect(relay!.relay.sessionInfo(SESSION).heldIncompleteUpdates).toBeGreaterThan(0)
    expect(hasPendingUpdates(relay!.relay.getLoadedDoc(SESSION)!)).toBe(false)
    s.ws.close()
  })

  it('a session at its quota refuses updates that add content (4414); reading and other sessions carry on', async () => {
    await start({ maxDocumentBytes: 256 * 1024 })
    const h = await honest()
    const s = await attacker(FACILITATOR_TOKEN)
    let i = 0
    const closed = s.closed.then((c) => c.code)
    let code: number | null = null
    void closed.then((c) => (code = c))
    while (code === null && i < 40) {
      s.ws.send(updateFrame(hugeText(`fill-${i++}`, 20 * 1024)))
      await new Promise((r) => setImmediate(r))
    }
    expect(await closed).toBe(CLOSE_CODES.DOCUMENT_FULL)
    expect(Y.encodeStateAsUpdate(relay!.relay.getLoadedDoc(SESSION)!).byteLength).toBeLessThan(300 * 1024)
    await h.check('x') // a small edit from an honest client still fits
    expect((await afterRestart()).get('x')).toBe('honest')
  })
})

describe('hostile traffic: millions of tiny items', () => {
  it('a document keeps at most maxDocumentStructs items (4414), so its memory is bounded, not only its bytes', async () => {
    // 2,000 tiny entries per update (20,000 are allowed), each update within every per-update limit and far under the byte quota
    await start({ maxDocumentStructs: 9_000 })
    const h = await honest()
    const before = memory()
    const s = await attacker(FACILITATOR_TOKEN)
    let code: number | null = null
    void s.closed.then((c) => (code = c.code))
    for (let batch = 0; batch < 12 && code === null; batch++) {
      s.ws.send(updateFrame(manyTinyEntries(batch, 2_000)))
      await new Promise((r) => setImmediate(r))
    }
    await waitFor(() => code !== null, 'the attacker closed')
    expect(code).toBe(CLOSE_CODES.DOCUMENT_FULL)
    const doc = relay!.relay.getLoadedDoc(SESSION)!
    expect(countStructs(doc)).toBeLessThanOrEqual(9_000)
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThan(4 * 1024 * 1024) // far under the 64 MiB byte quota
    await h.check('after-tiny') // an honest edit still fits
    expect(memory() - before).toBeLessThan(MEMORY_BOUND)
    expect((await afterRestart()).get('after-tiny')).toBe('honest')
  })
})

describe('hostile traffic: output and connections', () => {
  it('a slow reader is closed (4008) before its queue passes the budget', async () => {
    await start({ maxBufferedBytes: 1024 * 1024, maxSessionBufferedBytes: 4 * 1024 * 1024 })
    const h = await honest()
    const before = memory()
    const slow = await attacker()
    await waitFor(() => relay!.relay.sessionInfo(SESSION).connections === 3, 'the slow reader joined')
    slow.ws.pause()
    const writer = client()
    await waitSynced(writer)
    for (let i = 0; i < 100 && relay!.relay.sessionInfo(SESSION).connections > 3; i++) {
      writer.doc.getMap('cards').set(`big-${i % 4}`, `${i}${'z'.repeat(200 * 1024)}`)
      await new Promise((r) => setTimeout(r, 1))
    }
    await waitFor(
      () => relay!.relay.stats().closedByCode[CLOSE_CODES.SLOW_CONSUMER] === 1,
      'slow reader closed',
    )
    await h.check('after-slow')
    expect(memory() - before).toBeLessThan(MEMORY_BOUND)
    slow.ws.terminate()
  })

  it('one link cannot take the session’s connection budget; the facilitator still gets in', async () => {
    // the per-device cap (guestJoin.test.ts) would refuse these first: this checks the per-link cap
    await start({ maxConnectionsPerSession: 20, maxConnectionsPerToken: 5, maxConnectionsPerDevice: 100 })
    const held = []
    for (let i = 0; i < 8; i++) held.push(rawSocket(relay!.url, SESSION, OBSERVER_TOKEN))
    const codes = await Promise.all(
      held.map((s) => Promise.race([s.closed.then((c) => c.code), waitJoined(s).then(() => 0)])),
    )
    expect(codes.filter((c) => c === CLOSE_CODES.TOKEN_FULL)).toHaveLength(3)
    const fac = client()
    await waitSynced(fac)
    for (const s of held) s.ws.close()
  })
})

/** A raw socket has joined once the relay sent it its sync step 1. */
function waitJoined(s: ReturnType<typeof rawSocket>): Promise<void> {
  return waitFor(() => s.received.length > 0, 'joined')
}
