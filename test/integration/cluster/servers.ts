import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'

/**
 * Private Redis and PostgreSQL instances for the cluster tests: real servers from Debian's packages
 * (.ci/run installs them), each on a free loopback port in its own temporary folder, started and
 * stopped by the test. PostgreSQL refuses to run as root, so as root it runs as `nobody`.
 */

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : null
}

function pgBinDir(): string | null {
  const base = '/usr/lib/postgresql'
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return join(base, versions[0], 'bin')
  }
  const initdb = which('initdb')
  return initdb ? join(initdb, '..') : null
}

export const REDIS_SERVER = which('redis-server')
export const PG_BIN = pgBinDir()

/** Why the cluster tests cannot run here, or null when both servers are installed. */
export function missingServers(): string | null {
  const missing = [!REDIS_SERVER && 'redis-server', !PG_BIN && 'PostgreSQL (initdb, postgres)'].filter(
    Boolean,
  )
  return missing.length ? `${missing.join(' and ')} not installed (.ci/run installs them)` : null
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now()
  while (!(await check().catch(() => false))) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

const NOBODY = 65534

export class PrivateRedis {
  child: ChildProcess | null = null
  readonly dir = mkdtempSync(join(tmpdir(), 'copro-redis-'))
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort())
    await r.restart()
    return r
  }

  /** (Re)starts the server, empty: no persistence, so a restart loses every key and subscription. */
  async restart(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
    this.child = spawn(REDIS_SERVER!, [...args, '--dir', this.dir], { stdio: 'ignore' })
    await until(() => this.ping(), `redis-server on ${this.port}`)
  }

  private ping(): Promise<boolean> {
    const r = spawnSync('redis-cli', ['-p', String(this.port), 'PING'], { encoding: 'utf8' })
    return Promise.resolve(r.stdout?.trim() === 'PONG')
  }

  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const c = this.child
    this.child = null
    if (!c) return
    c.kill(signal)
    await exited(c)
  }

  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export class PrivatePostgres {
  child: ChildProcess | null = null
  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'copro-pg-'))
    const data = join(dir, 'data')
    mkdirSync(data)
    const asRoot = process.getuid?.() === 0
    if (asRoot) {
      chownSync(dir, NOBODY, NOBODY)
      chownSync(data, NOBODY, NOBODY)
    }
    const init = spawnSync(
      join(PG_BIN!, 'initdb'),
      ['-D', data, '-U', 'copro', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
      { encoding: 'utf8', ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}), cwd: dir },
    )
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`)
    const p = new PrivatePostgres(await freePort(), dir)
    await p.restart()
    return p
  }

  url(database = 'postgres'): string {
    return `postgres://copro@127.0.0.1:${this.port}/${database}`
  }

  async restart(): Promise<void> {
    const asRoot = process.getuid?.() === 0
    this.child = spawn(
      join(PG_BIN!, 'postgres'),
      [
        '-D',
        join(this.dir, 'data'),
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${this.dir}`,
        '-c',
        'fsync=off',
        '-c',
        'max_connections=200',
      ],
      { stdio: 'ignore', cwd: this.dir, ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) },
    )
    await until(async () => {
      const c = new pg.Client({ connectionString: this.url() })
      try {
        await c.connect()
        await c.query('SELECT 1')
        return true
      } finally {
        await c.end().catch(() => {})
      }
    }, `postgres on ${this.port}`)
  }

  /** A fresh, empty database for one test file or test. */
  async createDatabase(name: string): Promise<string> {
    const c = new pg.Client({ connectionString: this.url() })
    await c.connect()
    try {
      await c.query(`CREATE DATABASE ${name}`)
    } finally {
      await c.end()
    }
    return this.url(name)
  }

  /** Stops the server: SIGINT is PostgreSQL's fast shutdown (connections are cut, nothing committed is lost). */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
    const c = this.child
    this.child = null
    if (!c) return
    c.kill(signal)
    await exited(c)
  }

  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** Reads a session's rows as the database holds them (snapshot first), to rebuild it independently. */
export async function storedUpdates(databaseUrl: string, sessionId: string): Promise<Uint8Array[]> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const snap = await c.query<{ data: Buffer }>('SELECT data FROM copro_snapshots WHERE session_id = $1', [
      sessionId,
    ])
    const log = await c.query<{ data: Buffer }>(
      'SELECT data FROM copro_updates WHERE session_id = $1 ORDER BY seq',
      [sessionId],
    )
    return [...snap.rows, ...log.rows].map((r) => new Uint8Array(r.data))
  } finally {
    await c.end()
  }
}

/**
 * A private Redis and PostgreSQL for one test file: started before its tests, stopped and removed after
 * them (once `cleanUp` — the file's clients and nodes — has run). The fields are set once started.
 */
export function privateServers(
  timeoutMs: number,
  cleanUp: () => Promise<void> | void,
): { redis: PrivateRedis; postgres: PrivatePostgres } {
  const servers = {} as { redis: PrivateRedis; postgres: PrivatePostgres }
  beforeAll(async () => {
    ;[servers.redis, servers.postgres] = await Promise.all([PrivateRedis.start(), PrivatePostgres.start()])
  }, timeoutMs)
  afterAll(async () => {
    await cleanUp()
    await servers.redis?.dispose()
    await servers.postgres?.dispose()
  }, timeoutMs)
  return servers
}
