import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readMeta, readStructure } from '../../../src/core/common/session/read'
import { readAgenda } from '../../../src/core/common/facilitation/state'
import { readSessionLanguage } from '../../../src/core/common/session/language'
import { CoproServer, StoreBackend } from '../../../src/core/node/server'
import { callApi, serverPerFile, type ApiReply } from '../../helpers/server'
import { stockProvider, whenSynced } from '../../helpers/yclient'

let server: CoproServer

async function call<T = any>(method: string, args: unknown): Promise<ApiReply<T>['body']> {
  return (await callApi<T>(server.baseUrl, method, args, server.token)).body
}

async function openDoc(sessionId: string) {
  const doc = new Y.Doc()
  const provider = stockProvider(server.syncUrl, sessionId, doc, { token: server.token })
  await whenSynced(provider)
  return { doc, close: () => provider.destroy() }
}

serverPerFile(async (tempDir) => {
  const dataDir = tempDir('copro-tpl-')
  server = await CoproServer.start({
    port: 0,
    backend: await StoreBackend.open(dataDir, { batchMs: 10 }),
    dataDir,
  })
  return server
})

describe('templates through the app API', () => {
  it('lists the shipped templates and lays one out when a session is created from it', async () => {
    const list = await call('templates.list', {})
    const ids = list.value.templates.map((e: any) => e.template.id)
    expect(ids.length).toBeGreaterThanOrEqual(11)
    expect(ids).toContain('service-journey-map')
    const created = await call('sessions.create', { title: 'Journey', templateId: 'service-journey-map' })
    const s = created.value
    const { doc, close } = await openDoc(s.id)
    const structure = readStructure(doc)
    expect(structure?.type).toBe('grid')
    expect(readAgenda(doc).activities.length).toBeGreaterThan(0)
    expect(readMeta(doc)).toMatchObject({
      sessionId: s.id,
      title: 'Journey',
      templateId: 'service-journey-map',
    })
    close()
  })

  it('creates a session in a language: the template read in it, stored as the session language', async () => {
    const s = (
      await call('sessions.create', { title: 'Taith', templateId: 'service-journey-map', language: 'cy' })
    ).value
    const { doc, close } = await openDoc(s.id)
    expect(readSessionLanguage(doc)).toBe('cy')
    const en = (await call('sessions.create', { title: 'Journey', templateId: 'service-journey-map' })).value
    const other = await openDoc(en.id)
    const labels = (d: Y.Doc) => JSON.stringify(readStructure(d))
    expect(labels(doc)).not.toEqual(labels(other.doc))
    close()
    other.close()
  })

  it('refuses an unknown template id and creates nothing', async () => {
    const before = (await call('sessions.list', {})).value.length
    const r = await call('sessions.create', { title: 'X', templateId: 'no-such-template' })
    expect(r.error.code).toBe('not_found')
    expect((await call('sessions.list', {})).value.length).toBe(before)
  })

  it('counts the cards of a live board in the session list', async () => {
    const s = (await call('sessions.create', { title: 'Counting' })).value
    const { doc, close } = await openDoc(s.id)
    const arr = doc.getArray<{ key: string; val: unknown }>('tl_records')
    const card = (i: number) => ({
      key: `shape:c${i}`,
      val: {
        id: `shape:c${i}`,
        typeName: 'shape',
        type: 'card',
        x: i * 10,
        y: 0,
        rotation: 0,
        parentId: 'page:page',
        isLocked: false,
        index: 'a1',
        opacity: 1,
        meta: {},
        props: {
          w: 200,
          h: 140,
          kind: 'idea',
          text: `Idea ${i}`,
          authorId: 'p1',
          authorRole: 'service-user',
          authorName: '',
          createdAt: 1,
          owner: '',
          due: '',
        },
      },
    })
    arr.push([card(1), card(2), card(3)])
    doc.getMap('participants').set('p1', { id: 'p1' })
    for (let i = 0; i < 100; i++) {
      const listed = (await call('sessions.list', {})).value.find((x: any) => x.id === s.id)
      if (listed.cardCount === 3) {
        expect(listed.participantCount).toBe(1)
        break
      }
      if (i === 99) throw new Error(`card count stayed ${listed.cardCount}`)
      await new Promise((r) => setTimeout(r, 30))
    }
    close()
  })

  it('renaming updates the title inside the board document too', async () => {
    const s = (await call('sessions.create', { title: 'Before' })).value
    await call('sessions.rename', { id: s.id, title: 'After' })
    const { doc, close } = await openDoc(s.id)
    expect(readMeta(doc).title).toBe('After')
    close()
  })

  it('imports a custom template only when valid, with each problem located', async () => {
    const hostile = await call('templates.import', {
      fileName: 'evil.json',
      text: '{"__proto__": {"polluted": true}, "id": "evil"}',
    })
    expect(hostile.value.ok).toBe(false)
    expect(hostile.value.problems.length).toBeGreaterThan(0)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const notJson = await call('templates.import', { fileName: 'x.json', text: '{oops' })
    expect(notJson.value.ok).toBe(false)
  })

  it('saves a board structure as a template that reproduces it', async () => {
    const s = (await call('sessions.create', { title: 'Ideas', templateId: 'idea-sorter' })).value
    const first = await openDoc(s.id)
    const original = readStructure(first.doc)
    first.close()
    const saved = await call('templates.saveFromBoard', {
      id: s.id,
      templateId: 'our-idea-sorter',
      name: 'Our idea sorter',
      purpose: 'Sort ideas our way.',
    })
    expect(saved.value).toEqual({ ok: true, templateId: 'our-idea-sorter' })
    const list = await call('templates.list', {})
    expect(list.value.templates.find((e: any) => e.template.id === 'our-idea-sorter')?.source).toBe('custom')
    const again = (await call('sessions.create', { title: 'Again', templateId: 'our-idea-sorter' })).value
    const second = await openDoc(again.id)
    expect(readStructure(second.doc)).toEqual(original)
    second.close()
    const clash = await call('templates.saveFromBoard', {
      id: s.id,
      templateId: 'idea-sorter',
      name: 'Clash',
      purpose: 'Uses a shipped id.',
    })
    expect(clash.value.ok).toBe(false)
  })
})
