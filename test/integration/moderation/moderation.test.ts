import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, MemoryPersistence, type RoomPersistence } from '../../../src/core/node/relay'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { moderationFiles } from '../../../src/core/node/storage/moderationFile'
import {
  MESSAGE_MODERATION,
  type ModerationNotice,
  type ModerationRequest,
} from '../../../src/core/common/moderation/moderation'
import { readActivity } from '../../../src/core/common/session/activity'
import { readTrash } from '../../../src/core/common/session/trash'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { waitFor } from '../../helpers/wait'
import {
  everything,
  heldCard,
  lastInbox,
  lastMine,
  listenModeration,
  sendModeration,
} from '../../helpers/moderationNotices'
import { SESSION, stockClient, type Client, waitSynced } from '../relay/helpers'
import { card, GRANTS, records, seed } from '../relay/rightsBoard'

/**
 * Moderation through a real relay over real websockets (ADR 0047): held cards never enter the shared
 * document, so a stock y-websocket client connected as a participant never receives their text.
 */
let relay: StandaloneRelay | null = null
let store: SessionStore | null = null
let dir: string | null = null
const clients: Client[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await relay?.close()
  relay = null
  await store?.close()
  store = null
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = null
  vi.restoreAllMocks()
})

async function start(persistence: RoomPersistence, session = SESSION): Promise<void> {
  relay = await startStandaloneRelay({
    port: 0,
    persistence,
    authorize: (_s, token) => (token !== null ? (GRANTS[token] ?? null) : null),
  })
  void session
}

/** A stock client that also collects the moderation notices the relay sends it. */
function connect(token: keyof typeof GRANTS, room = SESSION): Client & { notices: ModerationNotice[] } {
  const c = stockClient(relay!.url, { token, room })
  clients.push(c)
  return Object.assign(c, { notices: listenModeration(c.provider) })
}

function send(c: Client, request: ModerationRequest): void {
  sendModeration(c.provider, request)
}

const relayDoc = (session = SESSION) => relay!.relay.getLoadedDoc(session)!
const has = (doc: Y.Doc, id: string) => {
  const r = records(doc)
  const v = r.get(id)
  r.destroy()
  return v
}
const SECRET = 'the secret held text 7f3a'
const aliceCard = (id: string, text = SECRET) => heldCard(id, 'alice', text)

async function seededRelay(persistence: RoomPersistence = seedMemory()) {
  await start(persistence)
  const fac = connect('fac')
  await waitSynced(fac)
  if (!has(fac.doc, 'shape:fac')) seed(fac.doc)
  await waitFor(() => has(relayDoc(), 'shape:alice') !== undefined, 'the seeded board')
  return fac
}

function seedMemory(): MemoryPersistence {
  const p = new MemoryPersistence()
  p.create(SESSION)
  return p
}

/** The session store as the relay's persistence, with its moderation files (as StoreBackend does). */
function onDisk(s: SessionStore): RoomPersistence {
  return {
    exists: (id) => s.exists(id),
    load: (id) => s.load(id),
    append: (id, u) => s.append(id, u),
    flush: (id) => s.flush(id),
    close: (id) => s.close(id),
    ...moderationFiles((id) => s.layout.session(id)),
  }
}

