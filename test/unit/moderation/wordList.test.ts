import { describe, expect, it } from 'vitest'
import { matchWordList, parseWordList } from '../../../src/core/common/moderation/moderation'

describe('moderation word list', () => {
  it('matches whole words, whatever the case or accents', () => {
    expect(matchWordList('The CAFÉ was cold', ['cafe'])).toBe('cafe')
    expect(matchWordList('the café', ['CAFE'])).toBe('CAFE')
    expect(matchWordList('Ça suffit', ['ca'])).toBe('ca')
    expect(matchWordList('the cafeteria', ['cafe'])).toBeNull()
    expect(matchWordList('a class act', ['ass'])).toBeNull()
    expect(matchWordList('ASS!', ['ass'])).toBe('ass')
  })

  it('matches a phrase only as its words in a row', () => {
    expect(matchWordList('this is a bad  word, sadly', ['bad word'])).toBe('bad word')
    expect(matchWordList('bad, and a word', ['bad word'])).toBeNull()
    expect(matchWordList('no match here', ['bad word', 'here'])).toBe('here')
  })

  it('keeps apostrophes inside a word whole and folds compatibility forms', () => {
    expect(matchWordList("don't", ['don'])).toBeNull()
    expect(matchWordList("DON'T do that", ["don't"])).toBe("don't")
    expect(matchWordList('ｆｉｎｅ', ['fine'])).toBe('fine')
  })

  it('an empty list or empty text matches nothing', () => {
    expect(matchWordList('anything', [])).toBeNull()
    expect(matchWordList('', ['x'])).toBeNull()
    expect(matchWordList('...', ['...'])).toBeNull()
  })

  it('reads a list typed one entry a line, without blanks or repeats', () => {
    expect(parseWordList('  one \n\nTwo words\r\nONE\nÓne\n  ')).toEqual(['one', 'Two words'])
  })
})
