import { spawn, type ChildProcess } from 'node:child_process'
import * as Y from 'yjs'
import { storedUpdates } from './servers'

/**
 * Cluster nodes for the fault tests: `copro relay --redis … --database …` in its own process (so it can
 * be SIGKILLed), and reading back what PostgreSQL holds. Every wait is on a condition.
 */

/** Starts one node on `port`; resolves once it printed its health line (its last line at start). */
export async function nodeProcess(opts: {
  redisUrl: string
  databaseUrl: string
  port: number
  adminToken: string
}): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/index.ts',
      'relay',
      '--port',
      String(opts.port),
      '--redis',
      opts.redisUrl,
      '--database',
      opts.databaseUrl,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COPRO_RELAY_TOKEN: opts.adminToken } },
  )
  let out = ''
  let err = ''
  child.stderr!.on('data', (d) => (err += String(d)))
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        out += String(d)
        if (out.includes('Health: ')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`node exited ${code}: ${err}`)))
    })
  } catch (e) {
    child.kill('SIGKILL')
    throw e
  }
  return child
}

/** Rebuilds a session from its PostgreSQL rows alone (snapshot, then the log). */
export async function rebuild(databaseUrl: string, sessionId: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  for (const u of await storedUpdates(databaseUrl, sessionId)) Y.applyUpdate(doc, u)
  return doc
}

/** Waits until the database holds a document that passes `check`; returns it. */
export async function eventuallyStored(
  databaseUrl: string,
  sessionId: string,
  check: (d: Y.Doc) => boolean,
  timeoutMs = 60_000,
): Promise<Y.Doc> {
  const start = Date.now()
  for (;;) {
    const doc = await rebuild(databaseUrl, sessionId)
    if (check(doc)) return doc
    if (Date.now() - start > timeoutMs)
      throw new Error('timed out waiting for the database to hold the edits')
    await new Promise((r) => setTimeout(r, 100))
  }
}
