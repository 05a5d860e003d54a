import { assetPath } from '../../core/common/photos/photo'

/** The asset store of one server for one session (`/api/assets/<sessionId>`), as a token may use it. */
export interface AssetEndpoint {
  /** http(s) origin of the server. */
  readonly origin: string
  readonly sessionId: string
  readonly token: string
}

/** An asset request the server refused, with its words ("This image is too large…"). */
export class AssetRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

const ASSET_PATH_PREFIX = '/api/assets/'

/** The URL an asset is drawn from (the token in the query: an <img> sends no header). */
export function assetUrl(ep: AssetEndpoint, assetId: string): string {
  return `${ep.origin}${assetPath(ep.sessionId, assetId)}?token=${encodeURIComponent(ep.token)}`
}

/**
 * Stores image bytes in the endpoint's session (`POST /api/assets/<sessionId>`); the server names them
 * by their SHA-256, so storing the same bytes twice, anywhere, gives the same asset id. Returns the
 * stored src (`/api/assets/<sessionId>/<assetId>`).
 */
export async function storeAsset(
  ep: AssetEndpoint,
  body: Blob,
  signal?: AbortSignal | null,
): Promise<string> {
  const res = await fetch(`${ep.origin}${ASSET_PATH_PREFIX}${encodeURIComponent(ep.sessionId)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ep.token}` },
    body,
    signal: signal ?? null,
  })
  const answer = (await res.json().catch(() => null)) as {
    src?: unknown
    error?: { message?: unknown }
  } | null
  if (!res.ok || typeof answer?.src !== 'string' || !answer.src.startsWith(ASSET_PATH_PREFIX)) {
    const why = typeof answer?.error?.message === 'string' ? answer.error.message : `error ${res.status}`
    throw new AssetRequestError(why, res.status)
  }
  return answer.src
}

/** Whether the endpoint holds the asset (`HEAD`): true, false (404), or an error thrown. */
export async function hasAsset(ep: AssetEndpoint, assetId: string, signal?: AbortSignal): Promise<boolean> {
  const res = await fetch(assetUrl(ep, assetId), { method: 'HEAD', signal: signal ?? null })
  if (res.status === 404) return false
  if (!res.ok) throw new AssetRequestError(`error ${res.status}`, res.status)
  return true
}

/** The asset's bytes, or null when the endpoint does not hold it. */
export async function fetchAsset(
  ep: AssetEndpoint,
  assetId: string,
  signal?: AbortSignal,
): Promise<Blob | null> {
  const res = await fetch(assetUrl(ep, assetId), { signal: signal ?? null })
  if (res.status === 404) return null
  if (!res.ok) throw new AssetRequestError(`error ${res.status}`, res.status)
  return res.blob()
}
