import { describe, expect, it } from 'vitest'
import { canEditStructure } from '../../../src/core/common/permissions'

describe('structure lock', () => {
  it('lets facilitators edit always, co-facilitators only while unlocked, and nobody else', () => {
    expect(canEditStructure('facilitator', true)).toBe(true)
    expect(canEditStructure('co-facilitator', false)).toBe(true)
    expect(canEditStructure('co-facilitator', true)).toBe(false)
    for (const r of ['participant', 'observer', null, undefined] as const) {
      expect(canEditStructure(r, false)).toBe(false)
    }
  })
})
