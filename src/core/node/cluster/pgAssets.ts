import type pg from 'pg'

/**
 * A cluster's images in PostgreSQL (table copro_assets, pgSchema.ts), so every node serves what any node
 * stored (ADR 0020, amendment 2). Ids are content addresses (storage/sessionAssets.ts checkAsset), rows go
 * with their session.
 */
export class PgAssets {
  constructor(private readonly pool: pg.Pool) {}

  /** Stores an image of a published session (the same id twice is one row); false when there is no such session. */
  async put(sessionId: string, assetId: string, type: string, bytes: Uint8Array): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO copro_assets (session_id, asset_id, type, data)
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM copro_sessions WHERE session_id = $1)
       ON CONFLICT (session_id, asset_id) DO NOTHING`,
      [sessionId, assetId, type, Buffer.from(bytes)],
    )
    return r.rowCount === 1 || (await this.has(sessionId, assetId))
  }

  private async has(sessionId: string, assetId: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM copro_assets WHERE session_id = $1 AND asset_id = $2', [
      sessionId,
      assetId,
    ])
    return r.rowCount === 1
  }

  async get(sessionId: string, assetId: string): Promise<{ bytes: Uint8Array; type: string } | null> {
    const r = await this.pool.query<{ data: Buffer; type: string }>(
      'SELECT data, type FROM copro_assets WHERE session_id = $1 AND asset_id = $2',
      [sessionId, assetId],
    )
    const row = r.rows[0]
    return row ? { bytes: new Uint8Array(row.data), type: row.type } : null
  }
}
