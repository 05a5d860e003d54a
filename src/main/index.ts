import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  screen,
  session,
  shell,
  type MenuItemConstructorOptions,
  type WebPreferences,
} from 'electron'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { pathToFileURL } from 'node:url'
import { IPC_EVENT, IPC_INVOKE, type MenuCommand, type MenuNames } from '../shared/api'
import { buildMenuSpec } from '../core/common/workbench/menu'
import { CoproServer } from '../core/node/server'
import { createDesktopServer } from './server'
import {
  devRendererUrl,
  isAllowedNavigation,
  isExternalWebUrl,
  isPdfReportRequest,
  isTrustedSender,
  PDF_WINDOW_CSP,
  withForcedCsp,
} from './policy'
import { createFileOpener } from './fileOpen'
import { claimSingleInstance } from './singleInstance'
import { wallWindowPlacement, wallWindowRequest } from './wallWindow'
import { packagedUpdateUrl, startUpdates, updatePolicy } from './updates'
import { mainWords } from './words'

let server: CoproServer | null = null
let win: BrowserWindow | null = null

const rendererFile = join(import.meta.dirname, '../renderer/index.html')
// The dev server only in development: a packaged app ignores ELECTRON_RENDERER_URL (policy.ts).
const devUrl = devRendererUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged)
const rendererUrl = devUrl ?? pathToFileURL(rendererFile).href

// .copro files opened from outside (double-click, second launch, macOS open-file) → sessions.importFile.
const files = createFileOpener({
  importFile: (args) =>
    server
      ? server.router.call('sessions.importFile', args, { transport: 'ipc' })
      : Promise.resolve({ ok: false, error: { code: 'unavailable', message: mainWords('main.closing') } }),
  send: (outcome) => win?.webContents.send(IPC_EVENT, 'sessions.fileOpened', outcome),
})

/** The workbench's web preferences (the wall window gets the same: isolated, sandboxed, no Node). */
const WINDOW_PREFERENCES: WebPreferences = {
  preload: join(import.meta.dirname, '../preload/index.cjs'),
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  spellcheck: true,
}

const focusWindow = () => {
  if (!win) return
  if (win.isMinimized()) win.restore()
  win.focus()
}

if (!claimSingleInstance(app, process.argv, process.cwd(), { openFile: files.open, focus: focusWindow })) {
  app.quit()
} else {
  app.whenReady().then(start, (err) => {
    console.error(err)
    app.exit(1)
  })
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, contents.getURL())) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    // The wall (our own page with ?wall=<session>) opens full screen on the second display (ADR 0033).
    if (wallWindowRequest(url, contents.getURL())) {
      const placement = wallWindowPlacement(screen.getAllDisplays(), screen.getPrimaryDisplay().id)
      return {
        action: 'allow',
        overrideBrowserWindowOptions: {
          ...placement,
          title: mainWords('main.wallTitle'),
          backgroundColor: '#ffffff',
          autoHideMenuBar: true,
          webPreferences: WINDOW_PREFERENCES,
        },
      }
    }
    // The tldraw watermark and help links open in the system browser; nothing else opens in-app.
    if (isExternalWebUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  // The native menu and PDF printing: the router's handlers call these for the window's own calls.
  server = await createDesktopServer(app.getPath('userData'), app.getVersion(), { setMenu, printPdf })
  server.onEvent((event, payload) => win?.webContents.send(IPC_EVENT, event, payload))

  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url, rendererUrl)) {
      return { ok: false, error: { code: 'forbidden', message: mainWords('main.forbidden') } }
    }
    // The workbench sends its menu once it listens for events: files waiting to open can go now.
    if (method === 'menu.setCommands') files.rendererReady()
    return server!.router.call(method, args, { transport: 'ipc' })
  })

  win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Copro Studio',
    backgroundColor: '#1e1e1e',
    webPreferences: WINDOW_PREFERENCES,
  })
  win.once('ready-to-show', () => win?.show())
  win.on('closed', () => (win = null))
  if (devUrl) await win.loadURL(`${rendererUrl}?host=electron`)
  else await win.loadFile(rendererFile, { query: { host: 'electron' } })
  const updates = updatePolicy(process.env.COPRO_UPDATE_URL, packagedUpdateUrl(app.getAppPath()))
  void startUpdates(updates, app.isPackaged, (m) => console.error(m))
}

/** HostCapabilities.setMenu: the arguments were checked against the contract by the router. */
function setMenu(commands: readonly MenuCommand[], menus?: MenuNames): void {
  const template: MenuItemConstructorOptions[] = buildMenuSpec(commands, menus).map((m) => ({
    label: m.label,
    submenu: m.items.map((item) => ({
      label: item.label,
      ...(item.accelerator ? { accelerator: item.accelerator } : {}),
      click: () => win?.webContents.send(IPC_EVENT, 'command.run', { id: item.id }),
    })),
  }))
  template.splice(1, 0, { role: 'editMenu' })
  if (process.platform === 'darwin') template.unshift({ role: 'appMenu' })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

/**
 * Prints an export report to an A4 PDF: the HTML goes to a temporary file, loads in a hidden window
 * with JavaScript off, and Chromium's printToPDF renders it. The renderer then saves the bytes through
 * the usual download (a native save dialog in Electron). The HTML comes from the renderer, so the window
 * trusts nothing in it: a forced CSP (policy.ts PDF_WINDOW_CSP, as the first element and as a response
 * header), a dedicated in-memory session that cancels every request but the report file itself, and no
 * navigation, redirect or pop-up in any frame. HostCapabilities.printPdf: the router checked the
 * arguments, and a throw becomes the API's "could not print" failure.
 */
async function printPdf(html: string): Promise<Uint8Array> {
  const id = randomBytes(8).toString('hex')
  const file = join(tmpdir(), `copro-report-${id}.html`)
  const reportUrl = pathToFileURL(file).href
  const partition = `copro-pdf-${id}` // no "persist:": in memory only, gone with the window
  const pdfSession = session.fromPartition(partition, { cache: false })
  pdfSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isPdfReportRequest(details.url, reportUrl) }),
  )
  pdfSession.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [PDF_WINDOW_CSP] },
    }),
  )
  pdfSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  pdfSession.setPermissionCheckHandler(() => false)
  const pdfWin = new BrowserWindow({
    show: false,
    webPreferences: {
      partition,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  const wc = pdfWin.webContents
  const refuse = (event: { preventDefault(): void }) => event.preventDefault()
  wc.on('will-navigate', refuse)
  wc.on('will-frame-navigate', refuse) // sub-frames too
  wc.on('will-redirect', refuse)
  wc.on('will-attach-webview', refuse)
  wc.setWindowOpenHandler(() => ({ action: 'deny' }))
  try {
    await writeFile(file, withForcedCsp(html), { encoding: 'utf8', mode: 0o600 })
    await pdfWin.loadFile(file)
    return await wc.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    })
  } finally {
    pdfWin.destroy()
    await rm(file, { force: true })
  }
}

app.on('window-all-closed', () => {
  app.quit()
})

app.on('before-quit', (event) => {
  if (!server) return
  event.preventDefault()
  const s = server
  server = null
  s.close().finally(() => app.quit())
})
