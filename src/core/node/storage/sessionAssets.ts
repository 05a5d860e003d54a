import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from './fsAtomic'

/**
 * A session's images, stored as files beside its board instead of base64 inside the document
 * (issue 16 item 5): `<sessionDir>/assets/<sha256>.<ext>`. Content-addressed, so the same image stored
 * twice is one file, and never deleted while the session exists (a checkpoint or an undo may still show
 * it). Only PNG, JPEG, WebP and GIF are accepted, recognised by their first bytes (never by a name or a
 * declared type), and at most MAX_ASSET_BYTES. See docs/security.md ("Images").
 */

export const ASSETS_DIR = 'assets'
/** The largest image accepted, in bytes. */
export const MAX_ASSET_BYTES = 10 * 1024 * 1024

export type AssetType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif'
const EXTENSIONS: Record<AssetType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
}
const BY_EXTENSION = new Map(Object.entries(EXTENSIONS).map(([t, e]) => [e, t as AssetType]))

/** An asset's id: the SHA-256 of its bytes and the extension of its sniffed type. */
export const ASSET_ID = /^[0-9a-f]{64}\.(png|jpg|webp|gif)$/

/** The image type of `bytes` from their magic numbers, or null when they are not one we accept. */
export function sniffImage(bytes: Uint8Array): AssetType | null {
  const b = bytes
  const starts = (sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v)
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (starts([0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61)
    return 'image/gif'
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'
  return null
}

/** The type an asset id names, or null for anything that is not an asset id. */
export function assetTypeOf(assetId: string): AssetType | null {
  if (!ASSET_ID.test(assetId)) return null
  return BY_EXTENSION.get(assetId.slice(assetId.lastIndexOf('.') + 1)) ?? null
}

/** Every asset a session folder may hold (a .copro file carries at most this many). */
export const MAX_ASSETS_PER_SESSION = 1000

/** The id an image's bytes are stored under, or null when they are not an image we accept (or too large). */
export function assetIdOf(bytes: Uint8Array): string | null {
  if (bytes.byteLength > MAX_ASSET_BYTES) return null
  const type = sniffImage(bytes)
  return type ? `${createHash('sha256').update(bytes).digest('hex')}.${EXTENSIONS[type]}` : null
}

export type PutAssetResult =
  { ok: true; assetId: string; type: AssetType } | { ok: false; reason: 'too-large' | 'not-an-image' }

/** Checks and stores an image in a session folder; the same bytes give the same id. */
export async function putAsset(sessionDir: string, bytes: Uint8Array): Promise<PutAssetResult> {
  const checked = checkAsset(bytes)
  if (checked.ok) await writeAssets(sessionDir, [{ id: checked.assetId, bytes }])
  return checked
}

/** Checks an image's size and type and names it (for any store: a session folder, a cluster's PostgreSQL). */
export function checkAsset(bytes: Uint8Array): PutAssetResult {
  if (bytes.byteLength > MAX_ASSET_BYTES) return { ok: false, reason: 'too-large' }
  const assetId = assetIdOf(bytes)
  const type = sniffImage(bytes)
  if (!assetId || !type) return { ok: false, reason: 'not-an-image' }
  return { ok: true, assetId, type }
}

/** Writes checked assets (their ids match their bytes) into a session folder. */
export async function writeAssets(
  sessionDir: string,
  assets: readonly { id: string; bytes: Uint8Array }[],
): Promise<void> {
  if (assets.length === 0) return
  const dir = path.join(sessionDir, ASSETS_DIR)
  await mkdir(dir, { recursive: true })
  for (const a of assets) {
    if (assetIdOf(a.bytes) !== a.id) throw new Error(`asset ${a.id} does not match its bytes`)
    await writeFileAtomic(path.join(dir, a.id), a.bytes)
  }
}

/** Every asset of a session folder with its bytes (.copro export, duplicate). */
export async function readAssets(sessionDir: string): Promise<{ id: string; bytes: Uint8Array }[]> {
  const out: { id: string; bytes: Uint8Array }[] = []
  for (const id of (await listAssets(sessionDir)).slice(0, MAX_ASSETS_PER_SESSION)) {
    const found = await getAsset(sessionDir, id)
    if (found && assetIdOf(found.bytes) === id) out.push({ id, bytes: found.bytes })
  }
  return out
}

/** An image of a session folder, or null when there is no such (valid) asset id. */
export async function getAsset(
  sessionDir: string,
  assetId: string,
): Promise<{ bytes: Uint8Array; type: AssetType } | null> {
  const type = assetTypeOf(assetId)
  if (!type) return null
  try {
    return { bytes: await readFile(path.join(sessionDir, ASSETS_DIR, assetId)), type }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/** Every asset id of a session folder (for `.copro` files). */
export async function listAssets(sessionDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(sessionDir, ASSETS_DIR))).filter((f) => ASSET_ID.test(f)).sort()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}
