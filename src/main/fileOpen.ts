import { readFile, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { MAX_SESSION_FILE_BYTES, type ApiEventPayload } from '../shared/api'
import type { ApiResult } from '../shared/api/result'
import { SessionSummary } from '../shared/model/session'
import { mainWords } from './words'

/**
 * Opening a .copro file from outside the app: a double-click in the file manager, "Open with", a file
 * dropped on the dock icon (macOS `open-file`), or a second launch with a file (its argv reaches the
 * running instance). The file goes through the same app API method as the sessions view's "Import
 * file…" (`sessions.importFile`, which validates everything and always makes a NEW session), and the
 * outcome goes to the workbench as the `sessions.fileOpened` event, which opens the session's tab.
 *
 * Files that arrive before the workbench listens (the file the app was started with) wait in a queue
 * until `rendererReady()`.
 */

export type FileOpened = ApiEventPayload<'sessions.fileOpened'>

export interface FileOpenDeps {
  /** The app API (the router behind both transports). */
  importFile(args: { fileName: string; base64: string }): Promise<ApiResult<unknown>>
  /** Tells the workbench what happened. */
  send(outcome: FileOpened): void
}

export interface FileOpener {
  /** Imports the file now, or once the workbench is ready. */
  open(path: string): void
  /** The workbench listens for events now: imports what waited. */
  rendererReady(): void
  /** Resolves when every import started so far has finished. */
  idle(): Promise<void>
}

/** The .copro files named on a command line (flags and other files are ignored), as absolute paths. */
export function coproFilesInArgv(argv: readonly string[], cwd: string): string[] {
  return argv.filter((a) => !a.startsWith('-') && /\.copro$/i.test(a)).map((a) => resolve(cwd, a))
}

export function createFileOpener(deps: FileOpenDeps): FileOpener {
  const waiting: string[] = []
  // One file at a time, in the order they came: their tabs open in that order.
  let queue: Promise<void> = Promise.resolve()
  let ready = false
  const start = (path: string) => {
    queue = queue.then(() =>
      importPath(path, deps).catch(() =>
        deps.send({ ok: false, fileName: fileNameOf(path), message: mainWords('main.importFailed') }),
      ),
    )
  }
  return {
    open(path) {
      if (ready) start(path)
      else waiting.push(path)
    },
    rendererReady() {
      ready = true
      for (const path of waiting.splice(0)) start(path)
    },
    async idle() {
      let seen: Promise<void>
      do {
        seen = queue
        await seen
      } while (seen !== queue)
    },
  }
}

const fileNameOf = (path: string) => basename(path).slice(0, 200) || 'session.copro'

async function importPath(path: string, deps: FileOpenDeps): Promise<void> {
  const fileName = fileNameOf(path)
  const failed = (message: string) => deps.send({ ok: false, fileName, message })
  let bytes: Buffer
  try {
    const info = await stat(path)
    if (!info.isFile()) return failed('It is not a file.')
    if (info.size > MAX_SESSION_FILE_BYTES) {
      return failed(`It is larger than ${MAX_SESSION_FILE_BYTES / 1024 / 1024} MB.`)
    }
    bytes = await readFile(path)
  } catch {
    return failed('The file could not be read.')
  }
  const r = await deps.importFile({ fileName, base64: bytes.toString('base64') })
  if (!r.ok) return failed(r.error.message)
  const session = SessionSummary.safeParse(r.value)
  if (!session.success) return failed('The import gave an unexpected answer.')
  deps.send({ ok: true, fileName, session: session.data })
}
