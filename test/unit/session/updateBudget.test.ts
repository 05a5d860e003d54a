import { describe, expect, it } from 'vitest'
import { batchesWithinBudget } from '../../../src/core/common/session/updateBudget'

describe('batchesWithinBudget', () => {
  it('keeps order, stays within the budget, and gives an oversized entry a batch of its own', () => {
    const entries = ['aaaa', 'bb', 'cccccccccc', 'd', 'ee', 'f']
    const batches = batchesWithinBudget(entries, (e) => e.length, 5)
    expect(batches).toEqual([['aaaa'], ['bb'], ['cccccccccc'], ['d', 'ee', 'f']])
    expect(batches.flat()).toEqual(entries)
  })

  it('returns no batch for no entries, one batch when all fit', () => {
    expect(batchesWithinBudget([])).toEqual([])
    expect(batchesWithinBudget([{ a: 1 }, { b: 2 }])).toEqual([[{ a: 1 }, { b: 2 }]])
  })
})
