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

export const IMPORT_CARDS_USAGE =
  'copro import-cards <session-id> <file.csv|file.xlsx> [--kind K] [--role R] [--dry-run] [--data-dir DIR]'

const HELP = `Add cards to a session from a CSV (or tab-separated) file or an Excel workbook (.xlsx, its first sheet).

Usage:
  ${IMPORT_CARDS_USAGE}

The first row names the columns: text (required), kind, stage, lane, zone, role, name.
Stages, lanes and zones are matched by their label (or id); name is a name the person agreed to show
(leave it empty for an anonymous card). Every row is checked first: if any row has an error, the errors
are listed with their row numbers and nothing is written.

Options:
  --kind      kind of rows with no kind (default: idea)
  --role      co-production role of rows with no role (default: service-user)
  --dry-run   check the file and show what would be added, without writing
  --data-dir  data folder holding the sessions (default: the app's data folder)

Like the other commands that change sessions, this refuses while a running Copro Studio owns the
data folder (close the app first). Exit codes: 0 done, 1 failed or rows with errors, 2 usage, 3 in use.`

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
      io.out(HELP)
      return EXIT.ok
    }
    if (p.positionals.length !== 2) throw new UsageError('copro import-cards takes a session id and a file.')
    const [id, file] = p.positionals as [string, string]
    const kind = CardKind.safeParse(flagString(p, 'kind') ?? 'idea')
    if (!kind.success) throw new UsageError(`--kind must be one of ${CardKind.options.join(', ')}.`)
    const role = CoproRole.safeParse(flagString(p, 'role') ?? 'service-user')
    if (!role.success) throw new UsageError(`--role must be one of ${CoproRole.options.join(', ')}.`)
    const bytes = await readFile(file).catch((e: unknown) => {
      throw new StorageError('not-found', `Cannot read ${file}: ${errorMessage(e)}`)
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
      for (const w of store.warnings) io.err(`warning: ${w.message}`)
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
        io.err(
          `Nothing was added: fix the ${parsed.errors.length === 1 ? 'row' : 'rows'} above and run again.`,
        )
        return EXIT.failed
      }
      const n = parsed.cards.length
      if (p.flags.has('dry-run')) {
        for (const c of parsed.cards)
          io.out(`row ${c.row}: ${c.kind} · ${c.text.replace(/\s+/g, ' ').slice(0, 80)}`)
        io.out(`${n} ${n === 1 ? 'card' : 'cards'} would be added (dry run: nothing written).`)
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
      io.out(`Added ${n} ${n === 1 ? 'card' : 'cards'} to ${id}.`)
      return EXIT.ok
    } finally {
      await store.close()
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nUsage: ${IMPORT_CARDS_USAGE}`)
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
