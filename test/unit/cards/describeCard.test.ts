import { describe, expect, it } from 'vitest'
import { newCardProps, scribedAuthor } from '../../../src/core/common/cards/card'
import { describeCard } from '../../../src/core/common/cards/describeCard'
import { translator } from '../../../src/shared/i18n'

/** The card's screen-reader description (tldraw's announcements of the canvas) in the reader's language. */
const sam = { id: 'p1', name: 'Sam', anonymous: false, coproRole: 'frontline-staff' as const }
const anon = { id: 'p2', name: 'Ali', anonymous: true, coproRole: 'service-user' as const }
const en = translator('en').t
const cy = translator('cy').t

describe('describeCard', () => {
  it('says kind, author, role, votes and comments in English, with plurals', () => {
    const idea = newCardProps('idea', 'Ring back the same day', sam, {}, 1)
    expect(describeCard(idea)).toBe('Idea card by Sam (Staff): Ring back the same day')
    expect(describeCard(idea, en, { votes: 1, comments: 2 })).toBe(
      'Idea card by Sam (Staff), 1 vote, 2 comments: Ring back the same day',
    )
    expect(describeCard(idea, en, { votes: 0, comments: 1 })).toBe(
      'Idea card by Sam (Staff), 0 votes, 1 comment: Ring back the same day',
    )
    const action = newCardProps('action', '', anon, { owner: 'Jo', due: '2027-01-31' }, 1)
    expect(describeCard(action, en)).toBe(
      'Action card by Anonymous (Service user), owner Jo, due 2027-01-31: empty',
    )
  })

  it('says it in Welsh, the noun after each number mutated for its plural form', () => {
    const pain = newCardProps('pain', 'Dw i byth yn gwybod pwy i’w ffonio', sam, {}, 1)
    const said = (votes: number) => describeCard(pain, cy, { votes })
    expect(said(1)).toBe('Cerdyn Anhawster gan Sam (Staff), 1 bleidlais: Dw i byth yn gwybod pwy i’w ffonio')
    expect([0, 2, 3, 6, 7].map((n) => said(n).split(':')[0]!.split(', ')[1])).toEqual([
      '0 pleidlais',
      '2 bleidlais',
      '3 pleidlais',
      '6 phleidlais',
      '7 pleidlais',
    ])
    expect(describeCard(pain, cy, { comments: 2 })).toContain('(Staff), 2 sylw:')
    const anonymous = newCardProps('idea', '', anon, {}, 1)
    expect(describeCard(anonymous, cy)).toBe('Cerdyn Syniad gan rywun dienw (Defnyddiwr gwasanaeth): gwag')
    const facilitator = { id: 'f', name: 'Non', anonymous: false, coproRole: 'facilitator' as const }
    const scribed = scribedAuthor(facilitator, { kind: 'participant', ...sam })
    const props = newCardProps('idea', 'Bysiau', scribed.author, { scribe: scribed.scribe }, 1)
    expect(describeCard(props, cy)).toBe(
      'Cerdyn Syniad gan Sam (wedi’i ysgrifennu ar ei ran) (Staff): Bysiau',
    )
    const action = newCardProps('action', 'Ffonio', sam, { owner: 'Jo', due: '2027-01-31' }, 1)
    expect(describeCard(action, cy)).toBe(
      'Cerdyn Cam gweithredu gan Sam (Staff), perchennog: Jo, erbyn 2027-01-31: Ffonio',
    )
  })

  it('an Arabic guest hears it in Arabic, the card’s own words untouched', () => {
    const idea = newCardProps('idea', 'Buses at night', sam, {}, 1)
    const said = describeCard(idea, translator('ar').t, { votes: 2 })
    expect(said).toContain('صوتان')
    expect(said.endsWith(': Buses at night')).toBe(true)
    expect(said).not.toMatch(/card|vote/)
  })
})
