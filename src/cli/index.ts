import { runExportCommand } from './commands/export'
import { IMPORT_CARDS_USAGE, runImportCardsCommand } from './commands/importCards'
import { runSessionsCommand } from './commands/sessions'
import { runTemplatesCommand } from './commands/templates'
import { defaultDataDir } from '../core/node/paths'
import { UsageError } from './args'
import { type CliIo, terminalSafeIo } from './io'
import { loadSessionForReading } from './loadSession'
import { RELAY_USAGE, runRelay } from './relay'
import { runServe, SERVE_USAGE } from './serve'
import { w } from './words'

const USAGE = (): string => `${w('cli.title')}

${w('cli.usageHeading')}
  ${SERVE_USAGE}
  ${RELAY_USAGE}
  copro sessions list|create|export|import|delete …   (copro sessions --help)
  copro templates check [--languages cy,en] <file...> | list [--json]
  copro export <session-id | file.copro> --format json,csv,md,html --out DIR [--data-dir DIR] [--language cy,en]
  ${IMPORT_CARDS_USAGE}
  copro help

${w('cli.dataDirNote', { dir: defaultDataDir() })}`

export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo)
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'serve':
        return await runServe(rest, io)
      case 'relay':
        return await runRelay(rest, io)
      case 'sessions': {
        // `copro sessions help` / `--help`: the full help, in the terminal's language (sessions.ts)
        return await runSessionsCommand(rest, {
          out: io.out,
          err: io.err,
          dataDir: defaultDataDir(),
          appVersion: io.version,
        })
      }
      case 'templates':
        return await runTemplatesCommand(rest, io)
      case 'import-cards':
        return await runImportCardsCommand(rest, {
          out: io.out,
          err: io.err,
          dataDir: defaultDataDir(),
          appVersion: io.version,
        })
      case 'export':
        return await runExportCommand(rest, {
          out: io.out,
          err: io.err,
          dataDir: defaultDataDir(),
          appVersion: io.version,
          loadSessionDoc: (idOrFile, opts) =>
            loadSessionForReading(idOrFile, opts.dataDir, (message) => io.err(w('cli.warning', { message }))),
        })
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE())
        return command === undefined ? 1 : 0
      default:
        io.err(`${w('cli.unknownCommand', { command })}\n\n${USAGE()}`)
        return 2
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${USAGE()}`)
      return 2
    }
    io.err(w('cli.error', { message: err instanceof Error ? err.message : String(err) }))
    return 1
  }
}

const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0'
const io: CliIo = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  version,
}

// `copro sessions list | head` closes stdout early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0)
})

if (process.env.COPRO_CLI_NO_MAIN !== '1') {
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code
    },
    (err) => {
      process.stderr.write(String(err) + '\n')
      process.exitCode = 1
    },
  )
}
