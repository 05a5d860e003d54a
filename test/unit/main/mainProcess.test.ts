import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { IPC_EVENT, IPC_INVOKE, IPC_METHOD_NAMES, type MenuCommand } from '../../../src/shared/api'
import { buildMenuSpec } from '../../../src/core/common/workbench/menu'
import { isTrustedSender, PDF_WINDOW_CSP, withForcedCsp } from '../../../src/main/policy'
import {
  app,
  FakeBrowserWindow,
  ipcMain,
  Menu,
  screen,
  session,
  shell,
  type FakeWebContents,
} from './fakeElectron'

// The Electron edge only; src/main/index.ts and everything it starts are real.
vi.mock('electron', async () => (await import('./fakeElectron')).electron)

/**
 * The Electron main process (src/main/index.ts) run for real against a fake of the Electron APIs it
 * calls: window options, navigation and pop-ups, permissions, the IPC gate, argument parsing, the
 * native menu, printing to PDF, and .copro files arriving from outside.
 */

const rendererFile = join(process.cwd(), 'src', 'renderer', 'index.html')
const trusted = { senderFrame: { url: `${pathToFileURL(rendererFile).href}?host=electron` } }
let dataDir: string
let mainWin: FakeBrowserWindow

function invoke(method: unknown, args: unknown, event: object = trusted) {
  const handler = ipcMain.handlers.get(IPC_INVOKE)
  if (!handler) throw new Error('main registered no IPC handler')
  return handler(event as Parameters<typeof handler>[0], method, args) as Promise<{
    ok: boolean
    value?: Record<string, unknown>
    error?: { code: string; message: string }
  }>
}

const isTrustedPage = (url: string) => isTrustedSender(url, pathToFileURL(rendererFile).href)

const eventsSent = (wc: FakeWebContents, name: string) =>
  wc.sent.filter((m) => m[0] === IPC_EVENT && m[1] === name).map((m) => m[2])

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'copro-main-'))
  app.userData = dataDir
  await import('../../../src/main/index')
  await vi.waitFor(() => expect(FakeBrowserWindow.all[0]?.loaded.length).toBe(1), { timeout: 60_000 })
  mainWin = FakeBrowserWindow.all[0]!
}, 90_000)

afterAll(async () => {
  app.emit('before-quit', { preventDefault: () => {} })
  await vi.waitFor(() => expect(app.quit).toHaveBeenCalled(), { timeout: 60_000 })
  rmSync(dataDir, { recursive: true, force: true })
}, 90_000)

describe('the main window', () => {
  it('is isolated and sandboxed, with no Node in the page', () => {
    const prefs = mainWin.options.webPreferences ?? {}
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    for (const risky of [
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'webviewTag',
      'allowRunningInsecureContent',
      'experimentalFeatures',
    ])
      expect(prefs[risky], risky).not.toBe(true)
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/)
  })
  it('loads the workbench page, which carries a strict Content-Security-Policy', () => {
    const { file, text, query } = mainWin.loaded[0]!
    expect(file).toBe(rendererFile)
    expect(query).toEqual({ host: 'electron' })
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(text)?.[1] ?? ''
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    )
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(csp).not.toContain('unsafe-eval')
    expect(mainWin.visible).toBe(true)
  })
})

