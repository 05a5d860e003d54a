import { open, type FileHandle } from 'node:fs/promises'
import { z } from 'zod'
import { SessionTitle } from '../../../shared/model/session'
import { crc32 } from './crc32'
import { StorageError, errorMessage } from './errors'
import { CheckpointMeta, TemplateId } from './schemas'
import { ASSET_ID, assetIdOf, MAX_ASSET_BYTES, MAX_ASSETS_PER_SESSION } from './sessionAssets'

/**
 * The portable session file (.copro); documented in docs/formats/session-file.md.
 *
 *   header   8 bytes magic "\x89COPRO\r\n", u32 formatVersion, u32 sectionCount       (little-endian)
 *   section  4-byte ASCII tag, u32 length, u32 crc32(payload), payload
 *            MANI (manifest JSON, exactly one, first), STAT (Yjs state, exactly one), CKPT × checkpoints,
 *            then (version 2 only) ASST × images (storage/sessionAssets.ts), in the manifest's `assets` order
 * A session without images is written as version 1, byte for byte as before; with images, version 2.
 */
export const COPRO_MAGIC = Buffer.from([0x89, 0x43, 0x4f, 0x50, 0x52, 0x4f, 0x0d, 0x0a])
/** The newest format this code reads and writes (2: with images; 1 is still written when there are none). */
export const COPRO_FORMAT_VERSION = 2
/** Files larger than this are refused before anything is read. */
export const MAX_COPRO_FILE_BYTES = 512 * 1024 * 1024
export const MAX_MANIFEST_BYTES = 1024 * 1024
export const MAX_CHECKPOINTS = 1000
const HEADER_BYTES = 16
const SECTION_HEADER_BYTES = 12

/** A checkpoint in a .copro file: CheckpointMeta without its id (an import gives it a fresh one). */
export const CoproCheckpoint = CheckpointMeta.omit({ id: true }).strict()
export type CoproCheckpoint = z.infer<typeof CoproCheckpoint>

/** An image carried by a version 2 file: its id (sha256 + extension, checked against its bytes) and size. */
export const CoproAsset = z.strictObject({
  id: z.string().regex(ASSET_ID),
  size: z.number().int().min(1).max(MAX_ASSET_BYTES),
})

export const CoproManifest = z.strictObject({
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  appVersion: z.string().min(1).max(64),
  createdAt: z.iso.datetime(),
  exportedAt: z.iso.datetime(),
  title: SessionTitle,
  templateId: TemplateId.nullable(),
  checkpoints: z.array(CoproCheckpoint).max(MAX_CHECKPOINTS),
  /** Version 2: the session's images, one ASST section each after the checkpoints. */
  assets: z.array(CoproAsset).max(MAX_ASSETS_PER_SESSION).optional(),
})
export type CoproManifest = z.infer<typeof CoproManifest>

export interface CoproContent {
  readonly manifest: CoproManifest
  readonly state: Uint8Array
  readonly checkpoints: readonly Uint8Array[]
  /** The session's images (version 2), each checked against its id. */
  readonly assets: readonly { id: string; bytes: Uint8Array }[]
  /** The format version the file was written in (before migration). */
  readonly sourceVersion: number
}

function invalid(message: string): StorageError {
  return new StorageError('invalid-file', `Not a valid Copro session file: ${message}`)
}

function section(tag: string, payload: Uint8Array): Buffer[] {
  const h = Buffer.alloc(SECTION_HEADER_BYTES)
  h.write(tag, 0, 'latin1')
  h.writeUInt32LE(payload.length, 4)
  h.writeUInt32LE(crc32(payload), 8)
  return [h, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)]
}

/** Writes a .copro file: version 1 without images (as before), version 2 with them. */
export function encodeCoproFile(
  manifest: Omit<CoproManifest, 'formatVersion' | 'assets'>,
  state: Uint8Array,
  checkpoints: readonly Uint8Array[],
  assets: readonly { id: string; bytes: Uint8Array }[] = [],
): Buffer {
  const version = assets.length > 0 ? 2 : 1
  const m = CoproManifest.parse({
    ...manifest,
    formatVersion: version,
    ...(version === 2 ? { assets: assets.map((a) => ({ id: a.id, size: a.bytes.byteLength })) } : {}),
  })
  if (m.checkpoints.length !== checkpoints.length)
    throw new Error('checkpoint metadata and data differ in number')
  const header = Buffer.alloc(HEADER_BYTES)
  COPRO_MAGIC.copy(header, 0)
  header.writeUInt32LE(version, 8)
  header.writeUInt32LE(2 + checkpoints.length + assets.length, 12)
  return Buffer.concat([
    header,
    ...section('MANI', Buffer.from(JSON.stringify(m), 'utf8')),
    ...section('STAT', state),
    ...checkpoints.flatMap((c) => section('CKPT', c)),
    ...assets.flatMap((a) => section('ASST', a.bytes)),
  ])
}

