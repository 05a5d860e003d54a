import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startClusterRelay } from '../core/node/cluster'
import { AdminToken } from '../core/node/server/hostedFront'
import { startHostedRelay } from '../core/node/server/hostedRelay'
import { flagString, parseArgs, UsageError } from './args'
import type { CliIo } from './io'
import { w } from './words'

export const RELAY_USAGE =
  'copro relay --port P --data-dir DIR [--redis URL --database URL] [--host 127.0.0.1] [--tls-cert F --tls-key F] [--token T] [--web-dir DIR]'

const HELP = `Run a standalone sync relay for remote participants (see docs/deployment/relay.md).

Usage:
  ${RELAY_USAGE}

  --port P            port to listen on (0 picks a free one)
  --data-dir DIR      durable folder for published sessions and minted tokens (locked while running)
  --host H            address to bind; 127.0.0.1 by default (behind a reverse proxy), 0.0.0.0 for all
  --tls-cert F        PEM certificate; with --tls-key the relay serves https:// and wss://
  --tls-key F         PEM private key
  --token T           admin token (≥ 22 URL-safe characters); or set COPRO_RELAY_TOKEN.
                      Without either, a fresh one is printed at start and changes on every restart.
  --web-dir DIR       a built renderer to serve, so join links can open the app from the relay
  --redis URL         redis://HOST:PORT — run as one node of a cluster (with --database); see
                      docs/deployment/cluster.md. Every node gets the same --redis, --database, --token.
  --database URL      postgres://USER@HOST:PORT/DB — where a cluster keeps sessions and tokens
                      (tables are created on first start). --data-dir is then not needed.

The admin token publishes sessions (connect to /sync/<id> with it) and mints guest tokens
(POST /admin/tokens). Keep it secret. Stop with Ctrl-C (SIGINT) or SIGTERM.`

/** `copro relay`: the hosted relay, until SIGINT/SIGTERM. */
export async function runRelay(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    values: ['host', 'port', 'data-dir', 'tls-cert', 'tls-key', 'token', 'web-dir', 'redis', 'database'],
    booleans: ['help'],
  })
  if (args.flags.has('help')) {
    io.out(HELP)
    return 0
  }
  if (args.positionals.length)
    throw new UsageError(w('cli.unexpectedArgument', { arg: args.positionals[0] ?? '' }))
  const portText = flagString(args, 'port')
  if (portText === undefined) throw new UsageError(w('cli.relay.portRequired'))
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(w('cli.portRange', { port: portText }))
  const redisUrl = flagString(args, 'redis')
  const databaseUrl = flagString(args, 'database') ?? process.env.COPRO_DATABASE_URL
  if (!redisUrl !== !databaseUrl) throw new UsageError(w('cli.relay.redisAndDatabase'))
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new UsageError(w('cli.relay.redisUrl'))
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new UsageError(w('cli.relay.databaseUrl'))
  const dataDir = flagString(args, 'data-dir')
  if (dataDir === undefined && !redisUrl) throw new UsageError(w('cli.relay.dataDirRequired'))
  const certFile = flagString(args, 'tls-cert')
  const keyFile = flagString(args, 'tls-key')
  if (!certFile !== !keyFile) throw new UsageError(w('cli.relay.tlsTogether'))
  const tokenText = flagString(args, 'token') ?? process.env.COPRO_RELAY_TOKEN
  if (tokenText !== undefined) {
    const checked = AdminToken.safeParse(tokenText)
    if (!checked.success) throw new UsageError(`--token: ${checked.error.issues[0]?.message ?? 'invalid'}.`)
  }
  const tls =
    certFile && keyFile ? { cert: await readFile(certFile), key: await readFile(keyFile) } : undefined
  const webDir = flagString(args, 'web-dir') ?? builtRenderer()
  if (webDir && !existsSync(join(webDir, 'index.html'))) {
    io.err(w('cli.relay.noIndex', { dir: webDir }))
    return 1
  }
  const host = flagString(args, 'host') ?? '127.0.0.1'
  const common = {
    host,
    port,
    tls,
    adminToken: tokenText,
    rendererDir: webDir ?? null,
    log: (m: string) => io.err(m),
  }
  const relay =
    redisUrl && databaseUrl
      ? await startClusterRelay({ ...common, redisUrl, databaseUrl })
      : await startHostedRelay({ ...common, dataDir: dataDir!, appVersion: io.version })
  io.out(`Copro relay is running at ${relay.url}`)
  if (tokenText === undefined) io.out(w('cli.relay.adminToken', { token: relay.adminToken }))
  io.out(`Health: ${relay.origin}/health`) // last: scripts may wait for this line
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await relay.close()
  return 0
}

/** The renderer built next to the bundled CLI (out/renderer), if there is one. */
function builtRenderer(): string | undefined {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.ts')) return undefined // running from sources: nothing built to serve
  const dir = fileURLToPath(new URL('../renderer', import.meta.url))
  return existsSync(join(dir, 'index.html')) ? dir : undefined
}