describe('navigation, pop-ups and permissions', () => {
  it('denies navigation away from the workbench page', () => {
    const wc = mainWin.webContents
    const away = { preventDefault: vi.fn() }
    wc.emit('will-navigate', away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const file = { preventDefault: vi.fn() }
    wc.emit('will-navigate', file, 'file:///etc/passwd')
    expect(file.preventDefault).toHaveBeenCalled()
    const samePage = { preventDefault: vi.fn() }
    wc.emit('will-navigate', samePage, `${pathToFileURL(rendererFile).href}#board`)
    expect(samePage.preventDefault).not.toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    wc.emit('will-attach-webview', webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })
  it('opens no window in the app: web links go to the system browser, anything else nowhere', () => {
    const open = mainWin.webContents.windowOpenHandler!
    expect(open({ url: 'https://tldraw.dev/' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledWith('https://tldraw.dev/')
    shell.openExternal.mockClear()
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share']) {
      expect(open({ url })).toEqual({ action: 'deny' })
    }
    expect(shell.openExternal).not.toHaveBeenCalled()
  })
  it('opens the wall (this page with ?wall=<session>) full screen on the second display, with the same isolation', () => {
    const open = mainWin.webContents.windowOpenHandler!
    const page = mainWin.webContents.getURL()
    const wall = new URL(page)
    wall.searchParams.set('wall', 'abc123')
    screen.displays = [
      { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 } },
      { id: 7, bounds: { x: 1440, y: 0, width: 1920, height: 1080 } },
    ]
    const r = open({ url: wall.href }) as {
      action: string
      overrideBrowserWindowOptions?: Record<string, unknown> & { webPreferences?: Record<string, unknown> }
    }
    expect(r.action).toBe('allow')
    expect(r.overrideBrowserWindowOptions).toMatchObject({
      x: 1440,
      y: 0,
      width: 1920,
      height: 1080,
      fullscreen: true,
    })
    expect(r.overrideBrowserWindowOptions!.webPreferences).toEqual(mainWin.options.webPreferences)
    // one screen: a window on it, not full screen (the laptop keeps its workbench)
    screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 } }]
    expect(open({ url: wall.href })).toMatchObject({
      action: 'allow',
      overrideBrowserWindowOptions: { fullscreen: false },
    })
    // nothing else: another page, a bad session id, another origin
    for (const url of [
      `${page.replace('index.html', 'other.html')}&wall=abc123`,
      wall.href.replace('abc123', '../../etc'),
      'https://evil.example/?wall=abc123',
    ])
      expect(open({ url }).action).toBe('deny')
    // the wall's own calls pass the IPC gate (same page)
    expect(isTrustedPage(wall.href)).toBe(true)
  })
  it('denies every permission request and check (camera, microphone, location, notifications …)', () => {
    const { permissionRequest, permissionCheck } = session.defaultSession
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn()
      permissionRequest!(mainWin.webContents, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
      expect(permissionCheck!(mainWin.webContents, permission, 'file://')).toBe(false)
    }
  })
})

describe('the IPC gate', () => {
  it('refuses calls from any frame but the workbench page', async () => {
    for (const event of [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: 'file:///tmp/evil.html' } },
      { senderFrame: null },
    ]) {
      const r = await invoke('sessions.list', {}, event)
      expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: 'Not allowed from this page.' } })
    }
    expect((await invoke('sessions.list', {})).ok).toBe(true)
  })
  it('parses the arguments of every method before acting on them', async () => {
    for (const method of IPC_METHOD_NAMES) {
      const r = await invoke(method, 'not an object')
      expect(r.ok, method).toBe(false)
      expect(r.error?.code, method).toBe('invalid_arguments')
    }
    expect(Menu.buildFromTemplate).not.toHaveBeenCalled()
    expect(FakeBrowserWindow.all).toHaveLength(1)
    expect((await invoke('sessions.create', { title: 'x', extra: true })).error?.code).toBe(
      'invalid_arguments',
    )
    expect((await invoke('no.such.method', {})).error?.code).toBe('unknown_method')
    expect((await invoke(42, {})).error?.code).toBe('unknown_method')
  })
})

