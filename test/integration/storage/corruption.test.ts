import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOG_HEADER_BYTES, RECORD_HEADER_BYTES } from '../../../src/core/node/storage/binaryFormats'
import { docFrom, storePerTest } from './helpers'

/**
 * The corruption suite of issue 22 item 4: bit flips and truncations at every structure of a session
 * folder (snapshot, log header, each record's length, checksum and body); each case checks that the
 * most that can be kept is kept, that it is said, and that the damaged bytes are kept beside the session.
 */
const f = storePerTest()
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5']

/** A session whose log holds one record per key (k0…k5), each written and flushed on its own. */
async function sessionWithRecords(): Promise<{ id: string; dir: string; starts: number[] }> {
  const { id } = await f.s().create({ title: 'Damaged' })
  const doc = await f.liveDoc(id)
  for (const k of KEYS) {
    doc.getMap('m').set(k, k.toUpperCase())
    await f.s().flush(id)
  }
  await f.s().close(id)
  await f.store?.close()
  f.store = null
  const dir = path.join(f.dir, 'sessions', id)
  const log = await readFile(path.join(dir, 'updates.log'))
  const starts: number[] = []
  for (let p = LOG_HEADER_BYTES; p < log.length; p += RECORD_HEADER_BYTES + log.readUInt32LE(p))
    starts.push(p)
  expect(starts).toHaveLength(KEYS.length)
  return { id, dir, starts }
}

async function damage(file: string, fn: (b: Buffer) => Buffer | void): Promise<void> {
  const b = await readFile(file)
  await writeFile(file, fn(b) ?? b)
}

async function keysAfterReopen(id: string): Promise<string[]> {
  await f.reopen()
  const doc = docFrom(await f.s().load(id))
  return [...doc.getMap('m').keys()].sort()
}

async function asideFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.includes('.damaged-'))
}

function recoveredWarning(): string {
  const w = f.s().warnings.find((x) => x.kind === 'session-recovered')
  expect(w, JSON.stringify(f.s().warnings)).toBeDefined()
  return w!.message
}

describe('a damaged record loses only itself', () => {
  for (let r = 0; r < KEYS.length; r++)
    for (const [part, offset] of [
      ['length', 0],
      ['checksum', 5],
      ['body', RECORD_HEADER_BYTES + 1],
    ] as const)
      it(`record ${r}: a flipped bit in its ${part}`, async () => {
        const { id, dir, starts } = await sessionWithRecords()
        await damage(path.join(dir, 'updates.log'), (b) => {
          b[starts[r]! + offset]! ^= part === 'length' ? 0x04 : 0x10
        })
        const keys = await keysAfterReopen(id)
        if (r === KEYS.length - 1) {
          // the last record is the log's tail: dropped as before, with its copy kept aside
          expect(keys).toEqual(KEYS.slice(0, r))
        } else {
          expect(keys).toEqual(KEYS.filter((_, i) => i !== r))
          expect(recoveredWarning()).toMatch(/every intact change after them was kept/)
        }
        expect(await asideFiles(dir)).toEqual([expect.stringMatching(/^updates\.log\.damaged-/)])
        // the folder was rewritten cleanly: new edits are saved and the next open has no warning
        const live = await f.liveDoc(id)
        live.getMap('m').set('after', 1)
        await f.s().flush(id)
        expect(await keysAfterReopen(id)).toEqual([...keys, 'after'].sort())
        expect(f.s().warnings).toEqual([])
      })
})

describe('a truncated log keeps every whole record', () => {
  it('at every cut inside the records', async () => {
    const { id, dir, starts } = await sessionWithRecords()
    const full = await readFile(path.join(dir, 'updates.log'))
    const cuts = starts.flatMap((s) => [s + 3, s + RECORD_HEADER_BYTES + 1])
    for (const cut of cuts) {
      await f.store?.close()
      f.store = null
      await writeFile(path.join(dir, 'updates.log'), full.subarray(0, cut))
      const whole = starts.filter((s) => s < cut).length - 1
      expect(await keysAfterReopen(id), `cut at ${cut}`).toEqual(KEYS.slice(0, whole))
    }
  })
})

describe('a damaged log header keeps the records it can frame', () => {
  for (let i = 0; i < LOG_HEADER_BYTES; i++)
    it(`a flipped bit in header byte ${i}`, async () => {
      const { id, dir } = await sessionWithRecords()
      await damage(path.join(dir, 'updates.log'), (b) => {
        b[i]! ^= 0x02
      })
      expect(await keysAfterReopen(id)).toEqual(KEYS)
      expect(recoveredWarning()).toMatch(/header was damaged; 6 saved changes after it were kept/)
      expect(await asideFiles(dir)).toEqual([expect.stringMatching(/^updates\.log\.damaged-/)])
    })
})

