import { describe, expect, it } from 'vitest'
import {
  CARD_LIMITS,
  CardProps,
  defaultCardProps,
  newCardProps,
  normaliseCardFields,
  scribedAuthor,
} from '../../../src/core/common/cards/card'
import { cardAuthorLabel, describeCard } from '../../../src/core/common/cards/describeCard'
import { cardShapeProps } from '../../../src/renderer/board/shapes/cardSchema'

const author = { id: 'p1', name: 'Sam', anonymous: false, coproRole: 'service-user' as const }

describe('the one card definition', () => {
  it('normalises fields the same way for every form', () => {
    const long = 'x'.repeat(CARD_LIMITS.textMax + 10)
    expect(normaliseCardFields({ kind: 'idea', text: long, owner: 'Ana', due: '2026-01-02' })).toEqual({
      kind: 'idea',
      text: 'x'.repeat(CARD_LIMITS.textMax),
      owner: '',
      due: '',
    })
    expect(
      normaliseCardFields({ kind: 'action', text: 't', owner: 'o'.repeat(100), due: '2026-01-02' }),
    ).toEqual({ kind: 'action', text: 't', owner: 'o'.repeat(CARD_LIMITS.nameMax), due: '2026-01-02' })
    expect(normaliseCardFields({ kind: 'action', text: 't', owner: '', due: '2 Jan' }).due).toBe('')
  })

  it('stores the author name only with consent, and a new card passes its own schema', () => {
    const named = newCardProps('action', 'Call back', author, { owner: 'Ana', due: '2026-03-04' }, 5)
    expect(CardProps.parse(named)).toEqual(named)
    expect(named).toMatchObject({ authorName: 'Sam', owner: 'Ana', due: '2026-03-04', createdAt: 5 })
    expect(newCardProps('idea', 'x', { ...author, anonymous: true }, {}, 5).authorName).toBe('')
    expect(CardProps.safeParse(defaultCardProps()).success).toBe(true)
  })
})

describe('scribed cards (issue 16 item 3)', () => {
  const facilitator = { id: 'fac-1', name: 'Fran', anonymous: false, coproRole: 'facilitator' as const }

  it('are authored by the person whose voice they are (name only with consent) and name the scribe', () => {
    const forSam = scribedAuthor(facilitator, {
      kind: 'participant',
      id: 'p-sam',
      name: 'Sam',
      anonymous: true,
      coproRole: 'service-user',
    })
    const props = newCardProps('idea', 'Buses', forSam.author, { scribe: forSam.scribe }, 5)
    expect(props).toMatchObject({
      authorId: 'p-sam',
      authorRole: 'service-user',
      authorName: '',
      scribe: { id: 'fac-1', role: 'facilitator' },
    })
    expect(CardProps.parse(props)).toEqual(props)
    expect(cardAuthorLabel(props)).toBe('Anonymous (scribed)')
    expect(describeCard(props)).toMatch(/^Idea card by Anonymous \(scribed\) \(Service user\)/)
  })

  it('can be scribed for a role with no person, and cards without a scribe stay valid', () => {
    const forRole = scribedAuthor(facilitator, { kind: 'role', coproRole: 'carer-family' })
    expect(newCardProps('pain', 'x', forRole.author, { scribe: forRole.scribe }, 1)).toMatchObject({
      authorId: '',
      authorRole: 'carer-family',
      scribe: { id: 'fac-1' },
    })
    const old = newCardProps('idea', 'x', author, {}, 1)
    expect('scribe' in old).toBe(false)
    expect(CardProps.safeParse(old).success).toBe(true)
  })
})

describe('the tldraw validators derive from the zod schema', () => {
  const valid = newCardProps('action', 'ok', author, { owner: 'Ana', due: '2026-03-04' }, 1)
  const bad: Record<keyof CardProps, unknown[]> = {
    w: [0, -1, CARD_LIMITS.sizeMax + 1, Number.NaN, '200'],
    h: [0, Infinity, null],
    kind: ['story', '', 3],
    text: ['x'.repeat(CARD_LIMITS.textMax + 1), 5],
    authorId: ['a'.repeat(CARD_LIMITS.authorIdMax + 1)],
    authorRole: ['boss', undefined],
    authorName: ['n'.repeat(CARD_LIMITS.nameMax + 1)],
    createdAt: [-1, 1.5],
    owner: ['o'.repeat(CARD_LIMITS.nameMax + 1)],
    due: ['2026-3-4', 'tomorrow', '2026-03-04T10:00'],
    scribe: [
      { id: 'f', role: 'boss' },
      { id: 'f'.repeat(CARD_LIMITS.authorIdMax + 1), role: 'facilitator' },
      'f',
    ],
    photo: [{ assetId: 'x.png', w: 1, h: 1 }, { assetId: `${'a'.repeat(64)}.svg`, w: 1, h: 1 }, 'p'],
  }

  it('has a validator for every prop and no other', () => {
    expect(Object.keys(cardShapeProps).sort()).toEqual(Object.keys(CardProps.shape).sort())
  })

  it.each(Object.keys(bad) as Array<keyof CardProps>)('%s: tldraw accepts and rejects what zod does', (k) => {
    expect(cardShapeProps[k]!.validate(valid[k])).toBe(valid[k])
    for (const v of bad[k]) {
      expect(CardProps.shape[k].safeParse(v).success).toBe(false)
      expect(() => cardShapeProps[k]!.validate(v)).toThrow()
    }
  })
})
