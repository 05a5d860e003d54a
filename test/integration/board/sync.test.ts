import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { HistoryManager, createTLStore, defaultShapeUtils, type TLRecord, type TLShapeId } from 'tldraw'
import { DOC_KEYS, DOC_SCHEMA_VERSION, META_KEYS } from '../../../src/core/common/session/docSchema'
import { KeyedRecords } from '../../../src/core/common/session/keyedRecords'
import { CardShapeUtil } from '../../../src/renderer/board/shapes/CardShapeUtil'
import { createBoardSchema } from '../../../src/renderer/board/shapes/boardSchema'
import type { CardShape } from '../../../src/renderer/board/shapes/cardSchema'
import { eventually } from '../../helpers/wait'
import { stockProvider, whenSynced } from '../../helpers/yclient'
import { cardRecord } from './cards'
import { TOKEN, docRecords, relayPerFile, type TestClient, type TestRelay } from './harness'

let relay: TestRelay
const join = relayPerFile((r) => (relay = r))

const card = (c: TestClient, id: string) => c.store.get(cardRecord(id).id) as CardShape | undefined

describe('board binding through the relay', () => {
  it('two stores converge on put, update and delete; a late joiner loads everything', async () => {
    const session = relay.newSession()
    const a = await join(session)
    const b = await join(session)
    a.store.put([cardRecord('one', { text: 'from A', kind: 'pain' })])
    await eventually(() => expect(card(b, 'one')?.props.text).toBe('from A'))

    b.store.update(cardRecord('one').id, (r) => ({
      ...r,
      x: 300,
      props: { ...(r as CardShape).props, text: 'edited in B' },
    }))
    await eventually(() => expect(card(a, 'one')?.props.text).toBe('edited in B'))
    expect(card(a, 'one')?.x).toBe(300)

    a.store.put([
      cardRecord('two', { kind: 'idea' }),
      cardRecord('three', { kind: 'action', owner: 'Sam', due: '2026-12-01' }),
    ])
    a.store.remove([cardRecord('two').id])
    await eventually(() => expect(card(b, 'three')?.props.owner).toBe('Sam'))
    expect(card(b, 'two')).toBeUndefined()

    const c = await join(session)
    await eventually(() => expect(docRecords(c.store)).toEqual(docRecords(a.store)))
    expect(docRecords(b.store)).toEqual(docRecords(a.store))
    expect(card(c, 'one')?.props.text).toBe('edited in B')
    // one Yjs entry per record: overwrites left nothing behind
    expect(c.doc.getArray(DOC_KEYS.records).length).toBe(docRecords(c.store).length)
  })

  it('a store batch becomes one Yjs transaction', async () => {
    const session = relay.newSession()
    const a = await join(session)
    let transactions = 0
    a.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.changed.size > 0) transactions++
    })
    a.store.put(Array.from({ length: 50 }, (_, i) => cardRecord(`bulk${i}`)))
    expect(transactions).toBe(1)
    expect(a.binding.records.size).toBe(52) // 50 cards + document + page
  })

  it('a store batch bigger than one relay item (2,000 cards) is sent in several updates and is all saved', async () => {
    const session = relay.newSession()
    const a = await join(session)
    let updates = 0
    a.doc.on('update', () => updates++)
    const text = 'Something people said about the service, written out at some length. '.repeat(3)
    a.store.put(Array.from({ length: 2000 }, (_, i) => cardRecord(`big${i}`, { text: `${i}: ${text}` })))
    // one transaction of this size would be one ~1 MB item: the relay refuses that (4413) and nothing is saved
    expect(updates).toBeGreaterThan(1)
    const late = await join(session)
    await eventually(() => expect(late.binding.records.size).toBe(2002))
    expect(card(late, 'big1999')?.props.text).toBe(`1999: ${text}`)
    expect(a.provider.wsconnected).toBe(true)
  })

  it('a remote record that fails validation is skipped and reported; the rest applies', async () => {
    const session = relay.newSession()
    const reported: string[] = []
    const a = await join(session, { onInvalidRecord: (id) => reported.push(id) })
    const raw = new Y.Doc()
    const provider = stockProvider(relay.relay.url, session, raw, { token: TOKEN })
    try {
      await whenSynced(provider)
      const kr = new KeyedRecords<unknown>(raw.getArray(DOC_KEYS.records))
      const bad = cardRecord('bad', { kind: 'bogus' as never })
      const wrongKey = cardRecord('wrongkey')
      const session1 = { id: 'instance:instance', typeName: 'instance' } // session-scoped: never accepted
      raw.transact(() => {
        kr.set(bad.id, bad)
        kr.set('shape:elsewhere', wrongKey)
        kr.set(session1.id, session1)
        kr.set(cardRecord('good1').id, cardRecord('good1', { text: 'ok 1' }))
        kr.set(cardRecord('good2').id, cardRecord('good2', { text: 'ok 2' }))
      })
      await eventually(() => expect(card(a, 'good2')?.props.text).toBe('ok 2'))
      expect(card(a, 'good1')?.props.text).toBe('ok 1')
      expect(card(a, 'bad')).toBeUndefined()
      expect(a.store.get('shape:elsewhere' as TLShapeId)).toBeUndefined()
      expect(a.binding.getState().invalidRecords).toBe(3)
      expect(reported.sort()).toEqual([bad.id, 'instance:instance', 'shape:elsewhere'].sort())

      // a fixed version of the bad record clears the report
      kr.set(bad.id, cardRecord('bad', { kind: 'question' }))
      await eventually(() => expect(card(a, 'bad')?.props.kind).toBe('question'))
      expect(a.binding.getState().invalidRecords).toBe(2)
    } finally {
      provider.destroy()
    }
  })

  it('refuses to write when the document is newer than the client, and says why', async () => {
    const session = relay.newSession()
    const a = await join(session)
    a.store.put([cardRecord('kept', { text: 'original' })])
    // someone with a newer app marks the document
    a.doc.getMap(DOC_KEYS.meta).set(META_KEYS.docVersion, DOC_SCHEMA_VERSION + 1)
    const states: (string | null)[] = []
    const b = await join(session, { onChange: (s) => states.push(s.schemaError) })
    expect(b.binding.getState().schemaError).toMatch(/newer version of Copro Studio/)
    const before = Y.encodeStateVector(b.doc)
    b.store.put([cardRecord('never', { text: 'must not sync' })])
    expect(Y.encodeStateVector(b.doc)).toEqual(before)
    // and A, already bound, stops writing as soon as it sees the newer version
    await eventually(() => expect(a.binding.getState().schemaError).toMatch(/newer version/))
    const aBefore = Y.encodeStateVector(a.doc)
    a.store.update(cardRecord('kept').id, (r) => ({ ...r, x: 99 }))
    expect(Y.encodeStateVector(a.doc)).toEqual(aBefore)
  })

  it('refuses a document whose tldraw schema has migrations this client does not know', async () => {
    const session = relay.newSession()
    const a = await join(session)
    const ours = a.store.schema.serialize()
    a.doc.getMap(DOC_KEYS.meta).set(META_KEYS.tldrawSchema, {
      ...ours,
      sequences: { ...ours.sequences, 'com.tldraw.shape.card': 0, 'com.tldraw.shape.timeline': 3 },
    })
    const b = await join(session)
    expect(b.binding.getState().schemaError).toMatch(/newer version \(com\.tldraw\.shape\.timeline\)/)
    const geoSeq = Object.keys(ours.sequences).find((s) => s.endsWith('shape.geo'))!
    a.doc.getMap(DOC_KEYS.meta).set(META_KEYS.tldrawSchema, {
      ...ours,
      sequences: { ...ours.sequences, [geoSeq]: ours.sequences[geoSeq]! + 1 },
    })
    const c = await join(session)
    expect(c.binding.getState().schemaError).toMatch(/newer version/)
    expect(c.store.get(cardRecord('x').id)).toBeUndefined()
  })

  it('a client with a newer compatible schema upgrades the stored records once and records its schema', async () => {
    const session = relay.newSession()
    const a = await join(session)
    a.store.put([cardRecord('old', { text: 'written by an older app' })])
    const ours = a.store.schema.serialize()
    const geoSeq = Object.keys(ours.sequences).find((s) => s.endsWith('shape.geo'))!
    const older = { ...ours, sequences: { ...ours.sequences, [geoSeq]: ours.sequences[geoSeq]! - 1 } }
    a.doc.getMap(DOC_KEYS.meta).set(META_KEYS.tldrawSchema, older)
    const b = await join(session)
    expect(b.binding.getState().schemaError).toBeNull()
    expect(b.doc.getMap(DOC_KEYS.meta).get(META_KEYS.tldrawSchema)).toEqual(ours)
    expect(card(b, 'old')?.props.text).toBe('written by an older app')
    await eventually(() => expect(a.doc.getMap(DOC_KEYS.meta).get(META_KEYS.tldrawSchema)).toEqual(ours))
    // and B keeps writing normally
    b.store.put([cardRecord('new')])
    await eventually(() => expect(card(a, 'new')).toBeDefined())
  })

  it('a read-only client (observer) receives the board but never writes, not even on an empty board', async () => {
    const empty = relay.newSession()
    const watcher = await join(empty, { readOnly: true })
    expect(watcher.doc.getArray(DOC_KEYS.records).length).toBe(0)
    expect(watcher.doc.getMap(DOC_KEYS.meta).size).toBe(0)

    const session = relay.newSession()
    const a = await join(session)
    a.store.put([cardRecord('shown', { text: 'for everyone' })])
    const o = await join(session, { readOnly: true })
    expect(card(o, 'shown')?.props.text).toBe('for everyone')
    const sv = Y.encodeStateVector(o.doc)
    o.store.put([cardRecord('sneaky')])
    o.store.update(cardRecord('shown').id, (r) => ({ ...r, x: 999 }))
    expect(Y.encodeStateVector(o.doc)).toEqual(sv)
    a.store.update(cardRecord('shown').id, (r) => ({ ...r, y: 77 }))
    await eventually(() => expect(card(o, 'shown')?.y).toBe(77))
  })

  it('records the schemas on a new board, and both builds of the schema agree', async () => {
    const session = relay.newSession()
    const a = await join(session)
    const meta = a.doc.getMap(DOC_KEYS.meta)
    expect(meta.get(META_KEYS.docVersion)).toBe(DOC_SCHEMA_VERSION)
    expect(meta.get(META_KEYS.tldrawSchema)).toEqual(createBoardSchema().serialize())
    const editorStore = createTLStore({ shapeUtils: [...defaultShapeUtils, CardShapeUtil] })
    expect(editorStore.schema.serialize()).toEqual(createBoardSchema().serialize())
  })

  it('undo is per user: A undoes only its own change, never B’s', async () => {
    const session = relay.newSession()
    const a = await join(session)
    const b = await join(session)
    b.store.put([cardRecord('bs', { text: 'B wrote this' })])
    await eventually(() => expect(card(a, 'bs')).toBeDefined())
    const history = new HistoryManager<TLRecord>({ store: a.store })
    try {
      a.store.put([cardRecord('as', { text: 'A wrote this' })])
      await eventually(() => expect(card(b, 'as')).toBeDefined())
      b.store.update(cardRecord('bs').id, (r) => ({
        ...r,
        props: { ...(r as CardShape).props, text: 'B edited' },
      }))
      await eventually(() => expect(card(a, 'bs')?.props.text).toBe('B edited'))

      history.undo()
      expect(card(a, 'as')).toBeUndefined()
      expect(card(a, 'bs')?.props.text).toBe('B edited')
      await eventually(() => expect(card(b, 'as')).toBeUndefined())
      expect(card(b, 'bs')?.props.text).toBe('B edited')

      history.redo()
      await eventually(() => expect(card(b, 'as')?.props.text).toBe('A wrote this'))
      expect(card(a, 'bs')?.props.text).toBe('B edited')
    } finally {
      history.dispose()
    }
  })

  it('offline: both sides edit while disconnected and everything merges on reconnect', async () => {
    const session = relay.newSession()
    const a = await join(session)
    const b = await join(session)
    a.store.put([cardRecord('shared', { text: 'v0' }), cardRecord('doomed')])
    await eventually(() => expect(card(b, 'doomed')).toBeDefined())

    b.provider.disconnect()
    await eventually(() => expect(b.provider.wsconnected).toBe(false))
    a.store.put([cardRecord('fromA', { text: 'written online by A' })])
    a.store.update(cardRecord('shared').id, (r) => ({ ...r, x: 500 }))
    b.store.put([cardRecord('fromB', { text: 'written offline by B' })])
    b.store.remove([cardRecord('doomed').id])
    b.store.update(cardRecord('fromB').id, (r) => ({ ...r, y: 42 }))
    expect(card(a, 'fromB')).toBeUndefined()

    b.provider.connect()
    await eventually(() => expect(docRecords(b.store)).toEqual(docRecords(a.store)))
    expect(card(a, 'fromB')?.props.text).toBe('written offline by B')
    expect(card(a, 'fromB')?.y).toBe(42)
    expect(card(b, 'fromA')?.props.text).toBe('written online by A')
    expect(card(b, 'shared')?.x).toBe(500)
    expect(card(a, 'doomed')).toBeUndefined()
  })

  it('records that shouldSync keeps back stay local, and leave the document when they turn private', async () => {
    const session = relay.newSession()
    const isPublic = (r: TLRecord) => !(r.meta as { private?: boolean }).private
    const a = await join(session, { shouldSync: isPublic })
    const b = await join(session, { shouldSync: isPublic })
    a.store.put([{ ...cardRecord('secret'), meta: { private: true } }, cardRecord('open')])
    await eventually(() => expect(card(b, 'open')).toBeDefined())
    expect(card(b, 'secret')).toBeUndefined()
    expect(a.binding.records.has(cardRecord('secret').id)).toBe(false)

    a.store.update(cardRecord('open').id, (r) => ({ ...r, meta: { private: true } }))
    await eventually(() => expect(card(b, 'open')).toBeUndefined())
    expect(card(a, 'open')).toBeDefined()
    // a remote reload never removes A's local-only records
    const c = await join(session, { shouldSync: isPublic })
    c.store.put([cardRecord('fromC')])
    await eventually(() => expect(card(a, 'fromC')).toBeDefined())
    expect(card(a, 'secret')).toBeDefined()
  })
})
