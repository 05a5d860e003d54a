import { useEffect } from 'react'
import type * as Y from 'yjs'
import type { Editor, TLRecord, TLShape } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../../core/common/cards/card'
import { currentActivity } from '../../../../core/common/facilitation/agenda'
import {
  cardsToReveal,
  metaForNewCard,
  privateActivityOf,
  revealedMeta,
} from '../../../../core/common/facilitation/privateCards'
import { readAgenda, readReveal } from '../../../../core/common/facilitation/state'
import type { BoardIdentity } from '../../../board/Board'

const isCard = (r: TLRecord): r is TLShape => r.typeName === 'shape' && r.type === CARD_SHAPE_TYPE

/**
 * Private writing: tags new cards as private during an unrevealed private activity (the binding keeps
 * them local), keeps them across reloads in localStorage, and publishes them when the facilitator
 * reveals.
 */
export function usePrivateWriting(
  editor: Editor,
  doc: Y.Doc,
  sessionId: string,
  identity: BoardIdentity,
): void {
  useEffect(() => {
    const storeKey = `copro.private.${sessionId}.${identity.id}`
    const offCreate = editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
      if (source !== 'user' || shape.type !== CARD_SHAPE_TYPE) return shape
      const meta = metaForNewCard(currentActivity(readAgenda(doc)), readReveal(doc))
      return meta ? { ...shape, meta: { ...shape.meta, ...meta } } : shape
    })
    // restore private cards kept on this device (a reload must not lose unrevealed writing)
    try {
      const saved = JSON.parse(localStorage.getItem(storeKey) ?? '[]') as unknown
      if (Array.isArray(saved)) {
        const missing = saved.filter(
          (r): r is TLShape =>
            typeof r === 'object' &&
            r !== null &&
            isCard(r as TLRecord) &&
            privateActivityOf(r as TLShape) !== null,
        )
        const fresh = missing.filter((r) => !editor.store.has(r.id))
        if (fresh.length > 0) editor.store.mergeRemoteChanges(() => editor.store.put(fresh))
      }
    } catch {
      // unreadable: nothing to restore
    }
    const save = () => {
      const mine = editor.store.allRecords().filter((r) => isCard(r) && privateActivityOf(r) !== null)
      try {
        if (mine.length === 0) localStorage.removeItem(storeKey)
        else localStorage.setItem(storeKey, JSON.stringify(mine))
      } catch {
        // storage full: they still live in memory
      }
    }
    // only changes that touch a private card can change what is kept on this device
    const touchesPrivate = (r: TLRecord | undefined) =>
      r !== undefined && isCard(r) && privateActivityOf(r) !== null
    const offStore = editor.store.listen(
      ({ changes }) => {
        const touched =
          Object.values(changes.added).some(touchesPrivate) ||
          Object.values(changes.removed).some(touchesPrivate) ||
          Object.values(changes.updated).some(([from, to]) => touchesPrivate(from) || touchesPrivate(to))
        if (touched) save()
      },
      { scope: 'document' },
    )
    // a reveal is a change of workshop.reveal; every other document update (each card edit) skips the scan
    let lastReveal: string | null = null
    const revealNow = () => {
      const revealed = readReveal(doc)
      const key = JSON.stringify(revealed)
      if (key === lastReveal) return
      lastReveal = key
      const updates = cardsToReveal(editor.store.allRecords().filter(isCard), revealed).map((r) => ({
        id: r.id,
        type: CARD_SHAPE_TYPE,
        meta: revealedMeta(r.meta as Record<string, unknown>) as TLShape['meta'],
        ...(identity.anonymous ? { props: { authorName: '' } } : {}),
      }))
      if (updates.length > 0) editor.run(() => editor.updateShapes(updates), { history: 'ignore' })
    }
    revealNow()
    doc.on('update', revealNow)
    return () => {
      offCreate()
      offStore()
      doc.off('update', revealNow)
    }
  }, [editor, doc, sessionId, identity.id, identity.anonymous])
}
