import { mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOG_FILE, MANIFEST_FILE, SNAPSHOT_FILE } from '../../../src/core/node/storage/layout'
import { logHeader } from '../../../src/core/node/storage/binaryFormats'
import { prepareLogForAppend } from '../../../src/core/node/storage/sessionState'
import { tempDir } from './helpers'

/**
 * Opening a session's log for writing removes what an interrupted write of the log or snapshot left
 * behind — and nothing else: the manifest may be being written at that moment (a session renamed while
 * its board opens, as the hosted relay does when a facilitator publishes), and deleting its temp file made
 * that rename fail with ENOENT.
 */
describe('temp files when a log is opened for appending', () => {
  it('removes the log and snapshot leftovers, and leaves a manifest write in flight alone', async () => {
    const tmp = await tempDir()
    const dir = path.join(tmp.dir, 'session')
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, LOG_FILE), logHeader())
    const leftovers = [`.${LOG_FILE}.0a1b2c3d4e5f.tmp`, `.${SNAPSHOT_FILE}.0a1b2c3d4e5f.tmp`]
    const inFlight = `.${MANIFEST_FILE}.9f8e7d6c5b4a.tmp`
    for (const name of [...leftovers, inFlight]) await writeFile(path.join(dir, name), 'partial')

    await prepareLogForAppend(dir, logHeader().length)

    const names = await readdir(dir)
    for (const name of leftovers) expect(names).not.toContain(name)
    expect(names).toContain(inFlight)
    expect(names).toContain(LOG_FILE)
    await tmp.cleanup()
  })
})
