import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { CoproServer } from '../core/node/server'
import { defaultDataDir } from '../core/node/paths'
import { openBackend } from './backend'
import { flagString, parseArgs, UsageError } from './args'
import type { CliIo } from './io'
import { w } from './words'

export const SERVE_USAGE = 'copro serve [--host 127.0.0.1] [--port 0] [--data-dir DIR]'

/** `copro serve`: the same CoproServer as the desktop app, serving the built renderer to a browser. */
export async function runServe(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['host', 'port', 'data-dir'], booleans: [] })
  if (args.positionals.length)
    throw new UsageError(w('cli.unexpectedArgument', { arg: args.positionals[0] ?? '' }))
  const host = flagString(args, 'host') ?? '127.0.0.1'
  const portText = flagString(args, 'port') ?? '0'
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(w('cli.portRange', { port: portText }))
  const dataDir = flagString(args, 'data-dir') ?? defaultDataDir()
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
  if (!existsSync(rendererDir)) {
    io.err(w('cli.serve.notBuilt', { dir: rendererDir }))
    return 1
  }
  const backend = await openBackend(dataDir, io.version)
  const server = await CoproServer.start({
    host,
    port,
    backend,
    rendererDir,
    appHost: 'browser',
    appVersion: io.version,
    dataDir,
    log: (m) => io.err(m),
  })
  for (const message of backend.warnings) io.err(w('cli.warningCap', { message }))
  io.out(`Copro Studio is running at ${server.url}`)
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    io.err(w('cli.serve.reachable'))
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  return 0
}
