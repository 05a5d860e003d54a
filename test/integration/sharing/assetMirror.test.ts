/**
 * A published session's pictures on both sides (issue 18 item 5; share/assetMirror.ts), with a real
 * local server (what the desktop app runs) and a real hosted relay (`copro relay`): the laptop's photo
 * is copied to the relay, a remote guest's photo from the relay to the laptop, a picture added later
 * follows, a picture neither side has is reported and never invented, and a relay that refuses leaves
 * the mirror waiting without losing anything.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CoproServer, StoreBackend } from '../../../src/core/node/server'
import { startHostedRelay, type HostedRelay } from '../../../src/core/node/server/hostedRelay'
import { writePhoneCard } from '../../../src/renderer/guest/phone/writeCard'
import type { AssetEndpoint } from '../../../src/renderer/device/assetEndpoint'
import { AssetMirror, type AssetMirrorState } from '../../../src/renderer/features/share/assetMirror'
import { callApi } from '../../helpers/server'
import { waitFor } from './helpers'

const ICON = (size: number) => new Uint8Array(readFileSync(`build/icons/${size}x${size}.png`))
const MISSING = `${'e'.repeat(64)}.png`
const dirs: string[] = []
let local: CoproServer
let relay: HostedRelay
let sessionId = ''
let here: AssetEndpoint
let there: AssetEndpoint
const mirrors: AssetMirror[] = []

async function put(ep: AssetEndpoint, bytes: Uint8Array): Promise<string> {
  const res = await fetch(`${ep.origin}/api/assets/${ep.sessionId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ep.token}` },
    body: Buffer.from(bytes),
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { assetId: string }).assetId
}

async function bytesOn(ep: AssetEndpoint, assetId: string): Promise<Uint8Array | null> {
  const res = await fetch(`${ep.origin}/api/assets/${ep.sessionId}/${assetId}?token=${ep.token}`)
  return res.status === 200 ? new Uint8Array(await res.arrayBuffer()) : null
}

function photoCard(doc: Y.Doc, id: string, assetId: string): void {
  writePhoneCard(
    doc,
    {
      id,
      kind: 'idea',
      text: `Photo ${id}`,
      cell: null,
      createdAt: 1_767_225_600_000,
      meta: {},
      photo: { assetId, w: 16, h: 16 },
    },
    { id: 'p1', name: 'Pat', anonymous: false, coproRole: 'service-user' },
  )
}

function mirror(doc: Y.Doc, remote: AssetEndpoint, seen?: AssetMirrorState[]): AssetMirror {
  const m = new AssetMirror({
    doc,
    local: here,
    remote,
    throttleMs: 0,
    retryMs: 60_000,
    ...(seen ? { onChange: (s: AssetMirrorState) => seen.push(s) } : {}),
  })
  mirrors.push(m)
  return m
}

beforeAll(async () => {
  const dir = (p: string) => {
    const d = mkdtempSync(join(tmpdir(), p))
    dirs.push(d)
    return d
  }
  local = await CoproServer.start({
    port: 0,
    backend: await StoreBackend.open(dir('copro-mirror-local-'), { batchMs: 20 }),
  })
  relay = await startHostedRelay({ dataDir: dir('copro-mirror-relay-'), port: 0 })
  const created = await callApi(
    local.baseUrl,
    'sessions.create',
    { title: 'Pictures both ways' },
    local.token,
  )
  sessionId = created.body.value.id as string
  here = { origin: local.baseUrl, sessionId, token: local.token }
  there = { origin: relay.origin, sessionId, token: relay.adminToken }
  const published = await fetch(`${relay.origin}/admin/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${relay.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId, title: 'Pictures both ways' }),
  })
  expect(published.ok).toBe(true)
})

afterAll(async () => {
  for (const m of mirrors) m.dispose()
  await relay?.close()
  await local?.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('a published session’s pictures', () => {
  it('answers HEAD with whether an asset is held, on both servers, without the bytes', async () => {
    const id = await put(here, ICON(24))
    const head = await fetch(`${here.origin}/api/assets/${sessionId}/${id}?token=${here.token}`, {
      method: 'HEAD',
    })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('image/png')
    expect((await head.arrayBuffer()).byteLength).toBe(0)
    const none = await fetch(`${there.origin}/api/assets/${sessionId}/${MISSING}?token=${there.token}`, {
      method: 'HEAD',
    })
    expect(none.status).toBe(404)
  })

  it('copies the laptop’s photo to the relay and the remote guest’s photo to the laptop; reports what neither has', async () => {
    const mine = await put(here, ICON(16))
    const theirs = await put(there, ICON(32))
    expect(await bytesOn(there, mine)).toBeNull()
    expect(await bytesOn(here, theirs)).toBeNull()
    const doc = new Y.Doc()
    photoCard(doc, 'shape:mine', mine)
    photoCard(doc, 'shape:theirs', theirs)
    photoCard(doc, 'shape:lost', MISSING)
    const before = Y.encodeStateAsUpdate(doc)

    const m = mirror(doc, there)
    expect(await m.sync()).toEqual({ copied: 2, waiting: 0, missing: 1 })
    expect(await bytesOn(there, mine)).toEqual(ICON(16))
    expect(await bytesOn(here, theirs)).toEqual(ICON(32))
    // nothing in the document changes: the copies have the same ids
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(await bytesOn(there, MISSING)).toBeNull()
    expect(await bytesOn(here, MISSING)).toBeNull()
  })

  it('follows a picture added while published', async () => {
    const doc = new Y.Doc()
    const seen: AssetMirrorState[] = []
    mirror(doc, there, seen)
    const later = await put(here, ICON(48))
    photoCard(doc, 'shape:later', later)
    await waitFor(() => seen.some((s) => s.copied === 1 && s.waiting === 0), 'the new picture copied')
    expect(await bytesOn(there, later)).toEqual(ICON(48))
  })

  it('a relay that refuses leaves the picture waiting, retried, and the document untouched', async () => {
    const doc = new Y.Doc()
    const id = await put(here, ICON(64))
    photoCard(doc, 'shape:refused', id)
    const m = mirror(doc, { ...there, token: 'not-the-admin-token-0123456789' })
    expect(await m.sync()).toEqual({ copied: 0, waiting: 1, missing: 0 })
    expect(await bytesOn(there, id)).toBeNull()
    expect(await bytesOn(here, id)).toEqual(ICON(64))
  })
})
