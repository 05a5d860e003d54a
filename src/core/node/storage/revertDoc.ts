import * as Y from 'yjs'
import { DOC_KEYS, sessionMap, topLevelArray, topLevelMap } from '../../common/session/docSchema'

/**
 * Top-level types a revert leaves as they are now: consent withdrawals are never undone by going back
 * in time (a participant who withdrew after the checkpoint stays withdrawn), and neither are the trash
 * and the activity log (what a revert removes goes to the trash; the log keeps what happened).
 */
export const KEPT_ON_REVERT: readonly string[] = [DOC_KEYS.withdrawn, DOC_KEYS.trash, DOC_KEYS.activity]

/** The origin of the transaction revertDocTo makes (so bindings can tell a revert from a local edit). */
export const REVERT_ORIGIN = 'copro:revert'

type Kind = 'keyed-array' | 'array' | 'map'

const MAP_KEYS = new Set<string>(
  Object.values(DOC_KEYS).filter((k) => k !== DOC_KEYS.records && k !== DOC_KEYS.activity),
)

function jsonOf(v: unknown): string {
  return JSON.stringify(v instanceof Y.AbstractType ? v.toJSON() : v) ?? 'undefined'
}

function copyValue(v: unknown): unknown {
  if (v instanceof Y.AbstractType) return (v as Y.AbstractType<unknown> & { clone(): unknown }).clone()
  return v === undefined ? v : structuredClone(v)
}

function kindOf(name: string, ...types: unknown[]): Kind {
  if (name === DOC_KEYS.records) return 'keyed-array'
  for (const t of types) {
    if (t instanceof Y.Map) return 'map'
    if (t instanceof Y.Array) return 'array'
  }
  if (MAP_KEYS.has(name)) return 'map'
  for (const t of types) {
    if (t && (t as unknown as { _start: unknown })._start !== null) return 'array'
  }
  return 'map'
}

function topMap(doc: Y.Doc, name: string): Y.Map<unknown> {
  const t = doc.share.get(name)
  return t instanceof Y.Map ? (t as Y.Map<unknown>) : topLevelMap(doc, name)
}

function topArray(doc: Y.Doc, name: string): Y.Array<unknown> {
  const t = doc.share.get(name)
  return t instanceof Y.Array ? (t as Y.Array<unknown>) : topLevelArray(doc, name)
}

function revertMap(live: Y.Map<unknown>, target: Y.Map<unknown>): void {
  for (const key of [...live.keys()]) if (!target.has(key)) live.delete(key)
  target.forEach((value, key) => {
    if (!live.has(key) || jsonOf(live.get(key)) !== jsonOf(value)) live.set(key, copyValue(value))
  })
}

function isEntry(v: unknown): v is { key: string; val: unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string'
}

/** YKeyValue semantics: entries are {key, val}; the rightmost entry for a key wins. */
function revertKeyedArray(live: Y.Array<unknown>, target: Y.Array<unknown>): void {
  const wanted = new Map<string, unknown>()
  for (const e of target.toArray()) if (isEntry(e)) wanted.set(e.key, e.val)
  const kept = new Set<string>()
  const current = live.toArray()
  for (let i = current.length - 1; i >= 0; i--) {
    const e = current[i]
    const keep =
      isEntry(e) && !kept.has(e.key) && wanted.has(e.key) && jsonOf(e.val) === jsonOf(wanted.get(e.key))
    if (keep) kept.add(e.key)
    else live.delete(i, 1)
  }
  const add: unknown[] = []
  for (const [key, val] of wanted) if (!kept.has(key)) add.push({ key, val: copyValue(val) })
  if (add.length) live.push(add)
}

function revertArray(live: Y.Array<unknown>, target: Y.Array<unknown>): void {
  if (jsonOf(live) === jsonOf(target)) return
  if (live.length) live.delete(0, live.length)
  const items = target.toArray().map(copyValue)
  if (items.length) live.insert(0, items)
}

/**
 * Makes `liveDoc` hold exactly the content of `checkpointState`, in ONE transaction on the live document,
 * so every connected client follows as with any other edit (and the change can itself be reverted).
 * Only the changed records are touched: tldraw records (`tl_records`, YKeyValue) are diffed by key, the
 * Y.Maps of the doc schema by key, any other top-level array is replaced when it differs.
 * Top-level Y.Text / Y.Xml types are not used by the doc schema and are left alone.
 */
export function revertDocTo(
  liveDoc: Y.Doc,
  checkpointState: Uint8Array,
  origin: unknown = REVERT_ORIGIN,
  keep: readonly string[] = KEPT_ON_REVERT,
): void {
  const target = new Y.Doc()
  try {
    Y.applyUpdate(target, checkpointState)
    const names = new Set<string>([...liveDoc.share.keys(), ...target.share.keys()])
    for (const k of keep) names.delete(k)
    liveDoc.transact(() => {
      for (const name of names) {
        const liveType = liveDoc.share.get(name)
        const targetType = target.share.get(name)
        if (liveType instanceof Y.Text || liveType instanceof Y.XmlFragment) continue
        const kind = kindOf(name, liveType, targetType)
        if (kind === 'map') revertMap(topMap(liveDoc, name), topMap(target, name))
        else if (kind === 'keyed-array') revertKeyedArray(topArray(liveDoc, name), topArray(target, name))
        else revertArray(topArray(liveDoc, name), topArray(target, name))
      }
    }, origin)
  } finally {
    target.destroy()
  }
}

/** The single update that turns a document holding `currentState` into one with the content of `checkpointState`. */
export function revertUpdate(currentState: Uint8Array, checkpointState: Uint8Array): Uint8Array {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, currentState)
    const before = Y.encodeStateVector(doc)
    revertDocTo(doc, checkpointState)
    return Y.encodeStateAsUpdate(doc, before)
  } finally {
    doc.destroy()
  }
}

/**
 * A checkpoint's state with the present's consent withdrawals carried over (for restoring a checkpoint as a
 * new session: people who withdrew since must stay withdrawn there too).
 */
export function withPresentWithdrawals(checkpointState: Uint8Array, currentState: Uint8Array): Uint8Array {
  const present = new Y.Doc()
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(present, currentState)
    Y.applyUpdate(doc, checkpointState)
    const now = sessionMap(present, 'withdrawn')
    if (now.size === 0) return checkpointState
    const then = sessionMap(doc, 'withdrawn')
    doc.transact(() => {
      now.forEach((v, k) => {
        if (!then.has(k)) then.set(k, copyValue(v))
      })
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    present.destroy()
    doc.destroy()
  }
}
