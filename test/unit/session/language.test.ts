import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sessionMap, WORKSHOP_KEYS } from '../../../src/core/common/session/docSchema'
import { readSessionLanguage, writeSessionLanguage } from '../../../src/core/common/session/language'

describe('the session language (workshop.language)', () => {
  it('reads as English until the facilitator chooses, and follows the choice', () => {
    const doc = new Y.Doc()
    expect(readSessionLanguage(doc)).toBe('en')
    writeSessionLanguage(doc, 'cy')
    expect(sessionMap(doc, 'workshop').get(WORKSHOP_KEYS.language)).toBe('cy')
    expect(readSessionLanguage(doc)).toBe('cy')
  })

  it('reads a value that is not a language we speak as English, and refuses to write one', () => {
    const doc = new Y.Doc()
    sessionMap(doc, 'workshop').set(WORKSHOP_KEYS.language, 'klingon')
    expect(readSessionLanguage(doc)).toBe('en')
    sessionMap(doc, 'workshop').set(WORKSHOP_KEYS.language, { code: 'cy' })
    expect(readSessionLanguage(doc)).toBe('en')
    expect(() => writeSessionLanguage(doc, 'xx' as never)).toThrow()
  })
})
