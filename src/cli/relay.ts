import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AdminToken, startHostedRelay } from '../core/node/server/hostedRelay'
import { flagString, parseArgs, UsageError } from './args'
import type { CliIo } from './io'

export const RELAY_USAGE =
  'copro relay --port P --data-dir DIR [--host 127.0.0.1] [--tls-cert F --tls-key F] [--token T] [--web-dir DIR]'

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

The admin token publishes sessions (connect to /sync/<id> with it) and mints guest tokens
(POST /admin/tokens). Keep it secret. Stop with Ctrl-C (SIGINT) or SIGTERM.`

/** `copro relay`: the hosted relay, until SIGINT/SIGTERM. */
export async function runRelay(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    values: ['host', 'port', 'data-dir', 'tls-cert', 'tls-key', 'token', 'web-dir'],
    booleans: ['help'],
  })
  if (args.flags.has('help')) {
    io.out(HELP)
    return 0
  }
  if (args.positionals.length) throw new UsageError(`Unexpected argument ${args.positionals[0]}.`)
  const portText = flagString(args, 'port')
  if (portText === undefined) throw new UsageError('--port is required.')
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not ${portText}.`)
  const dataDir = flagString(args, 'data-dir')
  if (dataDir === undefined) throw new UsageError('--data-dir is required.')
  const certFile = flagString(args, 'tls-cert')
  const keyFile = flagString(args, 'tls-key')
  if (!certFile !== !keyFile) throw new UsageError('--tls-cert and --tls-key go together.')
  const tokenText = flagString(args, 'token') ?? process.env.COPRO_RELAY_TOKEN
  if (tokenText !== undefined) {
    const checked = AdminToken.safeParse(tokenText)
    if (!checked.success) throw new UsageError(`--token: ${checked.error.issues[0]?.message ?? 'invalid'}.`)
  }
  const tls =
    certFile && keyFile ? { cert: await readFile(certFile), key: await readFile(keyFile) } : undefined
  const webDir = flagString(args, 'web-dir') ?? builtRenderer()
  if (webDir && !existsSync(join(webDir, 'index.html'))) {
    io.err(`--web-dir ${webDir} has no index.html.`)
    return 1
  }
  const host = flagString(args, 'host') ?? '127.0.0.1'
  const relay = await startHostedRelay({
    dataDir,
    host,
    port,
    tls,
    adminToken: tokenText,
    rendererDir: webDir ?? null,
    appVersion: io.version,
    log: (m) => io.err(m),
  })
  io.out(`Copro relay is running at ${relay.url}`)
  if (tokenText === undefined) io.out(`Admin token (keep it secret): ${relay.adminToken}`)
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
