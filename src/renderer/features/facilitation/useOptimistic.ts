import { useState } from 'react'

/**
 * A controlled checkbox bound to a document value that updates a frame later (useDocValue) would spring
 * back for that frame, and a fast second click would be lost. This shows the person's choice at once
 * and follows the document again as soon as the document agrees (or changes to something else).
 */
export function useOptimistic<T>(fromDoc: T): [T, (v: T) => void] {
  const [pending, setPending] = useState<{ value: T; base: T } | null>(null)
  if (pending && !Object.is(pending.base, fromDoc)) {
    // The document moved (to our value or another one): it is the truth again.
    setPending(null)
    return [fromDoc, (v) => setPending({ value: v, base: fromDoc })]
  }
  return [pending ? pending.value : fromDoc, (v) => setPending({ value: v, base: fromDoc })]
}
