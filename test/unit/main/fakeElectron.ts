import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { vi } from 'vitest'

/**
 * A fake of the few Electron APIs src/main uses — the one edge that cannot run here (no Electron
 * binary). Everything behind it is real: the CoproServer, its router and storage on a temporary
 * folder, the policy functions, the menu builder, the file import. Tests use it through
 * `vi.mock('electron', …)`; it records what main asked Electron to do.
 */

export class FakeWebContents extends EventEmitter {
  url = ''
  readonly sent: unknown[][] = []
  windowOpenHandler: ((details: { url: string }) => { action: string; [k: string]: unknown }) | null = null
  readonly printToPDF = vi.fn(async (_options: object) => Buffer.from('%PDF-1.7 fake'))
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args])
  }
  getURL(): string {
    return this.url
  }
  setWindowOpenHandler(
    handler: (details: { url: string }) => { action: string; [k: string]: unknown },
  ): void {
    this.windowOpenHandler = handler
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  /** The file each loadFile call loaded, with its text at that moment. */
  readonly loaded: { file: string; text: string; query?: Record<string, string> }[] = []
  destroyed = false
  visible = false
  minimized = false
  focused = 0
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super()
    FakeBrowserWindow.all.push(this)
    // Electron announces every new web contents to the app.
    app.emit('web-contents-created', {}, this.webContents)
  }
  async loadFile(file: string, opts?: { query?: Record<string, string> }): Promise<void> {
    this.loaded.push({
      file,
      text: readFileSync(file, 'utf8'),
      ...(opts?.query ? { query: opts.query } : {}),
    })
    const q = opts?.query ? `?${new URLSearchParams(opts.query)}` : ''
    this.webContents.url = pathToFileURL(file).href + q
    this.emit('ready-to-show')
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url
    this.emit('ready-to-show')
  }
  show(): void {
    this.visible = true
  }
  isMinimized(): boolean {
    return this.minimized
  }
  restore(): void {
    this.minimized = false
  }
  focus(): void {
    this.focused++
  }
  destroy(): void {
    this.destroyed = true
  }
}

class FakeApp extends EventEmitter {
  userData = ''
  isPackaged = false
  readonly requestSingleInstanceLock = vi.fn(() => true)
  readonly quit = vi.fn()
  readonly exit = vi.fn()
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app: no path ${name}`)
    return this.userData
  }
  getVersion(): string {
    return '0.0.0-test'
  }
  getAppPath(): string {
    return process.cwd()
  }
}

export const app = new FakeApp()

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    this.handlers.set(channel, handler)
  },
}

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
}

type PermissionRequest = (wc: unknown, permission: string, callback: (granted: boolean) => void) => void
type BeforeRequest = (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void
type HeadersReceived = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (r: { responseHeaders?: Record<string, string[]> }) => void,
) => void

/** A session made by `session.fromPartition`: records its request filters and permission handlers. */
export class FakeSession {
  permissionRequest: PermissionRequest | null = null
  permissionCheck: ((...args: unknown[]) => boolean) | null = null
  readonly webRequest = {
    beforeRequest: null as BeforeRequest | null,
    headersReceived: null as HeadersReceived | null,
    onBeforeRequest(h: BeforeRequest) {
      this.beforeRequest = h
    },
    onHeadersReceived(h: HeadersReceived) {
      this.headersReceived = h
    },
  }
  constructor(
    readonly partition: string,
    readonly options: object | undefined,
  ) {}
  setPermissionRequestHandler(h: PermissionRequest) {
    this.permissionRequest = h
  }
  setPermissionCheckHandler(h: (...args: unknown[]) => boolean) {
    this.permissionCheck = h
  }
  /** What the request filter decides for `url` (true: cancelled). */
  cancels(url: string): boolean {
    let cancel: boolean | undefined
    this.webRequest.beforeRequest?.({ url }, (r) => (cancel = r.cancel))
    if (cancel === undefined) throw new Error('the request filter did not answer')
    return cancel
  }
}

export const session = {
  partitions: new Map<string, FakeSession>(),
  fromPartition(partition: string, options?: object): FakeSession {
    let s = this.partitions.get(partition)
    if (!s) this.partitions.set(partition, (s = new FakeSession(partition, options)))
    return s
  },
  defaultSession: {
    permissionRequest: null as PermissionRequest | null,
    permissionCheck: null as ((...args: unknown[]) => boolean) | null,
    setPermissionRequestHandler(h: PermissionRequest) {
      this.permissionRequest = h
    },
    setPermissionCheckHandler(h: (...args: unknown[]) => boolean) {
      this.permissionCheck = h
    },
  },
}

export const shell = { openExternal: vi.fn(async (_url: string) => {}) }

export const BrowserWindow = FakeBrowserWindow

/** The displays Electron reports (tests set `screen.displays`; the first is the primary one). */
export const screen = {
  displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 } }] as Array<{
    id: number
    bounds: { x: number; y: number; width: number; height: number }
  }>,
  getAllDisplays() {
    return this.displays
  },
  getPrimaryDisplay() {
    return this.displays[0]!
  },
}

export const electron = { app, BrowserWindow, ipcMain, Menu, screen, session, shell }
