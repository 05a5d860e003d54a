import { describe, expect, it } from 'vitest'
import { cellLabel, targetCell } from '../../../src/renderer/guest/targetCell'
import type { Activity, Agenda } from '../../../src/core/common/facilitation/schema'
import type { BoardStructure } from '../../../src/shared/model/structure'
import type { CardKind } from '../../../src/shared/model/cardKinds'

const activity = (id: string, targetId: string | null): Activity => ({
  id,
  title: id,
  durationMs: 0,
  instructions: '',
  private: false,
  contentNote: '',
  targetId,
})
const agenda = (targetId: string | null, currentIndex = 0): Agenda => ({
  activities: [activity('a1', targetId), activity('a2', null)],
  currentIndex,
})
const item = (id: string, label: string, kinds: CardKind[]) => ({
  id,
  label,
  prompt: '',
  easyRead: '',
  kinds,
})

const grid: BoardStructure = {
  type: 'grid',
  x: 0,
  y: 0,
  headerHeight: 80,
  laneHeaderWidth: 160,
  stages: [
    { ...item('before', 'Before', []), width: 300 },
    { ...item('during', 'During', ['pain']), width: 300 },
  ],
  lanes: [
    { ...item('steps', 'Steps', ['quote']), height: 200 },
    { ...item('hard', 'What is hard', ['pain']), height: 200 },
    { ...item('ideas', 'Ideas', ['idea']), height: 200 },
  ],
}
const zones: BoardStructure = {
  type: 'zones',
  zones: [
    { ...item('offers', 'Offers', ['contribution']), x: 0, y: 0, w: 400, h: 300 },
    { ...item('asks', 'Asks', []), x: 500, y: 0, w: 400, h: 300 },
  ],
}

describe('targetCell: where a card from the simple composer goes', () => {
  it('a stage target picks the lane that asks for the kind, else the first lane', () => {
    expect(targetCell(agenda('during'), grid, 'pain')).toEqual({
      type: 'cell',
      stageId: 'during',
      laneId: 'hard',
    })
    expect(targetCell(agenda('during'), grid, 'idea')).toEqual({
      type: 'cell',
      stageId: 'during',
      laneId: 'ideas',
    })
    expect(targetCell(agenda('during'), grid, 'question')).toEqual({
      type: 'cell',
      stageId: 'during',
      laneId: 'steps',
    })
  })
  it('a lane target picks the stage that asks for the kind, else the first stage', () => {
    expect(targetCell(agenda('hard'), grid, 'pain')).toEqual({
      type: 'cell',
      stageId: 'during',
      laneId: 'hard',
    })
    expect(targetCell(agenda('hard'), grid, 'idea')).toEqual({
      type: 'cell',
      stageId: 'before',
      laneId: 'hard',
    })
  })
  it('a zone target is that zone', () => {
    expect(targetCell(agenda('asks'), zones, 'idea')).toEqual({ type: 'zone', zoneId: 'asks' })
  })
  it('no current activity, no target, a target no longer on the board, or no structure: null', () => {
    expect(targetCell(agenda('during', -1), grid, 'pain')).toBeNull()
    expect(targetCell(agenda('during', 1), grid, 'pain')).toBeNull()
    expect(targetCell(agenda('gone'), grid, 'pain')).toBeNull()
    expect(targetCell(agenda('offers'), grid, 'pain')).toBeNull()
    expect(targetCell(agenda('during'), null, 'pain')).toBeNull()
  })
  it('labels cells in plain words', () => {
    expect(cellLabel(grid, { type: 'cell', stageId: 'during', laneId: 'hard' })).toBe('During · What is hard')
    expect(cellLabel(zones, { type: 'zone', zoneId: 'offers' })).toBe('Offers')
    expect(cellLabel(grid, null)).toBeNull()
    expect(cellLabel(grid, { type: 'zone', zoneId: 'offers' })).toBeNull()
  })
})