describe('native menu and PDF printing', () => {
  const commands: MenuCommand[] = [
    { id: 'sessions.new', title: 'New Session', category: 'Sessions', keybinding: 'mod+n', menu: 'file' },
    {
      id: 'workbench.palette',
      title: 'Command Palette…',
      category: 'View',
      keybinding: 'mod+shift+p',
      menu: 'view',
    },
    { id: 'help.about', title: 'About Copro Studio', category: 'Help', keybinding: null, menu: 'help' },
    { id: 'board.hidden', title: 'Not in a menu', category: 'Board', keybinding: null, menu: null },
  ]
  it('builds the native menu from the command registry, and a click runs the command in the workbench', async () => {
    expect(await invoke('menu.setCommands', { commands })).toEqual({ ok: true, value: { applied: true } })
    const template = Menu.buildFromTemplate.mock.calls.at(-1)![0] as {
      label?: string
      role?: string
      submenu?: { label: string; accelerator?: string; click: () => void }[]
    }[]
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith({ template })
    const menus = template.filter((m) => m.label)
    const spec = buildMenuSpec(commands)
    expect(menus.map((m) => m.label)).toEqual(['File', 'View', 'Help'])
    expect(menus.map((m) => m.submenu!.map((i) => [i.label, i.accelerator ?? null]))).toEqual(
      spec.map((m) => m.items.map((i) => [i.label, i.accelerator])),
    )
    expect(menus[0]!.submenu![0]!.accelerator).toMatch(/^CmdOrCtrl\+n$/i)
    expect(template.some((m) => m.role === 'editMenu')).toBe(true)
    menus[1]!.submenu![0]!.click()
    expect(eventsSent(mainWin.webContents, 'command.run')).toEqual([{ id: 'workbench.palette' }])
  })
  it('names the native menus in the language the workbench gives', async () => {
    const menus = { file: 'Ffeil', view: 'Golwg', help: 'Help' }
    expect(await invoke('menu.setCommands', { commands, menus })).toEqual({
      ok: true,
      value: { applied: true },
    })
    const template = Menu.buildFromTemplate.mock.calls.at(-1)![0] as { label?: string }[]
    expect(template.filter((m) => m.label).map((m) => m.label)).toEqual(['Ffeil', 'Golwg', 'Help'])
    const bad = await invoke('menu.setCommands', { commands, menus: { file: '' } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } })
  })
  it('prints a report to an A4 PDF in a hidden window with scripts off, and cleans up', async () => {
    const html = '<!doctype html><meta charset="utf-8"><title>Report</title><h1>Findings</h1>'
    const r = await invoke('export.pdf', { html })
    expect(r).toEqual({ ok: true, value: { base64: Buffer.from('%PDF-1.7 fake').toString('base64') } })
    const pdfWin = FakeBrowserWindow.all.at(-1)!
    expect(pdfWin).not.toBe(mainWin)
    expect(pdfWin.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
    })
    expect(pdfWin.loaded).toHaveLength(1)
    expect(pdfWin.loaded[0]!.text).toBe(withForcedCsp(html))
    expect(pdfWin.webContents.printToPDF).toHaveBeenCalledWith({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    })
    expect(pdfWin.destroyed).toBe(true)
    expect(existsSync(pdfWin.loaded[0]!.file)).toBe(false)
  })
})

