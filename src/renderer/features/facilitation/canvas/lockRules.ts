import { useEffect } from 'react'
import type * as Y from 'yjs'
import type { Editor } from 'tldraw'
import { readLocks } from '../../../../core/common/facilitation/locks'

/** Refuses changes to locked cards from anyone but facilitators. */
export function useLockRules(editor: Editor, doc: Y.Doc, facilitator: boolean): void {
  useEffect(() => {
    if (facilitator) return
    const locked = (id: string) => readLocks(doc).has(id)
    const offChange = editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) =>
      source === 'user' && locked(prev.id) ? prev : next,
    )
    const offDelete = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
      source === 'user' && locked(shape.id) ? false : undefined,
    )
    return () => {
      offChange()
      offDelete()
    }
  }, [editor, doc, facilitator])
}
