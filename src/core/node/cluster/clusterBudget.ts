import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { z } from 'zod'
import type { RelayConnection } from '../relay/connection'
import { connectionBudgetRefusal, type RelayLimits } from '../relay/limits'
import { RelayAuthResult } from '../relay/options'

/** What the sync adapter asks before it admits a connection (syncAdapter.ts admit). */
export interface AdmissionBudget {
  /**
   * The cluster-wide verdict on a connection about to join: a close code, or null when it fits (the
   * adapter then checks this node's own count as well, which never exceeds the cluster's).
   */
  admit(conn: RelayConnection, auth: RelayAuthResult, limits: RelayLimits): Promise<number | null>
  /** The connection is gone (admitted or not): it stops counting. */
  release(conn: RelayConnection): void
}

export interface ClusterBudgetOptions {
  redis: Redis
  /** This node's name; a random suffix makes each start of it a new instance in Redis. */
  nodeId: string
  /** Key prefix, shared by every node (clusterRelay.ts uses `copro`). */
  prefix: string
  /** A node's connections stop counting this long after its last heartbeat (ms). Default 15 000. */
  ttlMs?: number
  /** A Redis call slower than this is given up for this node's own count (ms). Default 2000. */
  timeoutMs?: number
  warn(message: string, err?: unknown): void
  log(message: string): void
}

/**
 * Reads a session's connection records, dropping those of instances whose heartbeat expired (a node
 * SIGKILLed, or cut off from Redis): KEYS = [hash, version]; ARGV = [heartbeat key prefix].
 * Returns [version, records].
 */
const READ = `
local entries = redis.call('HGETALL', KEYS[1])
local records = {}
local alive = {}
for i = 1, #entries, 2 do
  local field = entries[i]
  local instance = string.match(field, '^(.*)|[^|]*$')
  local live = false
  if instance then
    if alive[instance] == nil then
      alive[instance] = redis.call('EXISTS', ARGV[1] .. instance) == 1
    end
    live = alive[instance]
  end
  if live then
    records[#records + 1] = entries[i + 1]
  else
    redis.call('HDEL', KEYS[1], field)
  end
end
return {redis.call('GET', KEYS[2]) or '0', records}
`

/**
 * Adds one record if nobody added one since the version was read (optimistic: the rule itself stays in
 * TypeScript, limits.ts connectionBudgetRefusal). KEYS = [hash, version, heartbeat];
 * ARGV = [expected version, field, record, ttl ms]. Returns 1, or 0 on a conflict.
 */
const ADD = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[3], '1', 'PX', ARGV[4])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], 86400000)
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], 86400000)
return 1
`

/**
 * Writes records again that Redis lost (an empty restart, or pruned after a missed heartbeat) and bumps
 * the version when one was missing. A session's keys expire a day after its last live record was written
 * (the records of a node that died with nobody reading them after do not stay for ever). KEYS = [hash, version]; ARGV = field, record, field, record, ….
 */
const ASSERT = `
local added = 0
for i = 1, #ARGV, 2 do
  added = added + redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', KEYS[1], 86400000)
if added > 0 then
  redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], 86400000)
