import type pg from 'pg'
import type { StoredGrant, TokenGrant } from '../server/tokens'

/**
 * A cluster's guest tokens in PostgreSQL (table copro_tokens, pgSchema.ts): SHA-256 digests only, so any
 * node answers for any token. Shared links' tokens and the personal tokens devices exchanged them for
 * (ADR 0038), which die with their link (ON DELETE CASCADE, and revokeToken returns them).
 */
export class PgTokens {
  constructor(private readonly pool: pg.Pool) {}

  async insertToken(grant: StoredGrant): Promise<void> {
    await this.pool.query(
      `INSERT INTO copro_tokens (token_id, session_id, role, digest, expires_at, participant_id, link_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        grant.tokenId,
        grant.sessionId,
        grant.role,
        grant.digest,
        grant.expiresAt,
        grant.participantId ?? null,
        grant.linkId ?? null,
      ],
    )
  }

  /**
   * Adds a device's personal token exchanged from the link `grant.linkId`, unless the link is gone or
   * already has `maxDevices` devices (checked and inserted under a per-link lock). False when refused.
   */
  async insertDeviceToken(grant: StoredGrant & { linkId: string }, maxDevices: number): Promise<boolean> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`copro-link:${grant.linkId}`])
      const r = await client.query<{ link: string; devices: string }>(
        `SELECT (SELECT count(*) FROM copro_tokens WHERE token_id = $1 AND link_id IS NULL) AS link,
                (SELECT count(*) FROM copro_tokens WHERE link_id = $1) AS devices`,
        [grant.linkId],
      )
      if (Number(r.rows[0]?.link) !== 1 || Number(r.rows[0]?.devices) >= maxDevices) {
        await client.query('ROLLBACK')
        return false
      }
      await client.query(
        `INSERT INTO copro_tokens (token_id, session_id, role, digest, expires_at, participant_id, link_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          grant.tokenId,
          grant.sessionId,
          grant.role,
          grant.digest,
          grant.expiresAt,
          grant.participantId ?? null,
          grant.linkId,
        ],
      )
      await client.query('COMMIT')
      return true
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }

  /** The grant of an unexpired token with this digest, else null. */
  async tokenByDigest(digestHex: string, now: number): Promise<TokenGrant | null> {
    const r = await this.pool.query<{
      token_id: string
      session_id: string
      role: 'participant' | 'observer'
      expires_at: string | null
      participant_id: string | null
      link_id: string | null
    }>(
      'SELECT token_id, session_id, role, expires_at, participant_id, link_id FROM copro_tokens WHERE digest = $1',
      [digestHex],
    )
    const row = r.rows[0]
    if (!row) return null
    const expiresAt = row.expires_at === null ? null : Number(row.expires_at)
    if (expiresAt !== null && now >= expiresAt) return null
    return {
      tokenId: row.token_id,
      sessionId: row.session_id,
      role: row.role,
      expiresAt,
      ...(row.participant_id !== null ? { participantId: row.participant_id } : {}),
      ...(row.link_id !== null ? { linkId: row.link_id } : {}),
    }
  }

  /** Of the given token ids, those still valid (known and unexpired). */
  async liveTokenIds(tokenIds: string[], now: number): Promise<Set<string>> {
    if (tokenIds.length === 0) return new Set()
    const r = await this.pool.query<{ token_id: string }>(
      'SELECT token_id FROM copro_tokens WHERE token_id = ANY($1::text[]) AND (expires_at IS NULL OR expires_at > $2)',
      [tokenIds, now],
    )
    return new Set(r.rows.map((row) => row.token_id))
  }

  /** Revokes a token and the personal tokens exchanged from it; their ids ([] when there was no such token). */
  async revokeToken(tokenId: string): Promise<string[]> {
    const r = await this.pool.query<{ token_id: string }>(
      `WITH gone AS (SELECT token_id FROM copro_tokens WHERE token_id = $1 OR link_id = $1)
       DELETE FROM copro_tokens t USING gone WHERE t.token_id = gone.token_id RETURNING t.token_id`,
      [tokenId],
    )
    const ids = r.rows.map((row) => row.token_id)
    return ids.includes(tokenId) ? ids : []
  }

  async revokeSessionTokens(sessionId: string): Promise<string[]> {
    const r = await this.pool.query<{ token_id: string }>(
      'DELETE FROM copro_tokens WHERE session_id = $1 RETURNING token_id',
      [sessionId],
    )
    return r.rows.map((row) => row.token_id)
  }
}
