import { describe, expect, it } from 'vitest'
import { CARD_KINDS } from '../../../src/core/common/cards/card'
import {
  defaultLinkKind,
  LINK_KINDS,
  LINK_META_KEY,
  linkKindOf,
  storedLinkKind,
} from '../../../src/core/common/cards/link'

describe('link kinds', () => {
  it('an action or idea joined to a pain addresses it, whichever way the arrow points', () => {
    expect(defaultLinkKind('action', 'pain')).toBe('addresses')
    expect(defaultLinkKind('pain', 'action')).toBe('addresses')
    expect(defaultLinkKind('idea', 'pain')).toBe('addresses')
    expect(defaultLinkKind('pain', 'pain')).toBe('causes')
    expect(defaultLinkKind('action', 'contribution')).toBe('relates')
    expect(defaultLinkKind('gain', 'pain')).toBe('relates')
  })

  it('every pair of kinds has a default that is a link kind', () => {
    for (const a of CARD_KINDS)
      for (const b of CARD_KINDS) expect(LINK_KINDS).toContain(defaultLinkKind(a, b))
  })

  it('reads the stored kind from the arrow meta, and nothing from junk', () => {
    expect(storedLinkKind({ [LINK_META_KEY]: 'causes' })).toBe('causes')
    for (const junk of [null, undefined, 5, 'addresses', {}, { [LINK_META_KEY]: 'ADDRESSES' }, []])
      expect(storedLinkKind(junk)).toBeNull()
    expect(linkKindOf({ [LINK_META_KEY]: 'relates' }, 'action', 'pain')).toBe('relates')
    expect(linkKindOf({}, 'action', 'pain')).toBe('addresses')
  })
})
