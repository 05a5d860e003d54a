import pg from 'pg'
import { emptyModerationState, type ModerationState } from '../../common/moderation/moderation'
import { readModerationState } from '../relay/moderation'

/**
 * Each session's moderation inbox (ADR 0047, cluster amendment) in PostgreSQL, table copro_moderation
 * (pgSchema.ts), one row per session, deleted with it. Every change runs in one transaction holding the
 * row's lock (SELECT … FOR UPDATE): two nodes deciding on the same inbox take turns, so a card is
 * approved once and a resubmitted card is seen as already there.
 *
 * It has a small pool of its own: a change holds its connection while the node writes the decision into
 * the document and waits for the update log to commit (pgStore.ts flush, on the store's pool), so
 * changes waiting for their turn can never take the connections the log needs.
 */
export class PgModeration {
  private readonly pool: pg.Pool

  constructor(
    connectionString: string,
    private readonly warn: (message: string, error?: unknown) => void,
  ) {
    this.pool = new pg.Pool({ connectionString, max: 3 })
    this.pool.on('error', (err) => warn('cluster: PostgreSQL connection lost (moderation)', err))
  }

  /** The session's inbox as last committed (empty when it has none). */
  async load(sessionId: string): Promise<ModerationState> {
    const r = await this.pool.query<{ state: unknown }>(
      'SELECT state FROM copro_moderation WHERE session_id = $1',
      [sessionId],
    )
    return r.rows[0] ? this.read(sessionId, r.rows[0].state) : emptyModerationState()
  }

  /**
   * Runs `decide` on the session's inbox under its row lock and stores what it returns as `next` (null:
   * unchanged), in one transaction: committed only once `decide` has resolved. Null when the session
   * does not exist (deleted meanwhile); a failure rolls back and throws.
   */
  async change<T>(
    sessionId: string,
    decide: (state: ModerationState) => Promise<{ next: ModerationState | null; result: T }>,
  ): Promise<{ result: T } | null> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(
        `INSERT INTO copro_moderation (session_id, state)
         SELECT $1, $2::jsonb WHERE EXISTS (SELECT 1 FROM copro_sessions WHERE session_id = $1)
         ON CONFLICT (session_id) DO NOTHING`,
        [sessionId, JSON.stringify(emptyModerationState())],
      )
      const r = await client.query<{ state: unknown }>(
        'SELECT state FROM copro_moderation WHERE session_id = $1 FOR UPDATE',
        [sessionId],
      )
      if (!r.rows[0]) {
        await client.query('ROLLBACK')
        return null
      }
      const { next, result } = await decide(this.read(sessionId, r.rows[0].state))
      if (next !== null) {
        await client.query(
          'UPDATE copro_moderation SET state = $2::jsonb, updated_at = now() WHERE session_id = $1',
          [sessionId, JSON.stringify(next)],
        )
      }
      await client.query('COMMIT')
      return { result }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }

  async close(): Promise<void> {
    await this.pool.end()
  }

  private read(sessionId: string, json: unknown): ModerationState {
    return readModerationState(json, () =>
      this.warn(`cluster: session ${sessionId}'s moderation inbox was not readable; it starts empty`),
    )
  }
}
