import { describe, expect, it } from 'vitest'
import { newActivity } from '../../../src/core/common/facilitation/agenda'
import { structureBounds } from '../../../src/core/common/structure/attribution'
import type { BoardStructure } from '../../../src/shared/model/structure'
import { wallArea, wallLayout } from '../../../src/renderer/features/wall/wallLayout'
import { isWallAction, WallState } from '../../../src/renderer/features/wall/wallState'
import { wallSessionFromUrl, wallUrl } from '../../../src/renderer/features/wall/wallWindow'

const grid: BoardStructure = {
  type: 'grid',
  x: 0,
  y: 0,
  headerHeight: 180,
  laneHeaderWidth: 300,
  stages: ['a', 'b', 'c', 'd', 'e'].map((id) => ({
    id,
    label: id,
    prompt: '',
    easyRead: '',
    kinds: [],
    width: 480,
  })),
  lanes: ['l1', 'l2'].map((id) => ({ id, label: id, prompt: '', easyRead: '', kinds: [], height: 340 })),
} as unknown as BoardStructure

describe('wall layout', () => {
  it('puts the panel where it costs the board least: beside a tall board, above a wide one', () => {
    const screen = { w: 1920, h: 1080 }
    expect(wallLayout(screen, { w: 2700, h: 2220 }).panel).toBe('left')
    expect(wallLayout(screen, { w: 8000, h: 900 }).panel).toBe('top')
    const l = wallLayout(screen, { w: 2700, h: 2220 })
    expect(l.insets).toEqual({ top: 0, right: 0, bottom: 0, left: l.panelSize })
    // never on the right or bottom: the canvas's bottom-right corner (tldraw's watermark) stays free
    for (const b of [
      { w: 100, h: 5000 },
      { w: 5000, h: 100 },
      { w: 1000, h: 1000 },
    ]) {
      const x = wallLayout(screen, b)
      expect(x.insets.right).toBe(0)
      expect(x.insets.bottom).toBe(0)
    }
  })

  it('fits the current activity’s stage column, lane row or the whole structure', () => {
    const whole = structureBounds(grid)
    const act = { ...newActivity('x1', { title: 'Map', targetId: 'c' }) }
    expect(wallArea(grid, act, 'activity')).toEqual({ x: 300 + 2 * 480, y: 0, w: 480, h: whole.h })
    expect(wallArea(grid, act, 'structure')).toEqual(whole)
    // the shipped templates target lanes: the whole row, its label included
    expect(wallArea(grid, { ...act, targetId: 'l2' }, 'activity')).toEqual({
      x: 0,
      y: 180 + 340,
      w: whole.w,
      h: 340,
    })
    expect(wallArea(grid, { ...act, targetId: null }, 'activity')).toEqual(whole)
    expect(wallArea(grid, { ...act, targetId: 'nope' }, 'activity')).toEqual(whole)
    expect(wallArea(null, act, 'activity')).toBeNull()
  })
})

describe('wall state and messages', () => {
  it('enters on the board, shows results, goes back, toggles what is fitted, leaves', () => {
    const w = new WallState()
    w.apply({ type: 'enter' })
    expect(w.get()).toMatchObject({ on: true, view: 'board', fit: 'activity' })
    const seq = w.get().fitSeq
    w.apply({ type: 'results', roundId: 'r1' })
    expect(w.get()).toMatchObject({ view: 'results', roundId: 'r1' })
    w.apply({ type: 'board' })
    expect(w.get().view).toBe('board')
    w.apply({ type: 'fit' })
    expect(w.get().fit).toBe('structure')
    expect(w.get().fitSeq).toBeGreaterThan(seq)
    w.apply({ type: 'fit', fit: 'activity' })
    expect(w.get().fit).toBe('activity')
    w.apply({ type: 'leave' })
    expect(w.get().on).toBe(false)
  })

  it('accepts only well-formed actions from other windows', () => {
    expect(isWallAction({ type: 'results' })).toBe(true)
    expect(isWallAction({ type: 'fit', fit: 'structure' })).toBe(true)
    for (const bad of [
      null,
      'enter',
      {},
      { type: 'nuke' },
      { type: 'fit', fit: 'x' },
      { type: 'results', roundId: 5 },
    ])
      expect(isWallAction(bad)).toBe(false)
  })

  it('the wall window’s address carries the session, never the token', () => {
    const u = wallUrl('http://127.0.0.1:4000/?token=secret#x', 'abc')
    expect(new URL(u).searchParams.get('token')).toBeNull()
    expect(wallSessionFromUrl(u)).toBe('abc')
    expect(wallSessionFromUrl('http://127.0.0.1:4000/?wall=../../x')).toBeNull()
    expect(wallSessionFromUrl('http://127.0.0.1:4000/')).toBeNull()
  })
})
