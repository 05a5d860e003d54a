import { SessionSummary } from '../../shared/model/session'
import { boardStats } from '../../core/common/session/stats'
import { exportSessionFolder } from '../../core/node/storage/coproExport'
import { StorageError, errorMessage } from '../../core/node/storage/errors'
import { readDataDir } from '../../core/node/storage/readOnly'
import { SessionStore } from '../../core/node/storage/sessionStore'
import { UsageError, flagString, parseArgs } from '../args'

export const SESSIONS_USAGE =
  'copro sessions list|create|export|import|delete [--data-dir DIR] (copro sessions help for details)'

const HELP = `Manage the sessions stored in a data folder.

Usage (every command takes --data-dir DIR):
  copro sessions list [--json] [--all]
      Lists sessions, most recently changed first (--all includes the trash).
  copro sessions create --title T [--template ID] [--json]
      Creates an empty session and prints it (as JSON with --json, including its id).
  copro sessions export <id> <file.copro>
      Writes the session, with its checkpoints, to one portable file.
  copro sessions import <file.copro> [--json]
      Imports a session file as a new session (it never overwrites one) and prints it.
  copro sessions delete <id>
      Moves a session to the trash (it can be restored from the Sessions view).

Commands that change the data folder refuse while a running Copro Studio owns it.
Exit codes: 0 done, 1 failed, 2 usage error, 3 data folder in use.`

export interface SessionsCommandIo {
  out(s: string): void
  err(s: string): void
  /** The data folder to use unless --data-dir is given. */
  dataDir: string
  /** Recorded in exported files. */
  appVersion?: string
}

const EXIT = { ok: 0, failed: 1, usage: 2, locked: 3 } as const

function line(s: SessionSummary): string {
  const trash = s.deletedAt ? '  (in trash)' : ''
  return `${s.id}  ${s.updatedAt}  ${String(s.cardCount).padStart(5)} cards  ${s.title}${trash}`
}

async function withStore<T>(
  dataDir: string,
  io: SessionsCommandIo,
  fn: (store: SessionStore) => Promise<T>,
): Promise<T> {
  const store = await SessionStore.open(dataDir, {
    countsOf: boardStats, // an imported session lists with its card and participant counts
    ...(io.appVersion ? { appVersion: io.appVersion } : {}),
  })
  try {
    for (const w of store.warnings) io.err(`warning: ${w.message}`)
    return await fn(store)
  } finally {
    await store.close()
  }
}

export async function runSessionsCommand(args: string[], io: SessionsCommandIo): Promise<number> {
  const [sub, ...rest] = args
  try {
    const p = parseArgs(rest, { values: ['data-dir', 'title', 'template'], booleans: ['json', 'all'] })
    const dataDir = flagString(p, 'data-dir') ?? io.dataDir
    const json = p.flags.has('json')
    const want = (n: number, what: string) => {
      if (p.positionals.length !== n) throw new UsageError(`copro sessions ${sub} takes ${what}.`)
    }
    switch (sub) {
      case 'list': {
        want(0, 'no positional arguments')
        const view = await readDataDir(dataDir)
        for (const w of view.warnings) io.err(`warning: ${w.message}`)
        const sessions = view.sessions
          .filter((s) => p.flags.has('all') || !s.deletedAt)
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        if (json) io.out(JSON.stringify(sessions, null, 2))
        else if (sessions.length === 0) io.out('No sessions.')
        else for (const s of sessions) io.out(line(s))
        return EXIT.ok
      }
      case 'create': {
        want(0, 'no positional arguments (use --title)')
        const title = flagString(p, 'title')
        if (!title) throw new UsageError('copro sessions create needs --title.')
        const created = await withStore(dataDir, io, (store) =>
          store.create({ title, templateId: flagString(p, 'template') ?? null }),
        )
        io.out(json ? JSON.stringify(created, null, 2) : `Created ${created.id}  ${created.title}`)
        return EXIT.ok
      }
      case 'export': {
        want(2, 'a session id and a file name')
        const [id, file] = p.positionals as [string, string]
        const view = await readDataDir(dataDir)
        const s = view.sessions.find((x) => x.id === id)
        if (!s) throw new StorageError('not-found', `No session with id ${id} in ${dataDir}`)
        if (view.owner) {
          // Exporting only reads the data folder, so it works beside a running server.
          const dir = s.deletedAt ? view.layout.trashed(id) : view.layout.session(id)
          await exportSessionFolder(dir, s, file, io.appVersion ?? '0.1.0')
        } else await withStore(dataDir, io, (store) => store.exportSession(id, file))
        io.out(`Exported “${s.title}” to ${file}`)
        return EXIT.ok
      }
      case 'import': {
        want(1, 'one file name')
        const imported = await withStore(dataDir, io, (store) => store.importSession(p.positionals[0]!))
        io.out(json ? JSON.stringify(imported, null, 2) : `Imported ${imported.id}  ${imported.title}`)
        return EXIT.ok
      }
      case 'delete': {
        want(1, 'one session id')
        const deleted = await withStore(dataDir, io, (store) => store.delete(p.positionals[0]!))
        io.out(`Moved “${deleted.title}” (${deleted.id}) to the trash.`)
        return EXIT.ok
      }
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP)
        return EXIT.ok
      default:
        io.err(sub === undefined ? HELP : `Unknown command “sessions ${sub}”.\n\n${HELP}`)
        return EXIT.usage
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nUsage: ${SESSIONS_USAGE}`)
      return EXIT.usage
    }
    if (e instanceof StorageError) {
      io.err(e.message)
      return e.code === 'locked' ? EXIT.locked : e.code === 'invalid-argument' ? EXIT.usage : EXIT.failed
    }
    io.err(`copro sessions ${sub ?? ''} failed: ${errorMessage(e)}`)
    return EXIT.failed
  }
}
