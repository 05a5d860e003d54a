import { readFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { parseCardRows, parseCardTable } from '../../core/common/bulk/parse'
import { readSpreadsheetRows, SpreadsheetError } from '../../core/node/import/spreadsheet'
import { writeImportedCards } from '../../core/common/bulk/write'
import { CardKind } from '../../core/common/cards/card'
import { readStructure } from '../../core/common/session/read'
import { boardStats } from '../../core/common/session/stats'
import { StorageError, errorMessage } from '../../core/node/storage/errors'
import { SessionStore } from '../../core/node/storage/sessionStore'
import { CoproRole } from '../../shared/model/roles'
import { UsageError, flagString, parseArgs } from '../args'
import { w } from '../words'

export const IMPORT_CARDS_USAGE =
  'copro import-cards <session-id> <file.csv|file.xlsx> [--kind K] [--role R] [--dry-run] [--data-dir DIR]'

const HELP = (): string => `${w('cli.import.help.title')}

${w('cli.usageHeading')}
  ${IMPORT_CARDS_USAGE}

${w('cli.import.help.body')}

${w('cli.optionsHeading')}
  --kind      ${w('cli.import.help.kind')}
  --role      ${w('cli.import.help.role')}
  --dry-run   ${w('cli.import.help.dryRun')}
  --data-dir  ${w('cli.export.help.dataDir')}

${w('cli.import.help.locked')}`

export interface ImportCardsIo {
  out(s: string): void
  err(s: string): void
  dataDir: string
  appVersion?: string
  /** Clock for the cards' createdAt (tests pass a fixed one). */
  now?: () => number
}

const EXIT = { ok: 0, failed: 1, usage: 2, locked: 3 } as const

export async function runImportCardsCommand(args: string[], io: ImportCardsIo): Promise<number> {
  try {
    const p = parseArgs(args, { values: ['data-dir', 'kind', 'role'], booleans: ['dry-run', 'help'] })
    if (p.flags.has('help')) {
      io.out(HELP())
      return EXIT.ok
    }
    if (p.positionals.length !== 2) throw new UsageError(w('cli.import.takes'))
    const [id, file] = p.positionals as [string, string]
    const kind = CardKind.safeParse(flagString(p, 'kind') ?? 'idea')
    if (!kind.success) throw new UsageError(w('cli.import.kindOneOf', { kinds: CardKind.options.join(', ') }))
    const role = CoproRole.safeParse(flagString(p, 'role') ?? 'service-user')
    if (!role.success)
      throw new UsageError(w('cli.import.roleOneOf', { roles: CoproRole.options.join(', ') }))
    const bytes = await readFile(file).catch((e: unknown) => {
      throw new StorageError('not-found', w('cli.import.cannotRead', { file, message: errorMessage(e) }))
    })
    // an Excel workbook (.xlsx) is read as the rows of its first sheet; anything else as CSV / TSV text
    const spreadsheet = /\.xlsx$/i.test(file)
      ? await readSpreadsheetRows(bytes).catch((e: unknown) => {
          if (e instanceof SpreadsheetError) throw new StorageError('invalid-file', e.message)
          throw e
        })
      : null
    const dataDir = flagString(p, 'data-dir') ?? io.dataDir
    const store = await SessionStore.open(dataDir, {
      countsOf: boardStats,
      ...(io.appVersion ? { appVersion: io.appVersion } : {}),
    })
    try {
      for (const warn of store.warnings) io.err(w('cli.warning', { message: warn.message }))
      const doc = new Y.Doc()
      for (const u of await store.load(id)) Y.applyUpdate(doc, u)
      const table = { defaultKind: kind.data, defaultRole: role.data }
      const parsed = spreadsheet
        ? parseCardRows(spreadsheet.rows, readStructure(doc), table)
        : parseCardTable(bytes.toString('utf8'), readStructure(doc), table)
      if (parsed.fatal) {
        io.err(parsed.fatal)
        return EXIT.failed
      }
      if (parsed.errors.length > 0) {
        for (const e of parsed.errors) io.err(e.message)
        io.err(w('cli.import.nothingAdded', { count: parsed.errors.length }))
        return EXIT.failed
      }
      const n = parsed.cards.length
      if (p.flags.has('dry-run')) {
        for (const c of parsed.cards)
          io.out(`row ${c.row}: ${c.kind} · ${c.text.replace(/\s+/g, ' ').slice(0, 80)}`)
        io.out(w('cli.import.wouldAdd', { count: n }))
        return EXIT.ok
      }
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      writeImportedCards(doc, parsed.cards, {
        now: io.now?.() ?? Date.now(),
        newId: () => `shape:${randomUUID()}`,
      })
      for (const u of updates) store.append(id, u)
      await store.flush(id)
      io.out(w('cli.import.added', { count: n, id }))
      return EXIT.ok
    } finally {
      await store.close()
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${w('cli.usage', { usage: IMPORT_CARDS_USAGE })}`)
      return EXIT.usage
    }
    if (e instanceof StorageError) {
      io.err(e.message)
      return e.code === 'locked' ? EXIT.locked : e.code === 'invalid-argument' ? EXIT.usage : EXIT.failed
    }
    io.err(`copro import-cards failed: ${errorMessage(e)}`)
    return EXIT.failed
  }
}
