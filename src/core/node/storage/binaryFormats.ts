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

export interface DecodedLog {
  readonly updates: Uint8Array[]
  /** Bytes from the start of the file through the last good record. */
  readonly validLength: number
  readonly totalLength: number
  /** Why decoding stopped before the end of the file, if it did. */
  readonly problem: string | null
}

/** Decodes a log file's bytes; stops at the first torn or corrupt record and keeps everything before it. */
export function decodeLog(buf: Uint8Array): DecodedLog {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
  if (b.length === 0) return { updates: [], validLength: 0, totalLength: 0, problem: null }
  if (b.length < LOG_HEADER_BYTES || b.toString('latin1', 0, 4) !== LOG_MAGIC)
    return {
      updates: [],
      validLength: 0,
      totalLength: b.length,
      problem: 'the log header is missing or damaged',
    }
  const version = b.readUInt32LE(4)
  if (version !== FRAME_VERSION)
    throw new StorageError('unsupported-version', `update log version ${version} is not supported`)
  const updates: Uint8Array[] = []
  let pos = LOG_HEADER_BYTES
  let problem: string | null = null
  while (pos < b.length) {
    if (b.length - pos < RECORD_HEADER_BYTES) {
      problem = `a torn record header at byte ${pos}`
      break
    }
    const len = b.readUInt32LE(pos)
    const sum = b.readUInt32LE(pos + 4)
    if (len > MAX_RECORD_BYTES) {
      problem = `an impossible record length (${len}) at byte ${pos}`
      break
    }
    if (b.length - pos - RECORD_HEADER_BYTES < len) {
      problem = `a torn record at byte ${pos} (${len} bytes declared, ${b.length - pos - RECORD_HEADER_BYTES} present)`
      break
    }
    const payload = b.subarray(pos + RECORD_HEADER_BYTES, pos + RECORD_HEADER_BYTES + len)
    if (crc32(payload, crc32(b.subarray(pos, pos + 4))) !== sum) {
      problem = `a record with a bad checksum at byte ${pos}`
      break
    }
    updates.push(new Uint8Array(payload))
    pos += RECORD_HEADER_BYTES + len
  }
  return { updates, validLength: pos, totalLength: b.length, problem }
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
