import { UsageError } from './args'
import type { CliIo } from './io'
import { runServe, SERVE_USAGE } from './serve'

const USAGE = `Copro Studio command line

Usage:
  ${SERVE_USAGE}
  copro help

Run "copro <command> --help" for details.`

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'serve':
        return await runServe(rest, io)
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE)
        return command === undefined ? 1 : 0
      default:
        io.err(`Unknown command "${command}".\n\n${USAGE}`)
        return 2
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${USAGE}`)
      return 2
    }
    io.err(`Error: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
}

const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0'
const io: CliIo = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  version,
}

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
