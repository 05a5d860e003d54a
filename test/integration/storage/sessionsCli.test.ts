import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { runSessionsCommand } from '../../../src/cli/commands/sessions'
import { SessionSummary } from '../../../src/shared/model/session'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { cardRecord } from '../board/cards'
import { tempDir } from './helpers'

let dir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runSessionsCommand(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    dataDir: path.join(dir, 'default-data'),
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('copro sessions', () => {
  it('create --json prints the new session with its id; list shows it', async () => {
    const data = path.join(dir, 'data')
    const c = await run(
      'create',
      '--title',
      'Youth panel',
      '--template',
      'idea-sorter',
      '--json',
      '--data-dir',
      data,
    )
    expect(c.code).toBe(0)
    const created = SessionSummary.parse(JSON.parse(c.out))
    expect(created).toMatchObject({ title: 'Youth panel', templateId: 'idea-sorter' })
    const l = await run('list', '--json', '--data-dir', data)
    expect(l.code).toBe(0)
    expect(JSON.parse(l.out).map((s: { id: string }) => s.id)).toEqual([created.id])
    const plain = await run('list', '--data-dir', data)
    expect(plain.out).toContain(created.id)
    expect(plain.out).toContain('Youth panel')
  })

  it('uses io.dataDir when --data-dir is not given', async () => {
    expect((await run('create', '--title', 'Default')).code).toBe(0)
    expect(await readdir(path.join(dir, 'default-data', 'sessions'))).toHaveLength(1)
  })

  it('exports, imports as a new session, and deletes to the trash', async () => {
    const data = path.join(dir, 'data')
    const { id } = JSON.parse((await run('create', '--title', 'Move me', '--json', '--data-dir', data)).out)
    const file = path.join(dir, 'move.copro')
    const e = await run('export', id, file, '--data-dir', data)
    expect(e.code).toBe(0)
    const other = path.join(dir, 'other-machine')
    const i = await run('import', file, '--json', '--data-dir', other)
    expect(i.code).toBe(0)
    const imported = SessionSummary.parse(JSON.parse(i.out))
    expect(imported.title).toBe('Move me')
    const d = await run('delete', id, '--data-dir', data)
    expect(d.code).toBe(0)
    expect(JSON.parse((await run('list', '--json', '--data-dir', data)).out)).toEqual([])
    expect(JSON.parse((await run('list', '--json', '--all', '--data-dir', data)).out)).toHaveLength(1)
  })

  it('an imported session lists with its card and participant counts', async () => {
    const data = path.join(dir, 'data')
    const doc = new Y.Doc()
    doc.getArray('tl_records').push([
      { key: 'shape:c1', val: cardRecord('c1') },
      { key: 'shape:c2', val: cardRecord('c2') },
    ])
    doc.getMap('participants').set('p1', { id: 'p1' })
    const store = await SessionStore.open(data)
    const s = await store.create({ title: 'Counted', initialUpdate: Y.encodeStateAsUpdate(doc) })
    await store.shutdown()
    const file = path.join(dir, 'counted.copro')
    expect((await run('export', s.id, file, '--data-dir', data)).code).toBe(0)
    const other = path.join(dir, 'other-machine')
    const i = await run('import', file, '--json', '--data-dir', other)
    expect(SessionSummary.parse(JSON.parse(i.out))).toMatchObject({ cardCount: 2, participantCount: 1 })
    expect((await run('list', '--data-dir', other)).out).toContain('    2 cards  Counted')
  })

  it('refuses to write to a data folder a running server owns, but can still list and export', async () => {
    const data = path.join(dir, 'data')
    const server = await SessionStore.open(data)
    try {
      const s = await server.create({ title: 'Live workshop' })
      const c = await run('create', '--title', 'Sneaky', '--data-dir', data)
      expect(c.code).toBe(3)
      expect(c.err).toMatch(/This data folder is in use by Copro Studio \(pid \d+\)/)
      expect((await run('delete', s.id, '--data-dir', data)).code).toBe(3)
      expect((await run('import', path.join(dir, 'x.copro'), '--data-dir', data)).code).toBe(3)
      const l = await run('list', '--json', '--data-dir', data)
      expect(JSON.parse(l.out).map((x: { title: string }) => x.title)).toEqual(['Live workshop'])
      const e = await run('export', s.id, path.join(dir, 'live.copro'), '--data-dir', data)
      expect(e.code).toBe(0)
      expect(server.list()).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it('gives clear errors for bad usage and bad input', async () => {
    const data = path.join(dir, 'data')
    expect((await run('create', '--data-dir', data)).err).toMatch(/needs --title/)
    expect((await run('create', '--data-dir', data)).code).toBe(2)
    expect((await run('frobnicate')).code).toBe(2)
    expect((await run('list', '--bogus')).code).toBe(2)
    expect((await run('export', 'nosuchsession', path.join(dir, 'f.copro'), '--data-dir', data)).err).toMatch(
      /No session with id/,
    )
    const junk = path.join(dir, 'junk.copro')
    await writeFile(junk, 'not a session')
    const i = await run('import', junk, '--data-dir', data)
    expect(i.code).toBe(1)
    expect(i.err).toMatch(/Not a valid Copro session file/)
    expect((await run('delete', 'nosuchsession', '--data-dir', data)).err).toMatch(/No session with id/)
  })
})
