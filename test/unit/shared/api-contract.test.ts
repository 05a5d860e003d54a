import { describe, expect, it } from 'vitest'
import { API, API_EVENT_NAMES, API_METHODS, IPC_EVENT_NAMES, IPC_METHOD_NAMES } from '../../../src/shared/api'
import { createRouter, type Handlers } from '../../../src/core/node/server/router'

/** Payloads that no method accepts: wrong types, hostile shapes, huge values. */
const UNIVERSALLY_BAD: unknown[] = [
  null,
  42,
  'string',
  true,
  [],
  [1, 2, 3],
  { unexpected: 1 },
  { __proto__: { polluted: true }, extra: 'x' },
  JSON.parse('{"__proto__": {"isAdmin": true}, "x": 1}'),
  { constructor: { prototype: { bad: 1 } } },
  { id: 'x'.repeat(10_000) },
  { id: '../../etc/passwd' },
  { id: 'abc def ghi' },
  { title: '' },
  { title: 'x'.repeat(10_000) },
  { id: 123456789 },
  { theme: 'neon' },
  { licenseKey: 'k'.repeat(5000) },
  { includeDeleted: 'yes' },
  { query: 'q'.repeat(1000) },
  { commands: 'not an array' },
  { commands: [{ id: 'bad id with spaces', title: 't', category: 'c', keybinding: null, menu: null }] },
  { fileName: '../../etc/passwd', base64: 'AAAA' },
  { fileName: 'x.copro', base64: 'not base64!!' },
  { id: 'abcdefgh', checkpointId: '' },
  { id: 'abcdefgh', name: '   ' },
]

/** For each method, args that are valid — to make sure the corpus is rejected for the right reason. */
const VALID: Record<string, unknown> = {
  'app.info': {},
  'settings.get': {},
  'settings.set': { theme: 'dark' },
  'sessions.list': {},
  'sessions.create': { title: 'A workshop' },
  'sessions.get': { id: 'abcdefgh' },
  'sessions.rename': { id: 'abcdefgh', title: 'New' },
  'sessions.duplicate': { id: 'abcdefgh' },
  'sessions.delete': { id: 'abcdefgh' },
  'sessions.restore': { id: 'abcdefgh' },
  'board.connect': { id: 'abcdefgh' },
  'menu.setCommands': { commands: [] },
  'checkpoints.list': { id: 'abcdefgh' },
  'checkpoints.create': { id: 'abcdefgh', name: 'Before voting' },
  'checkpoints.restoreAsNew': { id: 'abcdefgh', checkpointId: 'cp-12345678' },
  'checkpoints.revert': { id: 'abcdefgh', checkpointId: 'cp-12345678' },
  'sessions.exportFile': { id: 'abcdefgh' },
  'templates.list': {},
  'templates.import': { fileName: 'mine.json', text: '{}' },
  'templates.saveFromBoard': {
    id: 'abcdefgh',
    templateId: 'my-journey',
    name: 'My journey',
    purpose: 'Map it.',
  },
  'sessions.importFile': { fileName: 'workshop.copro', base64: 'Q09QUk8=' },
  'share.interfaces': {},
  'share.start': { sessionId: 'abcdefgh', address: '192.168.1.20', port: 0, expiresInSeconds: 3600 },
  'share.stop': { sessionId: 'abcdefgh' },
  'share.status': { sessionId: 'abcdefgh' },
  'export.pdf': { html: '<!doctype html><title>Report</title>' },
  'export.office': { id: 'abcdefgh', format: 'docx', includeNames: false },
  'cards.readSpreadsheet': { base64: 'UEsDBA==' },
}

describe('app API contract', () => {
  it('has a valid example for every method, and every method is tested', () => {
    expect(Object.keys(VALID).sort()).toEqual([...API_METHODS].sort())
    for (const m of API_METHODS) expect(API[m].args.safeParse(VALID[m]).success, m).toBe(true)
  })

  it.each(API_METHODS)('%s rejects the bad-payload corpus', (method) => {
    const spec = API[method]
    for (const bad of UNIVERSALLY_BAD) {
      const r = spec.args.safeParse(bad)
      // settings.set accepts {} subsets; only payloads with a wrong or unknown key must fail.
      if (r.success) {
        expect(JSON.stringify(bad), `${method} accepted ${JSON.stringify(bad)?.slice(0, 80)}`).toMatch(
          /^\{\}$/,
        )
      }
    }
  })

  it('the preload allowlists equal the contract exactly', () => {
    expect([...IPC_METHOD_NAMES].sort()).toEqual([...API_METHODS].sort())
    expect([...IPC_EVENT_NAMES].sort()).toEqual([...API_EVENT_NAMES].sort())
  })
})

describe('router', () => {
  const calls: string[] = []
  const handlers = new Proxy({} as Handlers, {
    get: (_t, name: string) => (args: unknown) => {
      calls.push(name)
      if (name === 'sessions.get') throw new Error('boom')
      if (name === 'app.info') return { wrong: 'shape' }
      return args
    },
  })
  const router = createRouter(handlers)

  it('turns invalid arguments into a typed error with paths, without calling the handler', async () => {
    calls.length = 0
    const r = await router.call('sessions.rename', { id: 'abcdefgh', title: 5 }, { transport: 'http' })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } })
    expect(!r.ok && r.error.issues?.[0]?.path).toBe('$.title')
    expect(calls).toEqual([])
  })

  it('refuses unknown and prototype method names', async () => {
    for (const m of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const r = await router.call(m, {}, { transport: 'ipc' })
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    }
  })

  it('reports a throwing handler as internal, and an invalid result as internal', async () => {
    expect(await router.call('sessions.get', { id: 'abcdefgh' }, { transport: 'ipc' })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    })
    expect(await router.call('app.info', {}, { transport: 'ipc' })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    })
  })
})
