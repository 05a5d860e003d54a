import type pg from 'pg'

/**
 * The cluster's PostgreSQL schema and its upgrade: created on a node's first start, under an advisory
 * lock so nodes starting together take turns; a database from a newer schema version is refused.
 */
/** Version 1 of the schema. Created on first start; later versions add statements here. */
const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS copro_sessions (
     session_id text PRIMARY KEY,
     title text,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS copro_updates (
     seq bigserial PRIMARY KEY,
     session_id text NOT NULL REFERENCES copro_sessions(session_id) ON DELETE CASCADE,
     data bytea NOT NULL,
     written_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX IF NOT EXISTS copro_updates_session ON copro_updates (session_id, seq)`,
  `CREATE TABLE IF NOT EXISTS copro_snapshots (
     session_id text PRIMARY KEY REFERENCES copro_sessions(session_id) ON DELETE CASCADE,
     data bytea NOT NULL,
     upto_seq bigint NOT NULL,
     compacted_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS copro_tokens (
     token_id text PRIMARY KEY,
     session_id text NOT NULL REFERENCES copro_sessions(session_id) ON DELETE CASCADE,
     role text NOT NULL CHECK (role IN ('participant', 'observer')),
     digest text NOT NULL UNIQUE,
     expires_at bigint
   )`,
]
const SCHEMA_VERSION = 1
/** pg_advisory_lock key for migrations, so nodes starting together do not race. */
const MIGRATION_LOCK = 0x636f7072

export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await client.query('BEGIN')
    await client.query(
      'CREATE TABLE IF NOT EXISTS copro_schema (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM copro_schema')
    const current = rows[0]?.v ?? 0
    if (current > SCHEMA_VERSION)
      throw new Error(
        `The database holds schema version ${current}; this copro understands ${SCHEMA_VERSION}. Upgrade copro.`,
      )
    if (current < SCHEMA_VERSION) {
      for (const sql of MIGRATIONS) await client.query(sql)
      await client.query('INSERT INTO copro_schema (version) VALUES ($1)', [SCHEMA_VERSION])
    }
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}
