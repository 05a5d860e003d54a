import { describe, expect, it } from 'vitest'
import { isStructurallySame, parse } from '@formatjs/icu-messageformat-parser'
import {
  LANGUAGES,
  negotiateLanguage,
  ownCatalogue,
  pseudoLocalize,
  SOURCE_CATALOGUE,
  translator,
} from '../../../src/shared/i18n'
import { CARD_KIND_INFO, CARD_KINDS } from '../../../src/shared/model/cardKinds'
import { COPRO_ROLE_INFO, COPRO_ROLES } from '../../../src/shared/model/roles'

describe('message catalogues', () => {
  const sourceKeys = Object.keys(SOURCE_CATALOGUE)

  for (const lang of LANGUAGES) {
    const own = ownCatalogue(lang.code)
    it(`${lang.englishName}: every message parses and uses the same arguments as English`, () => {
      for (const [key, message] of Object.entries(own)) {
        expect(SOURCE_CATALOGUE[key], `${lang.code}: ${key} is not an English key`).toBeDefined()
        const same = isStructurallySame(parse(SOURCE_CATALOGUE[key]!), parse(message))
        expect(same.success, `${lang.code}: ${key}: ${same.error?.message ?? ''}`).toBe(true)
      }
    })
    if (lang.complete) {
      it(`${lang.englishName} is complete: every key exists`, () => {
        const missing = sourceKeys.filter((k) => own[k] === undefined || own[k]!.trim() === '')
        expect(missing).toEqual([])
      })
    }
  }

  it('every catalogue keeps its keys sorted (merges rely on it)', () => {
    for (const lang of LANGUAGES) {
      const keys = Object.keys(ownCatalogue(lang.code))
      expect(keys, lang.code).toEqual([...keys].sort())
    }
  })

  it('Arabic (partial) covers every key of the guest’s join and phone screens', () => {
    const guestAreas =
      /^(app|cards|common|consent|language|guest|guestBoard|join|joinCode|phone|composer|conn|close|kinds|roles)\./
    const ar = ownCatalogue('ar')
    const missing = sourceKeys.filter((k) => guestAreas.test(k) && ar[k] === undefined)
    expect(missing).toEqual([])
    // a guest on the full canvas: its cards, toolbar and composer
    const canvas = /^board\.(card|composer|loading|tool|toolbar)\./
    expect(sourceKeys.filter((k) => canvas.test(k) && ar[k] === undefined)).toEqual([])
  })

  it('the guest screens count in Welsh with mutations and in Arabic with its own forms', () => {
    const cy = translator('cy').t
    expect([1, 2, 3].map((count) => cy('conn.waiting', { count }))).toEqual([
      'Mae 1 cerdyn yn aros i’w anfon.',
      'Mae 2 gerdyn yn aros i’w hanfon.',
      'Mae 3 cherdyn yn aros i’w hanfon.',
    ])
    expect(cy('phone.vote.left', { left: 1, total: 2 })).toBe('Mae gennych chi 1 o 2 ddot ar ôl.')
    expect(translator('en').t('phone.vote.left', { left: 2, total: 3 })).toBe('You have 2 of 3 dots left.')
    expect(translator('ar').t('conn.waiting', { count: 2 })).toBe('بطاقتان تنتظران الإرسال.')
  })

  it('every card kind and co-production role has its words in every language', () => {
    for (const lang of LANGUAGES) {
      const own = ownCatalogue(lang.code)
      const missing = [
        ...CARD_KINDS.flatMap((k) => [`kinds.${k}.label`, `kinds.${k}.phrase`]),
        ...COPRO_ROLES.flatMap((r) => [`roles.${r}.label`, `roles.${r}.short`, `roles.${r}.hint`]),
      ].filter((key) => own[key] === undefined)
      expect(missing, lang.code).toEqual([])
    }
    // the English words are the shared model's
    for (const k of CARD_KINDS) expect(SOURCE_CATALOGUE[`kinds.${k}.label`]).toBe(CARD_KIND_INFO[k].label)
    for (const r of COPRO_ROLES) expect(SOURCE_CATALOGUE[`roles.${r}.label`]).toBe(COPRO_ROLE_INFO[r].label)
  })

  it('Welsh plurals use the six CLDR forms', () => {
    const t = translator('cy').t
    expect([0, 1, 2, 3, 6, 7].map((count) => t('common.cardCount', { count }))).toEqual([
      '0 cerdyn',
      '1 cerdyn',
      '2 gerdyn',
      '3 cherdyn',
      '6 cherdyn',
      '7 cerdyn',
    ])
  })

  it('the pseudo-locale accents and lengthens text but keeps arguments and plurals', () => {
    const p = pseudoLocalize('You have {n, plural, one {# card} other {# cards}}')
    expect(p.startsWith('⟦Ýöú ĥáṽé')).toBe(true)
    expect(p).toContain('{n,plural,one{# çáŕð')
    expect(translator('en-XA').t('common.cardCount', { count: 2 })).toMatch(/^⟦2 çáŕðš/)
  })

  it('negotiates the first language we speak, by primary subtag', () => {
    expect(negotiateLanguage(['cy-GB', 'en-GB'])).toBe('cy')
    expect(negotiateLanguage(['fr-FR', 'ar-EG'])).toBe('ar')
    expect(negotiateLanguage(['fr-FR'])).toBe('en')
    expect(translator('ar').dir).toBe('rtl')
  })
})
