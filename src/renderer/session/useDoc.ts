import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { sessionMap, type SessionMapName } from '../../core/common/session/docSchema'

/**
 * A value derived from the session document, recomputed after every document update (throttled to one
 * animation frame) and kept referentially stable while its JSON does not change.
 */
export function useDocValue<T>(
  doc: Y.Doc | null,
  read: (doc: Y.Doc) => T,
  deps: readonly unknown[] = [],
  /** At most one recomputation per this many ms (expensive reads: tallies, voice balance). */
  throttleMs = 0,
): T | null {
  const readRef = useRef(read)
  readRef.current = read
  const [value, setValue] = useState<T | null>(() => (doc ? read(doc) : null))
  useEffect(() => {
    if (!doc) {
      setValue(null)
      return
    }
    let last = ''
    let frame: number | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    let lastPull = 0
    const pull = () => {
      frame = null
      timer = null
      lastPull = performance.now()
      const v = readRef.current(doc)
      const s = JSON.stringify(v)
      if (s === last) return
      last = s
      setValue(v)
    }
    pull()
    const onUpdate = () => {
      if (frame !== null || timer !== null) return
      const wait = throttleMs - (performance.now() - lastPull)
      if (wait > 0) timer = setTimeout(() => (frame = requestAnimationFrame(pull)), wait)
      else frame = requestAnimationFrame(pull)
    }
    doc.on('update', onUpdate)
    return () => {
      doc.off('update', onUpdate)
      if (frame !== null) cancelAnimationFrame(frame)
      if (timer !== null) clearTimeout(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, throttleMs, ...deps])
  return value
}

/**
 * A value derived from some of the session document's top-level maps (e.g. workshop, voting,
 * facilitation), recomputed only when one of them changes — never on card edits, which live in
 * tl_records — and kept referentially stable while its JSON does not change.
 */
export function useMapsValue<T>(doc: Y.Doc, maps: readonly SessionMapName[], read: (doc: Y.Doc) => T): T {
  const readRef = useRef(read)
  readRef.current = read
  const [value, setValue] = useState<{ doc: Y.Doc; v: T; json: string }>(() => {
    const v = read(doc)
    return { doc, v, json: JSON.stringify(v) }
  })
  const key = maps.join('\n')
  useEffect(() => {
    const pull = () => {
      const v = readRef.current(doc)
      const json = JSON.stringify(v)
      setValue((cur) => (cur.doc === doc && cur.json === json ? cur : { doc, v, json }))
    }
    pull()
    const ys = key.split('\n').map((k) => sessionMap(doc, k as SessionMapName))
    for (const m of ys) m.observeDeep(pull)
    return () => ys.forEach((m) => m.unobserveDeep(pull))
  }, [doc, key])
  return value.doc === doc ? value.v : read(doc)
}

/** Re-renders every `ms` (for countdowns). */
export function useTick(ms: number, on = true): number {
  const [n, setN] = useState(0)
  useEffect(() => {
    if (!on) return
    const t = setInterval(() => setN((x) => x + 1), ms)
    return () => clearInterval(t)
  }, [ms, on])
  return n
}
