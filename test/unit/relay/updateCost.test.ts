import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, DEFAULT_LIMITS, RelayRefusal, checkUpdateCost } from '../../../src/core/node/relay'

const limits = { maxStructsPerUpdate: 100, maxItemContentLength: 1000, maxNesting: 4 }

function check(doc: Y.Doc, update: Uint8Array): number | null {
  try {
    checkUpdateCost(doc, Y.decodeUpdate(update), limits)
    return null
  } catch (err) {
    if (err instanceof RelayRefusal) return err.code
    throw err
  }
}

/** The update `change` makes to `doc` (applied to it too). */
function diff(doc: Y.Doc, change: () => void): Uint8Array {
  const sv = Y.encodeStateVector(doc)
  change()
  return Y.encodeStateAsUpdate(doc, sv)
}

/** Nested maps `depth` deep under the root map `meta`. */
function nest(doc: Y.Doc, depth: number): Y.Map<unknown> {
  let m: Y.Map<unknown> = doc.getMap('meta')
  for (let i = 0; i < depth; i++) {
    const next = new Y.Map<unknown>()
    m.set(`k${i}`, next)
    m = next
  }
  return m
}

describe('relay: update cost checks (ADR 0022)', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_LIMITS).toMatchObject({ maxStructsPerUpdate: 20_000, maxNesting: 32 })
  })

  it('counts structs', () => {
    const d = new Y.Doc()
    const ok = diff(d, () => {
      for (let i = 0; i < 90; i++) d.getArray('a').insert(0, [i])
    })
    expect(check(new Y.Doc(), ok)).toBeNull()
    const d2 = new Y.Doc()
    const tooMany = diff(d2, () => {
      for (let i = 0; i < 150; i++) d2.getArray('a').insert(0, [i])
    })
    expect(check(new Y.Doc(), tooMany)).toBe(CLOSE_CODES.UPDATE_TOO_LARGE)
  })

  it('measures strings, binary and JSON values per item', () => {
    const cases: [(d: Y.Doc) => void, boolean][] = [
      [(d) => d.getText('t').insert(0, 'x'.repeat(999)), true],
      [(d) => d.getText('t').insert(0, 'x'.repeat(1001)), false],
      [(d) => d.getMap('m').set('k', 'y'.repeat(1001)), false],
      [(d) => d.getMap('m').set('k', new Uint8Array(1001)), false],
      [(d) => d.getMap('m').set('k', { a: Array.from({ length: 600 }, () => 1) }), true],
      [(d) => d.getMap('m').set('k', { a: Array.from({ length: 1200 }, () => 1) }), false],
    ]
    for (const [make, fits] of cases) {
      const d = new Y.Doc()
      const u = diff(d, () => make(d))
      expect(check(new Y.Doc(), u), make.toString()).toBe(fits ? null : CLOSE_CODES.UPDATE_TOO_LARGE)
    }
  })

  it('bounds nested JSON values', () => {
    let v: unknown = 1
    for (let i = 0; i < 6; i++) v = [v]
    const d = new Y.Doc()
    expect(
      check(
        new Y.Doc(),
        diff(d, () => d.getMap('m').set('k', v)),
      ),
    ).toBe(CLOSE_CODES.UPDATE_TOO_LARGE)
  })

  it('bounds nested shared types, in the update and on top of the document', () => {
    const d = new Y.Doc()
    expect(
      check(
        new Y.Doc(),
        diff(d, () => nest(d, 4)),
      ),
    ).toBeNull()
    const d2 = new Y.Doc()
    expect(
      check(
        new Y.Doc(),
        diff(d2, () => nest(d2, 5)),
      ),
    ).toBe(CLOSE_CODES.UPDATE_TOO_LARGE)
    // Three levels already in the doc; two more in an update, the second placed after a sibling
    // (its parent is then not written in the update but found through its origin).
    const doc = new Y.Doc()
    const inner = nest(doc, 3)
    inner.set('sibling', 1)
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
    let level3: Y.Map<unknown> = replica.getMap('meta')
    for (let i = 0; i < 3; i++) level3 = level3.get(`k${i}`) as Y.Map<unknown>
    const u = diff(replica, () => {
      const arr = new Y.Array<unknown>()
      level3.set('list', arr)
      arr.insert(0, ['first'])
      arr.insert(1, [new Y.Map()])
    })
    expect(check(doc, u)).toBe(CLOSE_CODES.UPDATE_TOO_LARGE)
    const shallow = diff(replica, () => level3.set('plain', 'text'))
    expect(check(doc, shallow)).toBeNull()
  })
})