/** Reads byte ranges of a file or a buffer, refusing any range beyond its end before allocating. */
class BoundedReader {
  constructor(
    private readonly fh: FileHandle | Buffer,
    readonly size: number,
  ) {}

  async read(pos: number, len: number, what: string): Promise<Buffer> {
    if (len > this.size - pos)
      throw invalid(`the file is truncated (${what} needs ${len} bytes at ${pos}; the file has ${this.size})`)
    if (Buffer.isBuffer(this.fh)) return Buffer.from(this.fh.subarray(pos, pos + len))
    const b = Buffer.alloc(len)
    let off = 0
    while (off < len) {
      const { bytesRead } = await this.fh.read(b, off, len - off, pos + off)
      if (bytesRead === 0) throw invalid(`the file is truncated (${what})`)
      off += bytesRead
    }
    return b
  }
}

type VersionReader = (r: BoundedReader, afterVersion: number) => Promise<CoproContent>

function parseManifestJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch (e) {
    throw invalid(`the manifest is not JSON (${errorMessage(e)})`)
  }
}

function validateManifest(raw: unknown): CoproManifest {
  const r = CoproManifest.safeParse(raw)
  if (!r.success) {
    const first = r.error.issues[0]
    throw invalid(
      `the manifest is invalid (${first ? `${first.path.join('.') || 'manifest'}: ${first.message}` : 'unknown problem'})`,
    )
  }
  return r.data
}

/** Versions 1 and 2: sections with declared lengths and CRC-32s (version 2 adds ASST sections at the end). */
const readSections =
  (version: 1 | 2): VersionReader =>
  async (r, pos) => {
    const count = (await r.read(pos, 4, 'section count')).readUInt32LE(0)
    pos += 4
    const most = 2 + MAX_CHECKPOINTS + (version === 2 ? MAX_ASSETS_PER_SESSION : 0)
    if (count < 2 || count > most) throw invalid(`an impossible section count (${count})`)
    const payloads: { tag: string; data: Buffer }[] = []
    for (let i = 0; i < count; i++) {
      const h = await r.read(pos, SECTION_HEADER_BYTES, `section ${i} header`)
      const tag = h.toString('latin1', 0, 4)
      const len = h.readUInt32LE(4)
      const sum = h.readUInt32LE(8)
      pos += SECTION_HEADER_BYTES
      const afterAssets = payloads.at(-1)?.tag === 'ASST'
      const expected = i === 0 ? 'MANI' : i === 1 ? 'STAT' : afterAssets ? 'ASST' : 'CKPT'
      const allowed = expected === 'CKPT' && version === 2 && tag === 'ASST'
      if (tag !== expected && !allowed)
        throw invalid(`section ${i} is “${tag.replace(/[^\x20-\x7e]/g, '?')}”, expected ${expected}`)
      if (len > MAX_COPRO_FILE_BYTES)
        throw new StorageError(
          'too-large',
          `Not a valid Copro session file: section ${tag} declares ${len} bytes, more than the ${MAX_COPRO_FILE_BYTES}-byte limit`,
        )
      if (tag === 'MANI' && len > MAX_MANIFEST_BYTES)
        throw invalid(`the manifest declares ${len} bytes (limit ${MAX_MANIFEST_BYTES})`)
      if (len > r.size - pos)
        throw invalid(
          `section ${tag} declares ${len} bytes but only ${r.size - pos} remain (truncated or damaged)`,
        )
      const data = await r.read(pos, len, `section ${tag}`)
      pos += len
      if (crc32(data) !== sum)
        throw invalid(`section ${tag}${i > 1 ? ` ${i - 1}` : ''} has a bad checksum (the file is damaged)`)
      payloads.push({ tag, data })
    }
    if (pos !== r.size) throw invalid(`${r.size - pos} unexpected bytes after the last section`)
    const manifest = validateManifest(parseManifestJson(payloads[0]!.data))
    if (manifest.formatVersion !== version)
      throw invalid(`the manifest says format version ${manifest.formatVersion}, the header ${version}`)
    const checkpoints = payloads
      .slice(2)
      .filter((p) => p.tag === 'CKPT')
      .map((p) => new Uint8Array(p.data))
    if (manifest.checkpoints.length !== checkpoints.length)
      throw invalid(
        `the manifest lists ${manifest.checkpoints.length} checkpoints but the file holds ${checkpoints.length}`,
      )
    const images = payloads.filter((p) => p.tag === 'ASST')
    const listed = manifest.assets ?? []
    if (listed.length !== images.length)
      throw invalid(`the manifest lists ${listed.length} images but the file holds ${images.length}`)
    const assets = images.map((p, i) => {
      const id = listed[i]!.id
      if (assetIdOf(p.data) !== id) throw invalid(`image ${id} does not match its bytes`)
      return { id, bytes: new Uint8Array(p.data) }
    })
    return { manifest, state: new Uint8Array(payloads[1]!.data), checkpoints, assets, sourceVersion: version }
  }

