import type pg from 'pg'

/**
 * The cluster's PostgreSQL schema and its upgrade: created on a node's first start, under an advisory
 * lock so nodes starting together take turns; a database from a newer schema version is refused.
 */
/** The statements of each schema version, in order (index 0 = version 1). A start applies the missing ones. */
const MIGRATIONS: string[][] = [
  [
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
  ],
  // Version 2: per-device identity (ADR 0038) and images (ADR 0020, amendment 2).
  [
    // A device's personal token: its participant, and the shared link it was exchanged from (dies with it).
    `ALTER TABLE copro_tokens ADD COLUMN IF NOT EXISTS participant_id text`,
    `ALTER TABLE copro_tokens ADD COLUMN IF NOT EXISTS link_id text REFERENCES copro_tokens(token_id) ON DELETE CASCADE`,
    `CREATE INDEX IF NOT EXISTS copro_tokens_link ON copro_tokens (link_id)`,
    // A session's images, content-addressed (storage/sessionAssets.ts ids), deleted with the session.
    `CREATE TABLE IF NOT EXISTS copro_assets (
       session_id text NOT NULL REFERENCES copro_sessions(session_id) ON DELETE CASCADE,
       asset_id text NOT NULL,
       type text NOT NULL,
       data bytea NOT NULL,
       PRIMARY KEY (session_id, asset_id)
     )`,
  ],
  // Version 3: each session's moderation inbox (ADR 0047, cluster amendment; pgModeration.ts).
  [
    `CREATE TABLE IF NOT EXISTS copro_moderation (
       session_id text PRIMARY KEY REFERENCES copro_sessions(session_id) ON DELETE CASCADE,
       state jsonb NOT NULL,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
  ],
]
const SCHEMA_VERSION = MIGRATIONS.length
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
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      for (const sql of MIGRATIONS[version - 1]!) await client.query(sql)
      await client.query('INSERT INTO copro_schema (version) VALUES ($1)', [version])
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
