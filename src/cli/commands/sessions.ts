import { SessionSummary } from '../../shared/model/session'
import { boardStats } from '../../core/common/session/stats'
import { exportSessionFolder } from '../../core/node/storage/coproExport'
import { StorageError, errorMessage } from '../../core/node/storage/errors'
import { readDataDir } from '../../core/node/storage/readOnly'
import { SessionStore } from '../../core/node/storage/sessionStore'
import { TemplateService } from '../../core/node/templates/templateService'
import { newSessionUpdate } from '../../core/common/newSession'
import { Language, LANGUAGES } from '../../shared/i18n/languages'
import { UsageError, flagString, parseArgs } from '../args'
import { w } from '../words'

export const SESSIONS_USAGE =
  'copro sessions list|create|export|import|delete [--data-dir DIR] (copro sessions help for details)'

const HELP = (): string => `${w('cli.sessions.help.title')}

${w('cli.sessions.help.usage')}
  copro sessions list [--json] [--all]
      ${w('cli.sessions.help.list')}
  copro sessions create --title T [--template ID] [--language ${LANGUAGES.map((l) => l.code).join('|')}] [--json]
      ${w('cli.sessions.help.create')}
      ${w('cli.sessions.help.language')}
  copro sessions export <id> <file.copro>
      ${w('cli.sessions.help.export')}
  copro sessions import <file.copro> [--json]
      ${w('cli.sessions.help.import')}
  copro sessions delete <id>
      ${w('cli.sessions.help.delete')}

${w('cli.sessions.help.locked')}
${w('cli.sessions.help.exit')}`

/** `--language`: one of the languages the app speaks (a clear error naming them otherwise). */
function sessionLanguage(value: string | undefined): Language | undefined {
  if (value === undefined) return undefined
  const p = Language.safeParse(value.trim().toLowerCase())
  if (p.success) return p.data
  const languages = LANGUAGES.map((l) => `${l.code} (${l.name})`).join(', ')
  throw new UsageError(w('cli.unknownLanguage', { language: value, languages }))
}

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
  const trash = s.deletedAt ? `  ${w('cli.sessions.inTrash')}` : ''
  return `${s.id}  ${s.updatedAt}  ${w('cli.sessions.cards', { count: s.cardCount }).padStart(11)}  ${s.title}${trash}`
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
    for (const warn of store.warnings) io.err(w('cli.warning', { message: warn.message }))
    return await fn(store)
  } finally {
    await store.close()
  }
}

export async function runSessionsCommand(args: string[], io: SessionsCommandIo): Promise<number> {
  const [sub, ...rest] = args
  try {
    const p = parseArgs(rest, {
      values: ['data-dir', 'title', 'template', 'language'],
      booleans: ['json', 'all'],
    })
    const dataDir = flagString(p, 'data-dir') ?? io.dataDir
    const json = p.flags.has('json')
    const want = (n: number, what: string) => {
      if (p.positionals.length !== n) throw new UsageError(w('cli.sessions.takes', { sub: sub ?? '', what }))
    }
    switch (sub) {
      case 'list': {
        want(0, w('cli.sessions.noPositional'))
        const view = await readDataDir(dataDir)
        for (const warn of view.warnings) io.err(w('cli.warning', { message: warn.message }))
        const sessions = view.sessions
          .filter((s) => p.flags.has('all') || !s.deletedAt)
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        if (json) io.out(JSON.stringify(sessions, null, 2))
        else if (sessions.length === 0) io.out(w('cli.sessions.none'))
        else for (const s of sessions) io.out(line(s))
        return EXIT.ok
      }
      case 'create': {
        want(0, w('cli.sessions.noPositionalTitle'))
        const title = flagString(p, 'title')
        if (!title) throw new UsageError(w('cli.sessions.needsTitle'))
        const language = sessionLanguage(flagString(p, 'language'))
        const templateId = flagString(p, 'template') ?? null
        // the shipped templates and this data folder's own, as the app offers them
        const template = templateId ? await TemplateService.create({ dataDir }).get(templateId) : null
        if (templateId && !template) throw new UsageError(w('cli.sessions.noTemplate', { id: templateId }))
        const created = await withStore(dataDir, io, async (store) => {
          const s = await store.create({ title, templateId })
          // the same first update as the app's (newSessionUpdate): meta, the template in the language
          store.append(
            s.id,
            newSessionUpdate(
              { sessionId: s.id, title: s.title, templateId: s.templateId, createdAt: s.createdAt },
              template,
              language,
            ),
          )
          await store.flush(s.id)
          return s
        })
        io.out(
          json
            ? JSON.stringify(created, null, 2)
            : w('cli.sessions.created', { id: created.id, title: created.title }),
        )
        return EXIT.ok
      }
      case 'export': {
        want(2, w('cli.sessions.idAndFile'))
        const [id, file] = p.positionals as [string, string]
        const view = await readDataDir(dataDir)
        const s = view.sessions.find((x) => x.id === id)
        if (!s) throw new StorageError('not-found', w('cli.sessions.noSuch', { id, dir: dataDir }))
        if (view.owner) {
          // Exporting only reads the data folder, so it works beside a running server.
          const dir = s.deletedAt ? view.layout.trashed(id) : view.layout.session(id)
          await exportSessionFolder(dir, s, file, io.appVersion ?? '0.1.0')
        } else await withStore(dataDir, io, (store) => store.exportSession(id, file))
        io.out(w('cli.sessions.exported', { title: s.title, file }))
        return EXIT.ok
      }
      case 'import': {
        want(1, w('cli.sessions.oneFile'))
        const imported = await withStore(dataDir, io, (store) => store.importSession(p.positionals[0]!))
        io.out(
          json
            ? JSON.stringify(imported, null, 2)
            : w('cli.sessions.imported', { id: imported.id, title: imported.title }),
        )
        return EXIT.ok
      }
      case 'delete': {
        want(1, w('cli.sessions.oneId'))
        const deleted = await withStore(dataDir, io, (store) => store.delete(p.positionals[0]!))
        io.out(w('cli.sessions.trashed', { title: deleted.title, id: deleted.id }))
        return EXIT.ok
      }
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP())
        return EXIT.ok
      default:
        io.err(
          sub === undefined
            ? HELP()
            : `${w('cli.unknownCommand', { command: `sessions ${sub}` })}\n\n${HELP()}`,
        )
        return EXIT.usage
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${w('cli.usage', { usage: SESSIONS_USAGE })}`)
      return EXIT.usage
    }
    if (e instanceof StorageError) {
      io.err(e.message)
      return e.code === 'locked' ? EXIT.locked : e.code === 'invalid-argument' ? EXIT.usage : EXIT.failed
    }
    io.err(w('cli.sessions.failed', { sub: sub ?? '', message: errorMessage(e) }))
    return EXIT.failed
  }
}
