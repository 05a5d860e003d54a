import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeLog,
  decodeSnapshot,
  encodeRecord,
  encodeSnapshot,
  logHeader,
} from '../../../src/core/node/storage/binaryFormats'
import { crc32, crc32Table } from '../../../src/core/node/storage/crc32'
import { saveFailureReason } from '../../../src/core/node/storage/errors'

const bytes = (...a: number[]) => new Uint8Array(a)

function logOf(records: Uint8Array[]): Buffer {
  return Buffer.concat([logHeader(), ...records.map(encodeRecord)])
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
    expect(crc32Table(Buffer.from('123456789'))).toBe(0xcbf43926)
  })
  it('the table version equals the native one, also when chained', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 50 }), (a, b) => {
        expect(crc32Table(a)).toBe(crc32(a))
        expect(crc32Table(b, crc32Table(a))).toBe(crc32(b, crc32(a)))
      }),
    )
  })
})

describe('update log records', () => {
  it('round-trips any sequence of updates', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 30 }), (records) => {
        const d = decodeLog(logOf(records))
        expect(d.problem).toBeNull()
        expect(d.updates.map((u) => [...u])).toEqual(records.map((r) => [...r]))
        expect(d.validLength).toBe(d.totalLength)
      }),
    )
  })

  it('keeps every whole record before a cut at any byte', () => {
    const records = [bytes(1, 2, 3), bytes(), bytes(9, 9, 9, 9, 9, 9, 9), bytes(4)]
    const full = logOf(records)
    const ends = [8]
    for (const r of records) ends.push(ends.at(-1)! + 8 + r.length)
    for (let cut = 8; cut <= full.length; cut++) {
      const d = decodeLog(full.subarray(0, cut))
      const whole = ends.filter((e) => e <= cut).length - 1
      expect(d.updates).toHaveLength(whole)
      expect(d.validLength).toBe(ends[whole])
      expect(d.problem === null).toBe(cut === ends[whole])
    }
  })

  it('skips a record with a flipped bit and keeps every intact record after it', () => {
    const full = logOf([bytes(1, 2, 3), bytes(4, 5, 6), bytes(7, 8, 9)])
    for (let i = 8; i < full.length; i++) {
      const damaged = Buffer.from(full)
      damaged[i]! ^= 0x10
      const d = decodeLog(damaged)
      const recordIndex = Math.floor((i - 8) / 11)
      const kept = [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ].filter((_, r) => r !== recordIndex)
      expect(d.updates.map((u) => [...u])).toEqual(kept)
      if (recordIndex === 2) expect(d.problem).not.toBeNull()
      else expect(d.skipped).toEqual([{ at: 8 + recordIndex * 11, bytes: 11, problem: expect.any(String) }])
    }
  })

  it('reports a damaged header without throwing', () => {
    const d = decodeLog(Buffer.from('XXXXXXXXXXXX'))
    expect(d.updates).toEqual([])
    expect(d.problem).toMatch(/header/)
  })

  it('treats an impossible declared length as corruption, not an allocation', () => {
    const b = Buffer.concat([logHeader(), Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0])])
    expect(decodeLog(b).problem).toMatch(/impossible record length/)
  })
})

describe('snapshots', () => {
  it('round-trip and reject damage', () => {
    const state = bytes(1, 2, 3, 4, 5)
    const enc = encodeSnapshot(state)
    expect([...decodeSnapshot(enc)]).toEqual([...state])
    const flipped = Buffer.from(enc)
    flipped[18]! ^= 1
    expect(() => decodeSnapshot(flipped)).toThrow(/checksum/)
    expect(() => decodeSnapshot(enc.subarray(0, enc.length - 1))).toThrow(/truncated/)
    expect(() => decodeSnapshot(Buffer.from('nope'))).toThrow(/not a Copro snapshot/)
  })
})

describe('save failure reasons', () => {
  it('are plain words for common I/O errors and the message otherwise', () => {
    expect(saveFailureReason(Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }))).toBe(
      'the disk is full',
    )
    expect(saveFailureReason(new Error('something odd'))).toBe('something odd')
  })
})
