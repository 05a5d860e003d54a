import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FORBIDDEN_KEYS, parseJsonSafely } from '../../../src/core/common/templates/safeJson'

const LIMITS = { maxDepth: 64, maxArrayLength: 10_000, maxObjectKeys: 10_000, maxStringLength: 1_000_000 }

const hasForbiddenKey = (v: unknown): boolean =>
  v !== null &&
  typeof v === 'object' &&
  (Array.isArray(v)
    ? v.some(hasForbiddenKey)
    : Object.entries(v).some(([k, x]) => FORBIDDEN_KEYS.has(k) || hasForbiddenKey(x)))

describe('parseJsonSafely', () => {
  it('reads every JSON value exactly as JSON.parse does (compact and pretty-printed)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        fc.pre(!hasForbiddenKey(v))
        const text = pretty ? JSON.stringify(v, null, 2) : JSON.stringify(v)
        const r = parseJsonSafely(text, LIMITS)
        expect(r.ok).toBe(true)
        if (r.ok) expect(r.value).toEqual(JSON.parse(text))
      }),
      { numRuns: 500 },
    )
  })

  it('rejects everything JSON.parse rejects (on mutated JSON texts)', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '\u0001'),
        (v, at, insert) => {
          const text = JSON.stringify(v)
          const i = at % (text.length + 1)
          const mutated = text.slice(0, i) + insert + text.slice(i)
          let standard: 'ok' | 'error'
          try {
            JSON.parse(mutated)
            standard = 'ok'
          } catch {
            standard = 'error'
          }
          const r = parseJsonSafely(mutated, LIMITS)
          // we may reject more (duplicate or forbidden keys) but never accept what JSON.parse rejects
          if (standard === 'error') expect(r.ok).toBe(false)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('builds objects without a prototype', () => {
    const r = parseJsonSafely('{"a": {"b": 1}}', LIMITS)
    expect(r.ok && Object.getPrototypeOf((r.value as { a: object }).a)).toBeNull()
  })

  it('reports line and column of the problem', () => {
    const r = parseJsonSafely('{\n  "a": 1,\n  "a": 2\n}', LIMITS)
    expect(r).toEqual({
      ok: false,
      problem: { path: ['a'], message: 'the key "a" appears twice in the same object', line: 3, column: 3 },
    })
  })

  it('enforces the string length limit', () => {
    const r = parseJsonSafely(`"${'x'.repeat(101)}"`, { ...LIMITS, maxStringLength: 100 })
    expect(r.ok).toBe(false)
  })
})
