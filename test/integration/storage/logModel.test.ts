import { appendFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { docFrom, tempDir } from './helpers'

type Op =
  | { kind: 'edit'; key: number; value: number }
  | { kind: 'flush' }
  | { kind: 'compact' }
  | { kind: 'reopen' }
  | { kind: 'tear'; bytes: number[] }

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), key: fc.nat(20), value: fc.nat(1000) }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tear' as const),
      bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 30 }),
    }),
  },
)

describe('update log against a model', () => {
  it('after any sequence of edits, flushes, compactions, reopens and torn tails, the board equals the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const { dir, cleanup } = await tempDir()
        let store = await SessionStore.open(dir, { batchMs: 250, compactBytes: 1024 })
        try {
          const { id } = await store.create({ title: 'Model' })
          const model = new Map<string, number>()
          let doc = docFrom(await store.load(id))
          const wire = (d: Y.Doc, s: SessionStore) => d.on('update', (u: Uint8Array) => s.append(id, u))
          wire(doc, store)
          for (const o of ops) {
            if (o.kind === 'edit') {
              doc.getMap<number>('m').set(`k${o.key}`, o.value)
              model.set(`k${o.key}`, o.value)
            } else if (o.kind === 'flush') await store.flush(id)
            else if (o.kind === 'compact') await store.compact(id)
            else {
              // close() flushes first, so a reopen loses nothing; a tear then appends garbage to the closed log
              await store.close()
              if (o.kind === 'tear')
                await appendFile(path.join(dir, 'sessions', id, 'updates.log'), Buffer.from(o.bytes))
              store = await SessionStore.open(dir, { batchMs: 250, compactBytes: 1024 })
              doc.destroy()
              doc = docFrom(await store.load(id))
              expect(doc.getMap('m').toJSON()).toEqual(Object.fromEntries(model))
              wire(doc, store)
            }
          }
          await store.close()
          store = await SessionStore.open(dir)
          expect(
            docFrom(await store.load(id))
              .getMap('m')
              .toJSON(),
          ).toEqual(Object.fromEntries(model))
        } finally {
          await store.close()
          await cleanup()
        }
      }),
      { numRuns: 25 },
    )
  }, 120_000)
})