/**
 * Version 0 — SYNTHETIC. It was never released; it exists so that the migration path is real code with a
 * test (test/unit/storage/coproFile.test.ts builds a v0 fixture). v0 was: magic, u32 version 0, u32 manifest
 * length, manifest JSON {title, template, created}, u32 state length, Yjs state. No checksums, no checkpoints.
 */
const V0Manifest = z.object({
  title: SessionTitle,
  template: TemplateId.nullable().optional(),
  created: z.iso.datetime(),
})

const readV0: VersionReader = async (r, pos) => {
  const mlen = (await r.read(pos, 4, 'manifest length')).readUInt32LE(0)
  pos += 4
  if (mlen > MAX_MANIFEST_BYTES)
    throw invalid(`the manifest declares ${mlen} bytes (limit ${MAX_MANIFEST_BYTES})`)
  const mbytes = await r.read(pos, mlen, 'manifest')
  pos += mlen
  const parsed = V0Manifest.safeParse(parseManifestJson(mbytes))
  if (!parsed.success)
    throw invalid(`the version 0 manifest is invalid (${parsed.error.issues[0]?.message ?? '?'})`)
  const slen = (await r.read(pos, 4, 'state length')).readUInt32LE(0)
  pos += 4
  if (slen > r.size - pos)
    throw invalid(`the state declares ${slen} bytes but only ${r.size - pos} remain (truncated or damaged)`)
  const state = await r.read(pos, slen, 'state')
  pos += slen
  if (pos !== r.size) throw invalid(`${r.size - pos} unexpected bytes after the state`)
  return {
    ...migrateV0ToV1(parsed.data),
    state: new Uint8Array(state),
    checkpoints: [],
    assets: [],
    sourceVersion: 0,
  }
}

/** The migration step v0 → v1 (manifest only; the Yjs state is unchanged). */
export function migrateV0ToV1(m: z.infer<typeof V0Manifest>): { manifest: CoproManifest } {
  return {
    manifest: validateManifest({
      formatVersion: 1,
      appVersion: 'unknown (format version 0)',
      createdAt: m.created,
      exportedAt: m.created,
      title: m.title,
      templateId: m.template ?? null,
      checkpoints: [],
    }),
  }
}

const READERS: Record<number, VersionReader> = { 0: readV0, 1: readSections(1), 2: readSections(2) }

async function readFrom(r: BoundedReader): Promise<CoproContent> {
  if (r.size > MAX_COPRO_FILE_BYTES)
    throw new StorageError(
      'too-large',
      `The file is ${r.size} bytes; session files larger than ${MAX_COPRO_FILE_BYTES} bytes are refused.`,
    )
  if (r.size < 12) throw invalid('the file is too short to be a session file')
  const head = await r.read(0, 12, 'header')
  if (!head.subarray(0, 8).equals(COPRO_MAGIC)) throw invalid('wrong magic bytes (this is not a .copro file)')
  const version = head.readUInt32LE(8)
  const reader = READERS[version]
  if (!reader)
    throw new StorageError(
      'unsupported-version',
      version > COPRO_FORMAT_VERSION
        ? `This session file has format version ${version}, made by a newer Copro Studio; this one reads up to version ${COPRO_FORMAT_VERSION}.`
        : `Unknown session file format version ${version}.`,
    )
  return reader(r, 12)
}

/**
 * Reads and validates a .copro file: magic, version (older versions are migrated), declared sizes (checked
 * against the file size and caps before any allocation), checksums and the manifest. Throws a StorageError
 * with a clear message; never returns partial content. Checking that the Yjs state applies is the caller's.
 */
export async function readCoproFile(filePath: string): Promise<CoproContent> {
  let fh: FileHandle
  try {
    fh = await open(filePath, 'r')
  } catch (e) {
    throw new StorageError('not-found', `Cannot open ${filePath}: ${errorMessage(e)}`, { cause: e })
  }
  try {
    return await readFrom(new BoundedReader(fh, (await fh.stat()).size))
  } finally {
    await fh.close()
  }
}

/** As readCoproFile, for bytes already in memory (an upload through the app API). */
export function readCoproBytes(bytes: Uint8Array): Promise<CoproContent> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return readFrom(new BoundedReader(b, b.length))
}