/** k0…k2 in a checkpoint and the snapshot (the log compacted), k3…k5 in the log. */
async function sessionWithSnapshot(withCheckpoint: boolean): Promise<{ id: string; dir: string }> {
  const { id } = await f.s().create({ title: 'Snap' })
  const doc = await f.liveDoc(id)
  for (const k of KEYS.slice(0, 3)) doc.getMap('m').set(k, k)
  await f.s().flush(id)
  if (withCheckpoint) await f.s().createCheckpoint(id, 'Before the break')
  await f.s().compact(id)
  for (const k of KEYS.slice(3)) {
    doc.getMap('m').set(k, k)
    await f.s().flush(id)
  }
  await f.s().close(id)
  await f.store?.close()
  f.store = null
  return { id, dir: path.join(f.dir, 'sessions', id) }
}

describe('a damaged snapshot falls back to the latest good checkpoint plus the log', () => {
  const cases: [string, (b: Buffer) => Buffer | void][] = [
    ['magic', (b) => void (b[1]! ^= 0x01)],
    ['length', (b) => void (b[8]! ^= 0x01)],
    ['checksum', (b) => void (b[13]! ^= 0x01)],
    ['body', (b) => void (b[b.length - 2]! ^= 0x01)],
    ['truncated body', (b) => b.subarray(0, b.length - 3)],
    ['truncated header', (b) => b.subarray(0, 10)],
  ]
  for (const [what, fn] of cases)
    it(`a snapshot with a damaged ${what}`, async () => {
      const { id, dir } = await sessionWithSnapshot(true)
      await damage(path.join(dir, 'snapshot.bin'), fn)
      expect(await keysAfterReopen(id)).toEqual(KEYS)
      expect(recoveredWarning()).toMatch(/rebuilt from 1 checkpoint and the update log/)
      expect(await asideFiles(dir)).toEqual([expect.stringMatching(/^snapshot\.bin\.damaged-/)])
      // exports and duplicates work on the recovered board
      const copy = await f.s().duplicate(id)
      expect(
        [
          ...docFrom([await f.s().readState(copy.id)])
            .getMap('m')
            .keys(),
        ].sort(),
      ).toEqual(KEYS)
      expect((await f.s().exportSessionBytes(id)).length).toBeGreaterThan(0)
    })

  it('without a checkpoint, the log alone is kept and the loss is said', async () => {
    const { id, dir } = await sessionWithSnapshot(false)
    await truncate(path.join(dir, 'snapshot.bin'), 10)
    expect(await keysAfterReopen(id)).toEqual(KEYS.slice(3))
    expect(recoveredWarning()).toMatch(/no good checkpoint/)
  })
})

describe('missing files open with a warning, not silently empty', () => {
  it('a missing log', async () => {
    const { id, dir } = await sessionWithSnapshot(false)
    await rm(path.join(dir, 'updates.log'))
    expect(await keysAfterReopen(id)).toEqual(KEYS.slice(0, 3))
    expect(recoveredWarning()).toMatch(/update log was missing/)
  })

  it('an emptied session folder', async () => {
    const { id, dir } = await sessionWithSnapshot(true)
    for (const n of await readdir(dir)) await rm(path.join(dir, n), { recursive: true })
    expect(await keysAfterReopen(id)).toEqual([])
    expect(recoveredWarning()).toMatch(/board files were missing/)
  })
})

describe('reading a damaged session without opening it for saving', () => {
  it('copro export reads what could be recovered, warns, and writes nothing into the session', async () => {
    process.env.COPRO_CLI_NO_MAIN = '1'
    const { main } = await import('../../../src/cli/index')
    const { id, dir, starts } = await sessionWithRecords()
    await damage(path.join(dir, 'updates.log'), (b) => {
      b[starts[2]! + 5]! ^= 0x10
    })
    const lines: string[] = []
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s), version: '0' }
    const out = path.join(f.dir, 'out')
    expect(await main(['export', id, '--format', 'json', '--out', out, '--data-dir', f.dir], io)).toBe(0)
    expect(lines.join('\n')).toMatch(
      /warning: “Damaged” is damaged\. .*every intact change after them was kept/,
    )
    expect(await asideFiles(dir)).toEqual([])
  })
})

describe('a damaged checkpoint', () => {
  it('is left out of an exported .copro file instead of failing the export', async () => {
    const { id, dir } = await sessionWithSnapshot(true)
    await f.reopen()
    await f.s().createCheckpoint(id, 'Second')
    const [bad] = await readdir(path.join(dir, 'checkpoints'))
    const cps = await f.s().listCheckpoints(id)
    await damage(path.join(dir, 'checkpoints', bad!), (b) => void (b[b.length - 1]! ^= 0x01))
    const bytes = await f.s().exportSessionBytes(id)
    const imported = await f.s().importSessionBytes(bytes)
    const back = await f.s().listCheckpoints(imported.id)
    expect(back).toHaveLength(cps.length - 1)
    expect(
      [
        ...docFrom([await f.s().readState(imported.id)])
          .getMap('m')
          .keys(),
      ].sort(),
    ).toEqual(KEYS)
  })
})
