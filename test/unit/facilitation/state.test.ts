import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  isStructureLocked,
  metaForNewCard,
  passCount,
  readFollowLead,
  readLocks,
  readReveal,
  readShareBalance,
  readSpotlight,
  readTimer,
  recordPass,
  reveal,
  revealedMeta,
  setLock,
  shouldSyncRecord,
  STRUCTURE_LOCK_KEY,
  writeFollowLead,
  writeShareBalance,
  writeSpotlight,
  writeTimer,
} from '../../../src/core/common/facilitation'
import { readParticipants } from '../../../src/core/common/session/read'
import { registerParticipant } from '../../../src/core/common/session/write'
import { DOC_KEYS, WORKSHOP_KEYS } from '../../../src/core/common/session/docSchema'

describe('facilitation state in the document', () => {
  it('reads hostile values as absent', () => {
    const doc = new Y.Doc()
    const w = doc.getMap(DOC_KEYS.workshop)
    w.set(WORKSHOP_KEYS.timer, { status: 'exploded' })
    w.set(WORKSHOP_KEYS.reveal, 'nope')
    doc.getMap('facilitation').set('spotlight', { x: 'a' })
    doc.getMap('facilitation').set('followLead', '../../etc')
    doc.getMap(DOC_KEYS.locks).set('shape:x', { by: 5 })
    doc.getMap(DOC_KEYS.participants).set('p1', { id: 'p2', name: 'x' })
    expect(readTimer(doc).status).toBe('idle')
    expect(readReveal(doc)).toEqual({})
    expect(readSpotlight(doc)).toBeNull()
    expect(readFollowLead(doc)).toBeNull()
    expect(readLocks(doc).size).toBe(0)
    expect(readParticipants(doc)).toEqual([])
    expect(() => writeTimer(doc, { status: 'x' } as never)).toThrow()
  })

  it('round-trips spotlight, follow lead, shared balance, locks and reveal', () => {
    const doc = new Y.Doc()
    writeSpotlight(doc, { x: 1, y: 2, w: 3, h: 4, label: 'Stage: Arriving' })
    expect(readSpotlight(doc)).toEqual({ x: 1, y: 2, w: 3, h: 4, label: 'Stage: Arriving' })
    writeSpotlight(doc, null)
    expect(readSpotlight(doc)).toBeNull()
    writeFollowLead(doc, 'fac-1')
    expect(readFollowLead(doc)).toBe('fac-1')
    writeShareBalance(doc, true)
    expect(readShareBalance(doc)).toBe(true)
    setLock(doc, STRUCTURE_LOCK_KEY, 'fac-1', 5)
    expect(isStructureLocked(doc)).toBe(true)
    setLock(doc, STRUCTURE_LOCK_KEY, null, 6)
    expect(isStructureLocked(doc)).toBe(false)
    reveal(doc, 'a1', 100)
    reveal(doc, 'a1', 200)
    expect(readReveal(doc)).toEqual({ a1: 100 })
  })

  it('counts passes without saying who passed', () => {
    const doc = new Y.Doc()
    recordPass(doc, 'a1', 'nonce-111')
    recordPass(doc, 'a1', 'nonce-222')
    recordPass(doc, 'a2', 'nonce-333')
    expect(passCount(doc, 'a1')).toBe(2)
    expect(passCount(doc, 'a2')).toBe(1)
    const stored = JSON.stringify(doc.getMap('facilitation').toJSON())
    expect(stored).not.toMatch(/participant|name|role/)
  })

  it('registers a participant once, keeps joinedAt, drops the name when anonymous', () => {
    const doc = new Y.Doc()
    const p = {
      id: 'p1',
      name: 'Ana',
      anonymous: false,
      coproRole: 'service-user',
      sessionRole: 'participant',
    } as const
    expect(registerParticipant(doc, p, 10)).toBe(true)
    expect(registerParticipant(doc, p, 20)).toBe(false)
    expect(registerParticipant(doc, { ...p, anonymous: true }, 30)).toBe(true)
    expect(readParticipants(doc)).toEqual([{ ...p, anonymous: true, name: '', joinedAt: 10 }])
  })
})

describe('private cards', () => {
  const card = (meta: unknown) => ({ typeName: 'shape', type: 'card', meta })
  it('keeps private cards out of sync until revealed', () => {
    expect(shouldSyncRecord(card({}))).toBe(true)
    expect(shouldSyncRecord(card({ private: true, activityId: 'a1' }))).toBe(false)
    expect(shouldSyncRecord(card(revealedMeta({ private: true, activityId: 'a1' })))).toBe(true)
    expect(shouldSyncRecord({ typeName: 'page', meta: { private: true, activityId: 'a1' } })).toBe(true)
  })
  it('tags new cards only in a private, unrevealed activity', () => {
    expect(metaForNewCard({ id: 'a1', private: true }, {})).toEqual({ private: true, activityId: 'a1' })
    expect(metaForNewCard({ id: 'a1', private: true }, { a1: 5 })).toBeNull()
    expect(metaForNewCard({ id: 'a1', private: false }, {})).toBeNull()
    expect(metaForNewCard(null, {})).toBeNull()
  })
})