end
return added
`

const ReadReply = z.tuple([z.union([z.string(), z.number()]).transform(String), z.array(z.string())])

/** Attempts at the optimistic add before a node gives up and counts its own connections only. */
const MAX_ATTEMPTS = 100

interface Entry {
  sessionId: string
  field: string
  record: string
  /** Counted (in Redis, or on this node while Redis was unreachable): asserted again on each heartbeat. */
  admitted: boolean
  /** The admission in flight; a release waits for it, so its record cannot land after the removal. */
  pending: Promise<unknown>
}

/**
 * Connection budgets (docs/adr/0039) counted across every node of a cluster, in Redis:
 * - `<prefix>:budget:<sessionId>` is a hash with one field per joined connection,
 *   `<instance>|<n>` → the connection's grant (RelayAuthResult as JSON), and `<prefix>:budget-v:<sessionId>`
 *   a version bumped by every addition;
 * - `<prefix>:budget-node:<instance>` is the instance's heartbeat, refreshed every `ttlMs / 3`: once it
 *   expires (the node was SIGKILLed or lost Redis) its records stop counting and the next reader removes
 *   them — so a dead node's connections are forgotten within `ttlMs`;
 * - admission reads the live records (one script), applies the laptop relay's own rule
 *   (`connectionBudgetRefusal`) to them in TypeScript, and adds its record with a script that succeeds
 *   only if the version is unchanged; on a conflict it reads again. Two nodes can never both take the
 *   last place; removals need no version (a stale read only over-counts).
 * When Redis cannot be reached (or is slower than `timeoutMs`) a node says so in its log and counts its
 * own connections only — it never refuses everyone; once Redis is back the heartbeat writes its
 * connections there again, so they count for the others.
 */
export class ClusterBudget implements AdmissionBudget {
  private readonly instance: string
  private readonly ttlMs: number
  private readonly timeoutMs: number
  private readonly entries = new Map<RelayConnection, Entry>()
  /** Removals Redis did not take (it was down): retried on each heartbeat. */
  private readonly orphans = new Map<string, { sessionId: string; field: string }>()
  private readonly timer: NodeJS.Timeout
  private seq = 0
  private degraded = false
  private closed = false

  constructor(private readonly opts: ClusterBudgetOptions) {
    this.instance = `${opts.nodeId}-${randomUUID().slice(0, 8)}`
    this.ttlMs = opts.ttlMs ?? 15_000
    this.timeoutMs = opts.timeoutMs ?? 2000
    this.timer = setInterval(() => void this.heartbeat(), Math.max(100, Math.floor(this.ttlMs / 3)))
    this.timer.unref()
    void this.heartbeat()
  }

  async admit(conn: RelayConnection, auth: RelayAuthResult, limits: RelayLimits): Promise<number | null> {
    const field = `${this.instance}|${++this.seq}`
    const entry: Entry = {
      sessionId: conn.sessionId,
      field,
      record: JSON.stringify(auth),
      admitted: false,
      pending: Promise.resolve(),
    }
    this.entries.set(conn, entry)
    const verdict = this.decide(entry, auth, limits)
    entry.pending = verdict.catch(() => {})
    const refusal = await verdict
    entry.admitted = refusal === null
    return refusal
  }

  release(conn: RelayConnection): void {
    const entry = this.entries.get(conn)
    if (!entry) return
    void entry.pending.then(() => {
      this.entries.delete(conn)
      void this.remove(entry.sessionId, entry.field)
    })
  }

  /** Stops the heartbeat and removes this node's records (its connections are closed by then). */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    clearInterval(this.timer)
    await Promise.all([...this.entries.values()].map((e) => e.pending))
    const bySession = this.bySession([...this.entries.values()])
    this.entries.clear()
    await this.timed(async () => {
      const p = this.opts.redis.pipeline()
      for (const [sessionId, entries] of bySession)
        p.hdel(this.hashKey(sessionId), ...entries.map((e) => e.field))
      p.del(this.nodeKey())
      await p.exec()
    }).catch(() => {}) // they expire with the heartbeat
  }

  private async decide(entry: Entry, auth: RelayAuthResult, limits: RelayLimits): Promise<number | null> {
    try {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const [version, records] = await this.timed(() => this.read(entry.sessionId))
        const joined = new Set(records.map((r) => ({ auth: parseRecord(r) })))
        const refusal = connectionBudgetRefusal(limits, joined, auth)
        if (refusal !== null) return refusal
        if (await this.timed(() => this.add(entry, version))) {
          this.recovered()
          return null
        }
      }
      this.opts.warn(
        `cluster: the connection budget of ${entry.sessionId} is contended; counting this node only`,
      )
    } catch (err) {
      this.fellBack(err)
    }
    return null
  }

  /** How many connections the session has on every node (the admin API's count); null while Redis cannot say. */
  async connections(sessionId: string): Promise<number | null> {
    try {
      return (await this.timed(() => this.read(sessionId)))[1].length
    } catch {
      return null
    }
  }

  private async read(sessionId: string): Promise<[string, string[]]> {
    const reply = await this.opts.redis.eval(
      READ,
      2,
      this.hashKey(sessionId),
      this.versionKey(sessionId),
      `${this.opts.prefix}:budget-node:`,
    )
    return ReadReply.parse(reply)
  }

  private async add(entry: Entry, version: string): Promise<boolean> {
    const reply = await this.opts.redis.eval(
      ADD,
      3,
      this.hashKey(entry.sessionId),
      this.versionKey(entry.sessionId),
      this.nodeKey(),
      version,
      entry.field,
      entry.record,
      String(this.ttlMs),
    )
    return z.number().parse(reply) === 1
  }

  private async remove(sessionId: string, field: string): Promise<void> {
    try {
      await this.timed(() => this.opts.redis.hdel(this.hashKey(sessionId), field))
      this.orphans.delete(field)
    } catch {
      this.orphans.set(field, { sessionId, field })
    }
  }

  /** Keeps this instance alive in Redis and puts back what Redis lost or missed. */
  private async heartbeat(): Promise<void> {
    if (this.closed) return
    try {
      await this.timed(async () => {
        await this.opts.redis.set(this.nodeKey(), '1', 'PX', this.ttlMs)
        for (const sessionId of new Set([...this.entries.values()].map((e) => e.sessionId))) {
          // Read and sent in one go: a release's removal, sent later, always lands after it.
          const args = [...this.entries.values()]
            .filter((e) => e.admitted && e.sessionId === sessionId)
            .flatMap((e) => [e.field, e.record])
          if (args.length === 0) continue
          await this.opts.redis.eval(ASSERT, 2, this.hashKey(sessionId), this.versionKey(sessionId), ...args)
        }
      })
      for (const o of [...this.orphans.values()]) await this.remove(o.sessionId, o.field)
      this.recovered()
    } catch (err) {
      this.fellBack(err)
    }
  }

  private bySession(entries: Entry[]): Map<string, Entry[]> {
    const out = new Map<string, Entry[]>()
    for (const e of entries) out.set(e.sessionId, [...(out.get(e.sessionId) ?? []), e])
    return out
  }

  private async timed<T>(run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer in ${this.timeoutMs} ms`)),
        this.timeoutMs,
      )
    })
    try {
      return await Promise.race([run(), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  private fellBack(err: unknown): void {
    if (this.degraded) return
    this.degraded = true
    this.opts.warn(
      'cluster: connection budgets cannot be counted in Redis; this node counts its own connections only',
      err,
    )
  }

  private recovered(): void {
    if (!this.degraded) return
    this.degraded = false
    this.opts.log('cluster: connection budgets are counted across the cluster again')
  }

  private hashKey(sessionId: string): string {
    return `${this.opts.prefix}:budget:${sessionId}`
  }
  private versionKey(sessionId: string): string {
    return `${this.opts.prefix}:budget-v:${sessionId}`
  }
  private nodeKey(): string {
    return `${this.opts.prefix}:budget-node:${this.instance}`
  }
}

/** A record read back from Redis; one that does not parse still counts toward the session's total. */
function parseRecord(json: string): RelayAuthResult | null {
  try {
    const parsed = RelayAuthResult.safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
