import { describe, expect, it, vi } from 'vitest'
import { BoardSession, type SessionBoard } from '../../../src/renderer/session/BoardSession'
import { BoardSessions } from '../../../src/renderer/session/BoardSessions'
import { scopedKey } from '../../../src/renderer/session/scoped'
import type { FacilitationController } from '../../../src/renderer/session/facilitationController'

const board = (sessionId: string) => ({ sessionId, provider: () => null }) as unknown as SessionBoard

describe('BoardSession', () => {
  it('holds one board at a time and tells listeners', () => {
    const s = new BoardSession('s1')
    const seen = vi.fn()
    s.subscribe(seen)
    const a = board('s1')
    const detachA = s.attachBoard(a)
    expect(s.board).toBe(a)
    const b = board('s1')
    const detachB = s.attachBoard(b)
    detachA() // a stale detach does not remove the newer board
    expect(s.board).toBe(b)
    detachB()
    expect(s.board).toBeNull()
    expect(seen).toHaveBeenCalledTimes(3)
  })

  it('dispose() releases every slot, scoped value and listener', () => {
    const s = new BoardSession('s1')
    const disposed = vi.fn()
    const key = scopedKey('test.thing', (owner: BoardSession) => ({ owner, dispose: disposed }))
    expect(s.scoped(key).owner).toBe(s)
    expect(s.scoped(key)).toBe(s.scoped(key)) // one per session
    s.attachBoard(board('s1'))
    s.setFacilitation({ relayNow: () => 1 } as unknown as FacilitationController)
    s.setOutlineFocus('cell:a')
    const clock = s.relayClock('ws://127.0.0.1:1/sync')
    const stop = vi.spyOn(clock, 'dispose')
    const seen = vi.fn()
    s.subscribe(seen)
    s.dispose()
    expect(disposed).toHaveBeenCalledOnce()
    expect(stop).toHaveBeenCalledOnce()
    expect([s.board, s.facilitation, s.votingBridge, s.outlineFocus]).toEqual([null, null, null, null])
    expect(seen).toHaveBeenCalledOnce() // told once that it is gone …
    s.attachBoard(board('s1'))
    expect(s.board).toBeNull() // … and a disposed session takes nothing new
    expect(() => s.scoped(key)).toThrow(/disposed/)
  })

  it('keeps the dots of two sessions apart', () => {
    const a = new BoardSession('a')
    const b = new BoardSession('b')
    expect(a.votes.vote('r1', 'me', 'shape:1', 3)).toBe(true)
    expect(a.votes.dots('r1', 'me')).toEqual(['shape:1'])
    expect(b.votes.dots('r1', 'me')).toEqual([])
  })
})

describe('BoardSessions', () => {
  it('opens a session per open tab, disposes closed ones, and tracks the active one', () => {
    const sessions = new BoardSessions()
    sessions.sync(['a', 'b'], 'b')
    const a = sessions.get('a')!
    const b = sessions.get('b')!
    expect(sessions.getActive()).toBe(b)
    sessions.sync(['a', 'b'], 'welcome-tab-has-no-session')
    expect(sessions.getActive()).toBeNull()
    sessions.sync(['a'], 'a')
    expect(b.disposed).toBe(true)
    expect(sessions.get('b')).toBeNull()
    expect(sessions.get('a')).toBe(a) // kept while it has a tab
    sessions.dispose()
    expect(a.disposed).toBe(true)
  })
})
