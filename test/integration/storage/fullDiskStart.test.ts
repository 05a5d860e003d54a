import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'

// A real full disk (issue 22 item 6): a tiny tmpfs, filled up. Mounting needs root on Linux.
let mountPoint: string | null = null
let why = ''
beforeAll(() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    why = 'needs root on Linux to mount a tmpfs'
    return
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'copro-fulldisk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' })
    mountPoint = dir
  } catch (e) {
    why = `cannot mount a tmpfs here (${String(e).split('\n')[0]})`
    rmSync(dir, { recursive: true, force: true })
  }
})
afterAll(() => {
  if (!mountPoint) return
  execFileSync('umount', [mountPoint], { stdio: 'pipe' })
  rmSync(mountPoint, { recursive: true, force: true })
})

describe('starting on a full disk', () => {
  it('says in plain words that the disk is full, naming the data folder', async (ctx) => {
    if (!mountPoint) {
      console.warn(`skipping the full-disk test: ${why}`)
      return ctx.skip()
    }
    const dataDir = path.join(mountPoint, 'Copro Data')
    mkdirSync(dataDir)
    // fill the disk to the last block
    try {
      for (let i = 0; ; i++) writeFileSync(path.join(mountPoint, `fill-${i}`), Buffer.alloc(4096, 1))
    } catch {
      // ENOSPC: full
    }
    const err = await SessionStore.open(dataDir).then(
      () => null,
      (e: unknown) => e as Error,
    )
    expect(err).not.toBeNull()
    expect(err!.message).toBe(
      `Copro Studio cannot use its data folder ${dataDir}: the disk is full. Free some space on that disk, then start Copro Studio again.`,
    )
  })
})
