import { crc32 } from './crc32'
import { StorageError } from './errors'

/**
 * On-disk framing shared by the update log and snapshots (docs/adr/0004-storage.md):
 *
 *   log file   = "CPLG" u32 version(1) then records
 *   record     = u32 length, u32 crc32(length bytes ‖ payload), payload        (all little-endian)
 *   snapshot   = "CPSN" u32 version(1) u32 length u32 crc32(payload) payload  (a Y.encodeStateAsUpdate)
 */
export const LOG_MAGIC = 'CPLG'
export const SNAPSHOT_MAGIC = 'CPSN'
export const FRAME_VERSION = 1
export const LOG_HEADER_BYTES = 8
export const RECORD_HEADER_BYTES = 8
/** No single update is larger than this; a larger declared length is treated as corruption. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024

export function logHeader(): Buffer {
  const b = Buffer.alloc(LOG_HEADER_BYTES)
  b.write(LOG_MAGIC, 0, 'latin1')
  b.writeUInt32LE(FRAME_VERSION, 4)
  return b
}

export function encodeRecord(payload: Uint8Array): Buffer {
  const b = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payload.length)
  b.writeUInt32LE(payload.length, 0)
  b.writeUInt32LE(crc32(payload, crc32(b.subarray(0, 4))), 4)
  b.set(payload, RECORD_HEADER_BYTES)
  return b
}

export interface SkippedBytes {
  /** Where the damaged bytes start in the log file, and how many there are. */
  readonly at: number
  readonly bytes: number
  readonly problem: string
}

export interface DecodedLog {
  readonly updates: Uint8Array[]
  /** Bytes from the start of the file through the last good record. */
  readonly validLength: number
  readonly totalLength: number
  /** Why decoding stopped before the end of the file, if it did (a torn or damaged tail). */
  readonly problem: string | null
  /** The header (magic, version) was damaged; the records after it were read all the same. */
  readonly headerDamaged: boolean
  /** Damaged stretches between intact records, skipped: every later intact record was kept. */
  readonly skipped: readonly SkippedBytes[]
}

type Frame = { readonly ok: true; readonly end: number } | { readonly ok: false; readonly problem: string }

/** Whether a whole, intact record starts at `pos`. */
function frameAt(b: Buffer, pos: number): Frame {
  if (b.length - pos < RECORD_HEADER_BYTES)
    return { ok: false, problem: `a torn record header at byte ${pos}` }
  const len = b.readUInt32LE(pos)
  if (len > MAX_RECORD_BYTES)
    return { ok: false, problem: `an impossible record length (${len}) at byte ${pos}` }
  const present = b.length - pos - RECORD_HEADER_BYTES
  if (present < len)
    return { ok: false, problem: `a torn record at byte ${pos} (${len} bytes declared, ${present} present)` }
  const payload = b.subarray(pos + RECORD_HEADER_BYTES, pos + RECORD_HEADER_BYTES + len)
  if (crc32(payload, crc32(b.subarray(pos, pos + 4))) !== b.readUInt32LE(pos + 4))
    return { ok: false, problem: `a record with a bad checksum at byte ${pos}` }
  return { ok: true, end: pos + RECORD_HEADER_BYTES + len }
}

/**
 * The next position at or after `from` where an intact record starts (its length fits and its checksum,
 * which covers the length, matches), or -1. This is how reading resynchronises after a damaged record:
 * a false match needs a 32-bit checksum to agree by chance.
 */
function nextFrame(b: Buffer, from: number): number {
  for (let p = from; p + RECORD_HEADER_BYTES <= b.length; p++) {
    const len = b.readUInt32LE(p)
    if (len > b.length - p - RECORD_HEADER_BYTES) continue
    if (frameAt(b, p).ok) return p
  }
  return -1
}

/**
 * Decodes a log file's bytes, keeping every intact record: a damaged record is skipped and reading
 * resumes at the next intact record (nextFrame); a damaged header is reported and the records after it
 * are read all the same; only a torn or damaged tail with no intact record after it ends the log.
 */
export function decodeLog(buf: Uint8Array): DecodedLog {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
  if (b.length === 0)
    return { updates: [], validLength: 0, totalLength: 0, problem: null, headerDamaged: false, skipped: [] }
  let headerDamaged = false
  if (b.length < LOG_HEADER_BYTES || b.toString('latin1', 0, 4) !== LOG_MAGIC) headerDamaged = true
  else if (b.readUInt32LE(4) !== FRAME_VERSION) {
    // A log from a newer version is refused; a damaged version field is told apart by a record of this
    // version's framing right after the header.
    if (!frameAt(b, LOG_HEADER_BYTES).ok && b.length > LOG_HEADER_BYTES)
      throw new StorageError(
        'unsupported-version',
        `update log version ${b.readUInt32LE(4)} is not supported`,
      )
    headerDamaged = true
  }
  const updates: Uint8Array[] = []
  const skipped: SkippedBytes[] = []
  let pos = LOG_HEADER_BYTES
  let validLength = headerDamaged ? 0 : LOG_HEADER_BYTES
  let problem: string | null = null
  while (pos < b.length) {
    const f = frameAt(b, pos)
    if (f.ok) {
      updates.push(new Uint8Array(b.subarray(pos + RECORD_HEADER_BYTES, f.end)))
      pos = validLength = f.end
      continue
    }
    const next = nextFrame(b, pos + 1)
    if (next < 0) {
      problem = f.problem
      break
    }
    skipped.push({ at: pos, bytes: next - pos, problem: f.problem })
    pos = next
  }
  if (headerDamaged && b.length <= LOG_HEADER_BYTES) problem = 'the log header is missing or damaged'
  return { updates, validLength, totalLength: b.length, problem, headerDamaged, skipped }
}

export function encodeSnapshot(state: Uint8Array): Buffer {
  const b = Buffer.allocUnsafe(16 + state.length)
  b.write(SNAPSHOT_MAGIC, 0, 'latin1')
  b.writeUInt32LE(FRAME_VERSION, 4)
  b.writeUInt32LE(state.length, 8)
  b.writeUInt32LE(crc32(state), 12)
  b.set(state, 16)
  return b
}

/** Decodes a snapshot file; throws a StorageError('invalid-file') when it is damaged. */
export function decodeSnapshot(buf: Uint8Array, what = 'snapshot'): Uint8Array {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
  if (b.length < 16 || b.toString('latin1', 0, 4) !== SNAPSHOT_MAGIC)
    throw new StorageError('invalid-file', `the ${what} is not a Copro snapshot (bad header)`)
  const version = b.readUInt32LE(4)
  if (version !== FRAME_VERSION)
    throw new StorageError('unsupported-version', `${what} version ${version} is not supported`)
  const len = b.readUInt32LE(8)
  if (len !== b.length - 16)
    throw new StorageError(
      'invalid-file',
      `the ${what} is truncated (${len} bytes declared, ${b.length - 16} present)`,
    )
  const state = b.subarray(16)
  if (crc32(state) !== b.readUInt32LE(12))
    throw new StorageError('invalid-file', `the ${what} has a bad checksum`)
  return new Uint8Array(state)
}