describe('moderation: held cards stay out of the shared document', () => {
  it("holds a guest's card for the facilitators only; approving writes it as the guest's, with the activity", async () => {
    const fac = await seededRelay()
    send(fac, { t: 'settings', settings: { hold: true, words: [] } })
    const alice = connect('alice')
    const bob = connect('bob')
    // a stock client that never speaks moderation is never sent a moderation frame
    const silent = stockClient(relay!.url, { token: 'mallory' })
    clients.push(silent)
    let framesToSilent = 0
    silent.provider.messageHandlers[MESSAGE_MODERATION] = () => void framesToSilent++
    await Promise.all([waitSynced(alice), waitSynced(bob), waitSynced(silent)])
    await waitFor(() => lastMine(alice)?.moderated === true, 'Alice told cards are held')

    send(alice, { t: 'submit', record: aliceCard('shape:held1'), index: 'b1' })
    await waitFor(() => lastInbox(fac)?.held.length === 1, 'the facilitator to see the held card')
    expect(lastInbox(fac)!.held[0]).toMatchObject({ by: 'alice', matched: null })
    expect(lastInbox(fac)!.held[0]!.record.props.text).toBe(SECRET)
    await waitFor(() => lastMine(alice)?.held.length === 1, 'Alice to see her card waiting')
    expect(lastMine(alice)!.held[0]).toEqual({ id: 'shape:held1', text: SECRET })

    // A round trip through the relay: Bob (a participant) and the relay's document never hold the text.
    fac.doc.getMap('facilitation').set('ping', 1)
    await waitFor(() => bob.doc.getMap('facilitation').get('ping') === 1, 'the ping')
    expect(everything(bob.doc)).not.toContain('secret held')
    expect(everything(relayDoc())).not.toContain('secret held')
    expect(bob.notices.some((n) => JSON.stringify(n).includes('secret held'))).toBe(false)
    expect(has(relayDoc(), 'shape:held1')).toBeUndefined()
    expect(
      readActivity(relayDoc())
        .filter((e) => e.id === 'shape:held1')
        .map((e) => e.action),
    ).toEqual(['held'])

    send(fac, { t: 'approve', ids: ['shape:held1'] })
    await waitFor(() => has(bob.doc, 'shape:held1') !== undefined, 'Bob to see the approved card')
    const written = has(relayDoc(), 'shape:held1') as ReturnType<typeof card>
    expect(written.props).toMatchObject({ authorId: 'alice', authorRole: 'service-user', text: SECRET })
    expect(written.index).toBe('b1')
    const log = readActivity(relayDoc()).filter((e) => e.id === 'shape:held1')
    // the recorder logs the card's creation as the guest's once the approving transaction ends
    expect(log.map((e) => [e.action, e.by.role, e.by.participantId]).sort()).toEqual([
      ['approved', 'facilitator', 'fac1'],
      ['created', 'participant', 'alice'],
      ['held', 'participant', 'alice'],
    ])
    await waitFor(
      () => lastMine(alice)?.decisions.some((d) => d.status === 'approved') === true,
      'Alice told',
    )
    expect(lastMine(alice)!.held).toEqual([])
    expect(lastInbox(fac)!.held).toEqual([])
    expect(everything(silent.doc)).toContain('secret held') // approved: now on the board for everyone
    expect(framesToSilent).toBe(0)
  })

  it('a participant cannot write a card straight into the document while holding is on', async () => {
    const fac = await seededRelay()
    send(fac, { t: 'settings', settings: { hold: true, words: [] } })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const alice = connect('alice')
    const bob = connect('bob')
    await Promise.all([waitSynced(alice), waitSynced(bob)])
    await waitFor(() => lastMine(alice)?.moderated === true, 'Alice told cards are held')
    const closes: number[] = []
    alice.provider.on('connection-close', (e) => e && closes.push(e.code))
    const r = records(alice.doc)
    r.set('shape:sneaky', card('shape:sneaky', 'alice', 'service-user', SECRET))
    r.destroy()
    await waitFor(() => closes.length > 0, 'Alice closed')
    expect(closes).toEqual([CLOSE_CODES.PERMISSION_DENIED])
    expect(has(relayDoc(), 'shape:sneaky')).toBeUndefined()
    expect(everything(bob.doc)).not.toContain('secret held')
    // her own card already on the board is still hers to change
    const alice2 = connect('alice')
    await waitSynced(alice2)
    const r2 = records(alice2.doc)
    r2.set('shape:alice', { ...card('shape:alice', 'alice', 'service-user', 'from Alice, edited') })
    r2.destroy()
    await waitFor(
      () => (has(bob.doc, 'shape:alice') as ReturnType<typeof card>).props.text === 'from Alice, edited',
      'the edit',
    )
    warn.mockRestore()
  })

  it('a participant cannot approve (their own card included), reject, or change the settings', async () => {
    const fac = await seededRelay()
    send(fac, { t: 'settings', settings: { hold: true, words: [] } })
    for (const request of [
      { t: 'approve', ids: ['shape:mine'] },
      { t: 'reject', ids: ['shape:mine'] },
      { t: 'settings', settings: { hold: false, words: [] } },
    ] as ModerationRequest[]) {
      const alice = connect('alice')
      await waitSynced(alice)
      await waitFor(() => lastMine(alice)?.moderated === true, 'Alice told cards are held')
      if (request.t === 'approve') {
        send(alice, { t: 'submit', record: aliceCard('shape:mine'), index: 'b1' })
        await waitFor(() => lastMine(alice)?.held.length === 1, 'her card held')
      }
      const closes: number[] = []
      alice.provider.on('connection-close', (e) => e && closes.push(e.code))
      send(alice, request)
      await waitFor(() => closes.length > 0, `${request.t} refused`)
      expect(closes).toEqual([CLOSE_CODES.PERMISSION_DENIED])
      alice.destroy()
    }
    expect(has(relayDoc(), 'shape:mine')).toBeUndefined()
    expect(lastInbox(fac)!.settings.hold).toBe(true)
    expect(lastInbox(fac)!.held.map((h) => h.record.id)).toEqual(['shape:mine'])
  })

  it('a participant sends cards only as themselves', async () => {
    const fac = await seededRelay()
    send(fac, { t: 'settings', settings: { hold: true, words: [] } })
    const alice = connect('alice')
    await waitSynced(alice)
    const closes: number[] = []
    alice.provider.on('connection-close', (e) => e && closes.push(e.code))
    send(alice, {
      t: 'submit',
      record: heldCard('shape:forged', 'bob', 'as Bob', 'frontline-staff'),
      index: 'b1',
    })
    await waitFor(() => closes.length > 0, 'refused')
    expect(closes).toEqual([CLOSE_CODES.PERMISSION_DENIED])
    expect(lastInbox(fac)?.held ?? []).toEqual([])
  })

  it('the word list holds only matching cards (whole words, any case or accent) and says which word', async () => {
    const fac = await seededRelay()
    send(fac, { t: 'settings', settings: { hold: false, words: ['cafe', 'bad word'] } })
    const alice = connect('alice')
    const bob = connect('bob')
    await Promise.all([waitSynced(alice), waitSynced(bob)])
    await waitFor(() => lastMine(alice)?.moderated === true, 'Alice told cards are checked')
    send(alice, { t: 'submit', record: aliceCard('shape:ok', 'The cafeteria is fine'), index: 'b1' })
    send(alice, { t: 'submit', record: aliceCard('shape:flag', 'The CAFÉ was cold'), index: 'b2' })
    await waitFor(() => has(bob.doc, 'shape:ok') !== undefined, 'the plain card on the board')
    await waitFor(() => lastInbox(fac)?.held.length === 1, 'the flagged card held')
    expect(lastInbox(fac)!.held[0]).toMatchObject({ matched: 'cafe', record: { id: 'shape:flag' } })
    expect(has(relayDoc(), 'shape:flag')).toBeUndefined()
    // Stock participant clients are never told the list itself.
    expect(alice.notices.some((n) => JSON.stringify(n).includes('bad word'))).toBe(false)
  })

  it('"Not now" puts the card in the board trash with who and when; edit-then-approve writes the new text', async () => {
    const fac = await seededRelay()
    send(fac, { t: 'settings', settings: { hold: true, words: [] } })
    const alice = connect('alice')
    await waitSynced(alice)
    await waitFor(() => lastMine(alice)?.moderated === true, 'held')
    send(alice, { t: 'submit', record: aliceCard('shape:no', 'not for the wall'), index: 'b1' })
    send(alice, { t: 'submit', record: aliceCard('shape:typo', 'teh waiting room'), index: 'b2' })
    await waitFor(() => lastInbox(fac)?.held.length === 2, 'both held')
    send(fac, { t: 'reject', ids: ['shape:no'] })
    send(fac, { t: 'approve', ids: ['shape:typo'], text: 'the waiting room' })
    await waitFor(() => has(relayDoc(), 'shape:typo') !== undefined, 'approved')
    expect((has(relayDoc(), 'shape:typo') as ReturnType<typeof card>).props.text).toBe('the waiting room')
    const trash = readTrash(relayDoc())
    expect(trash).toHaveLength(1)
    expect(trash[0]).toMatchObject({ kind: 'card', by: { role: 'facilitator', participantId: 'fac1' } })
    expect(has(relayDoc(), 'shape:no')).toBeUndefined()
    await waitFor(
      () =>
        lastMine(alice)
          ?.decisions.map((d) => `${d.id}:${d.status}`)
          .join() === 'shape:no:not-shown,shape:typo:approved',
      'Alice told both',
    )
    // Restoring from the trash (as the Trash view does: the record comes back) brings it onto the board.
    const r = records(fac.doc)
    r.set('shape:no', { ...(trash[0]!.kind === 'card' ? trash[0]!.record : {}), index: 'b3', opacity: 1 })
    r.destroy()
    await waitFor(() => readTrash(relayDoc()).length === 0, 'out of the trash')
    expect(has(relayDoc(), 'shape:no')).toBeDefined()
  })

  it('held cards and settings survive a relay restart (a real session store on disk)', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'copro-moderation-'))
    store = await SessionStore.open(path.join(dir, 'data'), { batchMs: 5 })
    const s = await store.create({ title: 'Moderated' })
    const session = s.id
    relay = await startStandaloneRelay({
      port: 0,
      persistence: onDisk(store),
      authorize: (_s, token) => (token !== null ? (GRANTS[token] ?? null) : null),
    })
    const fac = connect('fac', session)
    await waitSynced(fac)
    seed(fac.doc)
    await waitFor(() => has(relayDoc(session), 'shape:alice') !== undefined, 'seeded')
    send(fac, { t: 'settings', settings: { hold: true, words: ['rude'] } })
    const alice = connect('alice', session)
    await waitSynced(alice)
    await waitFor(() => lastMine(alice)?.moderated === true, 'held')
    send(alice, { t: 'submit', record: aliceCard('shape:kept'), index: 'b1' })
    await waitFor(() => lastInbox(fac)?.held.length === 1, 'held')
    for (const c of clients.splice(0)) c.destroy()
    await relay.close()
    relay = null
    await store.close()

    store = await SessionStore.open(path.join(dir, 'data'), { batchMs: 5 })
    relay = await startStandaloneRelay({
      port: 0,
      persistence: onDisk(store),
      authorize: (_s, token) => (token !== null ? (GRANTS[token] ?? null) : null),
    })
    const fac2 = connect('fac', session)
    await waitSynced(fac2)
    await waitFor(() => lastInbox(fac2)?.held.length === 1, 'the held card after the restart')
    expect(lastInbox(fac2)!.settings).toEqual({ hold: true, words: ['rude'] })
    expect(lastInbox(fac2)!.held[0]!.record.props.text).toBe(SECRET)
    expect(everything(relayDoc(session))).not.toContain('secret held')
    send(fac2, { t: 'approve', ids: ['shape:kept'] })
    await waitFor(() => has(relayDoc(session), 'shape:kept') !== undefined, 'approved after the restart')
  })
})
