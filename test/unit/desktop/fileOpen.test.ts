import { EventEmitter } from 'node:events'
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { coproFilesInArgv, createFileOpener, type FileOpened } from '../../../src/main/fileOpen'
import { claimSingleInstance } from '../../../src/main/singleInstance'
import { MAX_SESSION_FILE_BYTES } from '../../../src/shared/api'

const dir = mkdtempSync(join(tmpdir(), 'copro-open-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('.copro files on a command line', () => {
  it('takes .copro paths (any case), resolved against the launch folder, and ignores flags and other files', () => {
    expect(
      coproFilesInArgv(['.', '--inspect', 'a.copro', 'notes.txt', 'B.COPRO', '-x.copro'], '/home/p'),
    ).toEqual([resolve('/home/p', 'a.copro'), resolve('/home/p', 'B.COPRO')])
    expect(coproFilesInArgv([], '/')).toEqual([])
  })
})

describe('single instance', () => {
  class App extends EventEmitter {
    constructor(readonly lock: boolean) {
      super()
    }
    requestSingleInstanceLock = () => this.lock
  }
  it('a second launch quits and wires nothing', () => {
    const app = new App(false)
    const hooks = { openFile: vi.fn(), focus: vi.fn() }
    expect(claimSingleInstance(app as never, ['app', 'x.copro'], '/', hooks)).toBe(false)
    expect(app.eventNames()).toEqual([])
    expect(hooks.openFile).not.toHaveBeenCalled()
  })
  it('the first instance opens its own file, and files from second launches and macOS open-file', () => {
    const app = new App(true)
    const hooks = { openFile: vi.fn(), focus: vi.fn() }
    expect(claimSingleInstance(app as never, ['/opt/copro/copro', 'first.copro'], '/work', hooks)).toBe(true)
    expect(hooks.openFile).toHaveBeenLastCalledWith(resolve('/work', 'first.copro'))
    app.emit('second-instance', {}, ['/opt/copro/copro', 'second.copro'], '/elsewhere')
    expect(hooks.focus).toHaveBeenCalledTimes(1)
    expect(hooks.openFile).toHaveBeenLastCalledWith(resolve('/elsewhere', 'second.copro'))
    const e = { preventDefault: vi.fn() }
    app.emit('open-file', e, '/Users/p/third.copro')
    expect(e.preventDefault).toHaveBeenCalled()
    expect(hooks.openFile).toHaveBeenLastCalledWith('/Users/p/third.copro')
    // A second launch with no file only brings the window forward.
    app.emit('second-instance', {}, ['/opt/copro/copro'], '/')
    expect(hooks.focus).toHaveBeenCalledTimes(2)
    expect(hooks.openFile).toHaveBeenCalledTimes(3)
  })
})

describe('file opener', () => {
  const session = {
    id: 'a1b2c3d4e5f6',
    title: 'Budget day',
    templateId: null,
    createdAt: '2026-12-04T10:00:00.000Z',
    updatedAt: '2026-12-04T10:00:00.000Z',
    participantCount: 0,
    cardCount: 3,
    deletedAt: null,
  }
  function setup(result = { ok: true as const, value: session as unknown }) {
    const sent: FileOpened[] = []
    const importFile = vi.fn(async (_args: { fileName: string; base64: string }) => result)
    const opener = createFileOpener({ importFile, send: (o) => sent.push(o) })
    return { sent, importFile, opener }
  }
  it('queues files until the workbench listens, then imports them in order with their bytes', async () => {
    const a = join(dir, 'a.copro')
    const b = join(dir, 'b.copro')
    writeFileSync(a, 'AAA')
    writeFileSync(b, 'BBB')
    const { sent, importFile, opener } = setup({
      ok: false,
      error: { code: 'invalid_arguments', message: 'bad file' },
    } as never)
    opener.open(a)
    opener.open(b)
    await opener.idle()
    expect(importFile).not.toHaveBeenCalled()
    opener.rendererReady()
    await opener.idle()
    expect(importFile.mock.calls.map((c) => c[0])).toEqual([
      { fileName: 'a.copro', base64: Buffer.from('AAA').toString('base64') },
      { fileName: 'b.copro', base64: Buffer.from('BBB').toString('base64') },
    ])
    expect(sent).toEqual([
      { ok: false, fileName: 'a.copro', message: 'bad file' },
      { ok: false, fileName: 'b.copro', message: 'bad file' },
    ])
  })
  it('reports a missing file, a folder and a file over the size limit without importing', async () => {
    const { sent, importFile, opener } = setup()
    opener.rendererReady()
    const big = join(dir, 'big.copro')
    // A sparse file just over the limit.
    const fd = openSync(big, 'w')
    ftruncateSync(fd, MAX_SESSION_FILE_BYTES + 1)
    closeSync(fd)
    opener.open(join(dir, 'missing.copro'))
    opener.open(dir)
    opener.open(big)
    await opener.idle()
    expect(importFile).not.toHaveBeenCalled()
    expect(sent.map((s) => (s.ok ? 'ok' : s.message))).toEqual([
      'The file could not be read.',
      'It is not a file.',
      'It is larger than 48 MB.',
    ])
  })
  it('sends the imported session to the workbench', async () => {
    const f = join(dir, 'ok.copro')
    writeFileSync(f, 'OK')
    const { sent, opener } = setup()
    opener.rendererReady()
    opener.open(f)
    await opener.idle()
    expect(sent).toEqual([{ ok: true, fileName: 'ok.copro', session }])
  })
  it('imports one file at a time, in order, and reports an import that throws', async () => {
    const a = join(dir, 'first.copro')
    const b = join(dir, 'second.copro')
    writeFileSync(a, 'A')
    writeFileSync(b, 'B')
    let finishFirst: (r: { ok: true; value: unknown }) => void = () => {}
    const importFile = vi
      .fn<(args: { fileName: string; base64: string }) => Promise<{ ok: true; value: unknown }>>()
      .mockImplementationOnce(() => new Promise((resolve) => (finishFirst = resolve)))
      .mockImplementationOnce(() => Promise.reject(new Error('router crashed')))
    const sent: FileOpened[] = []
    const opener = createFileOpener({ importFile, send: (o) => sent.push(o) })
    opener.rendererReady()
    opener.open(a)
    opener.open(b)
    await vi.waitFor(() => expect(importFile).toHaveBeenCalledTimes(1))
    // The second file waits for the first, however long it takes.
    expect(importFile.mock.calls[0]![0].fileName).toBe('first.copro')
    expect(sent).toEqual([])
    finishFirst({ ok: true, value: session })
    await opener.idle()
    expect(importFile.mock.calls.map((c) => c[0].fileName)).toEqual(['first.copro', 'second.copro'])
    expect(sent).toEqual([
      { ok: true, fileName: 'first.copro', session },
      { ok: false, fileName: 'second.copro', message: 'The file could not be imported.' },
    ])
  })
  it('refuses an answer that is not a session summary', async () => {
    const f = join(dir, 'c.copro')
    writeFileSync(f, 'C')
    const { sent, opener } = setup({ ok: true, value: { nope: 1 } })
    opener.rendererReady()
    opener.open(f)
    await opener.idle()
    expect(sent).toEqual([
      { ok: false, fileName: 'c.copro', message: 'The import gave an unexpected answer.' },
    ])
  })
})
