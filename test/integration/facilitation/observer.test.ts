import { describe, expect, it } from 'vitest'
import { CoproServer, MemoryBackend } from '../../../src/core/node/server'
import type { ShareLinks } from '../../../src/shared/api'
import { closeRound, writeRound } from '../../../src/core/common/voting/round'
import { publishBallot, readBallotEntries } from '../../../src/core/common/voting/ballots'
import { registerParticipant } from '../../../src/core/common/session/write'
import { sessionMap } from '../../../src/core/common/session/docSchema'
import {
  readTimer,
  readyTimer,
  reveal,
  readReveal,
  start,
  writeSpotlight,
  writeTimer,
  readSpotlight,
} from '../../../src/core/common/facilitation'
import { callApi, serverPerFile, writeRenderer } from '../../helpers/server'
import { guestsPerTest, synced, waitFor } from '../sharing/helpers'

let server: CoproServer

async function call<T>(method: string, args: unknown): Promise<T> {
  const { body } = await callApi<T>(server.baseUrl, method, args, server.token)
  if (!body.ok) throw new Error(body.error?.message)
  return body.value
}
const { guest: join, facilitator } = guestsPerTest(() => server)

serverPerFile(async (tempDir) => {
  const rendererDir = writeRenderer(tempDir('copro-facil-renderer-'), {
    'index.html': '<!doctype html><title>Copro</title>',
  })
  server = await CoproServer.start({ host: '127.0.0.1', port: 0, backend: new MemoryBackend(), rendererDir })
  return server
})

describe('observers cannot change facilitation state (the relay drops their writes)', () => {
  it('an observer’s timer, reveal, spotlight and forged ballot never reach anyone', async () => {
    const { id } = await call<{ id: string }>('sessions.create', { title: 'Observer test' })
    const links = await call<ShareLinks>('share.start', { sessionId: id, address: '127.0.0.1' })
    const fac = facilitator(id)
    const part = join(links.participantUrl)
    const obs = join(links.observerUrl)
    await Promise.all([synced(fac), synced(part), synced(obs)])

    writeRound(fac.doc, {
      id: 'r1',
      title: 'q',
      status: 'open',
      dotsPerPerson: 1,
      kinds: [],
      region: null,
      openedAt: 1,
      closedAt: null,
    })
    closeRound(fac.doc, 'r1', 2)
    await waitFor(
      () => (obs.doc.getMap('voting').get('r1') as { status?: string })?.status === 'closed',
      'observer reads',
    )

    // the observer tries to run the workshop and stuff the ballot box
    writeTimer(obs.doc, start(readyTimer('a1', 60_000), 5))
    reveal(obs.doc, 'a1', 6)
    writeSpotlight(obs.doc, { x: 0, y: 0, w: 10, h: 10, label: 'hijack' })
    expect(
      publishBallot(obs.doc, {
        roundId: 'r1',
        participantId: 'observer-1',
        coproRole: 'manager-commissioner',
        cardIds: ['shape:a'],
        castAt: 7,
      }),
    ).toBe(true) // locally it is written…

    // …but a participant's change made afterwards arrives, and the observer's never do. (The change is
    // one a participant may make, registering themselves: the relay refuses a participant's facilitation
    // writes too, ADR 0040.)
    const hasPat = (doc: typeof fac.doc) => sessionMap(doc, 'participants').has('pat')
    registerParticipant(
      part.doc,
      { id: 'pat', name: 'Pat', anonymous: false, coproRole: 'service-user', sessionRole: 'participant' },
      8,
    )
    await waitFor(() => hasPat(fac.doc), 'participant write')
    expect(part.provider.wsconnected).toBe(true)
    expect(readTimer(fac.doc).status).toBe('idle')
    expect(readReveal(fac.doc)).toEqual({})
    expect(readSpotlight(fac.doc)).toBeNull()
    expect(readBallotEntries(fac.doc)).toEqual([])
    expect(readBallotEntries(part.doc)).toEqual([])

    // the relay's own document (a late joiner) has none of it either
    const late = facilitator(id)
    await synced(late)
    expect(hasPat(late.doc)).toBe(true)
    expect(readTimer(late.doc).status).toBe('idle')
    expect(readBallotEntries(late.doc)).toEqual([])
  })
})
