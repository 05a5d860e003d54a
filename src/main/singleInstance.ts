import type { App } from 'electron'
import { coproFilesInArgv } from './fileOpen'

export interface SingleInstanceHooks {
  /** A .copro file to open (absolute path). */
  openFile(path: string): void
  /** Bring the window to the front (a second launch). */
  focus(): void
}

/**
 * One running Copro Studio per user: a second launch (say, a double-click on a .copro file while the
 * app is open) hands its command line to the first instance and quits. Also wires the other ways a
 * file arrives: the first launch's own command line (Windows, Linux) and macOS `open-file`, which can
 * fire before the app is ready. Returns false when another instance holds the lock: quit then.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  argv: readonly string[],
  cwd: string,
  hooks: SingleInstanceHooks,
): boolean {
  if (!app.requestSingleInstanceLock()) return false
  app.on('second-instance', (_event, secondArgv, workingDirectory) => {
    hooks.focus()
    for (const path of coproFilesInArgv(secondArgv.slice(1), workingDirectory)) hooks.openFile(path)
  })
  app.on('open-file', (event, path) => {
    event.preventDefault()
    hooks.openFile(path)
  })
  for (const path of coproFilesInArgv(argv.slice(1), cwd)) hooks.openFile(path)
  return true
}