describe('the PDF window trusts nothing in the HTML it prints (issue 22)', () => {
  // a compromised renderer's "report": frames a local file, loads remote and file images, tries to leave
  const hostile =
    '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src *"><title>x</title>' +
    '<iframe src="file:///etc/passwd"></iframe><img src="https://evil.example/t.png"><img src="file:///home">'
  let pdfWin: FakeBrowserWindow

  beforeAll(async () => {
    expect((await invoke('export.pdf', { html: hostile })).ok).toBe(true)
    pdfWin = FakeBrowserWindow.all.at(-1)!
  })

  it('gets a forced CSP before anything the renderer wrote, in the file and as a response header', () => {
    const text = pdfWin.loaded[0]!.text
    const forced = `<meta http-equiv="Content-Security-Policy" content="${PDF_WINDOW_CSP}">`
    expect(text.startsWith(`<!doctype html>${forced}`)).toBe(true)
    for (const d of ["default-src 'none'", "frame-src 'none'", "child-src 'none'", "object-src 'none'"])
      expect(PDF_WINDOW_CSP).toContain(d)
    expect(PDF_WINDOW_CSP).not.toMatch(/script-src|file:|https?:/)
    const s = session.partitions.get(String(pdfWin.options.webPreferences!.partition))!
    let headers: Record<string, string[]> | undefined
    s.webRequest.headersReceived!({ url: 'x', responseHeaders: { 'content-type': ['text/html'] } }, (r) => {
      headers = r.responseHeaders
    })
    expect(headers).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [PDF_WINDOW_CSP] })
  })

  it('runs in its own in-memory session that cancels every request but the report itself', () => {
    const partition = String(pdfWin.options.webPreferences!.partition)
    expect(partition).toMatch(/^copro-pdf-[0-9a-f]{16}$/) // not "persist:", not the app's session
    const s = session.partitions.get(partition)!
    const report = pathToFileURL(pdfWin.loaded[0]!.file).href
    expect(s.cancels(report)).toBe(false)
    for (const url of [
      'file:///etc/passwd',
      `${report}/../other.html`,
      pathToFileURL(rendererFile).href,
      'https://evil.example/t.png',
      'http://127.0.0.1:4455/api/call/sessions.list',
      'ws://127.0.0.1:4455/sync/abc',
      'data:text/html,<h1>x</h1>',
      'not a url',
    ])
      expect(s.cancels(url), url).toBe(true)
    const denied = vi.fn()
    s.permissionRequest!({}, 'media', denied)
    expect(denied).toHaveBeenCalledWith(false)
    expect(s.permissionCheck!()).toBe(false)
  })

  it('refuses every navigation, redirect and pop-up, sub-frames included', () => {
    const wc = pdfWin.webContents
    for (const ev of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      wc.emit(ev, event, 'file:///etc/passwd')
      expect(event.preventDefault, ev).toHaveBeenCalled()
    }
    expect(wc.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).not.toHaveBeenCalledWith('https://evil.example/')
    expect(pdfWin.destroyed).toBe(true)
  })
})

describe('.copro files opened from outside the app', () => {
  it('waits for the workbench, imports a file from a second launch as a new session and focuses the window', async () => {
    const created = await invoke('sessions.create', { title: 'Budget day' })
    const exported = await invoke('sessions.exportFile', { id: created.value!.id })
    const file = join(dataDir, 'Budget day.copro')
    writeFileSync(file, Buffer.from(String(exported.value!.base64), 'base64'))
    const focusedBefore = mainWin.focused
    app.emit('second-instance', {}, ['Copro Studio', '--some-flag', 'Budget day.copro'], dataDir)
    expect(mainWin.focused).toBe(focusedBefore + 1)
    // The menu was sent above, so the workbench listens: the import starts at once.
    await vi.waitFor(() => expect(eventsSent(mainWin.webContents, 'sessions.fileOpened')).toHaveLength(1), {
      timeout: 20_000,
    })
    const [opened] = eventsSent(mainWin.webContents, 'sessions.fileOpened') as {
      ok: boolean
      fileName: string
      session: { id: string; title: string }
    }[]
    // "Budget day" itself is still there, so the import is told apart by a "(2)".
    expect(opened).toMatchObject({
      ok: true,
      fileName: 'Budget day.copro',
      session: { title: 'Budget day (2)' },
    })
    expect(opened!.session.id).not.toBe(created.value!.id)
    const list = await invoke('sessions.list', {})
    expect((list.value as unknown as { id: string }[]).map((s) => s.id)).toContain(opened!.session.id)
  })
  it('says why a file cannot be opened (macOS open-file), and imports nothing', async () => {
    const bad = join(dataDir, 'not-really.copro')
    writeFileSync(bad, 'this is not a session file')
    const before = ((await invoke('sessions.list', {})).value as unknown as unknown[]).length
    const event = { preventDefault: vi.fn() }
    app.emit('open-file', event, bad)
    expect(event.preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(eventsSent(mainWin.webContents, 'sessions.fileOpened')).toHaveLength(2), {
      timeout: 20_000,
    })
    const failed = eventsSent(mainWin.webContents, 'sessions.fileOpened')[1] as {
      ok: boolean
      fileName: string
      message: string
    }
    expect(failed).toMatchObject({ ok: false, fileName: 'not-really.copro' })
    expect(failed.message.length).toBeGreaterThan(0)
    expect(((await invoke('sessions.list', {})).value as unknown as unknown[]).length).toBe(before)
    expect(readFileSync(bad, 'utf8')).toBe('this is not a session file')
  })
})
