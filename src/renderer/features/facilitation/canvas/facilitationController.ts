import { useEffect } from 'react'
import type * as Y from 'yjs'
import type { Editor, TLRecord, TLShape, TLShapeId } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../../core/common/cards/card'
import { privateActivityOf } from '../../../../core/common/facilitation/privateCards'
import { setLock } from '../../../../core/common/facilitation/locks'
import type { BoardIdentity } from '../../../board/Board'
import type { BoardSession } from '../../../session/BoardSession'
import { translator } from '../../../../shared/i18n'
import { readSessionLanguage } from '../../../../core/common/session/language'

const isCard = (r: TLRecord): r is TLShape => r.typeName === 'shape' && r.type === CARD_SHAPE_TYPE

/** Sets what the Facilitation view may ask of this canvas on the session (session.facilitation). */
export function useFacilitationController(
  editor: Editor,
  doc: Y.Doc,
  session: BoardSession,
  identity: BoardIdentity,
  facilitator: boolean,
  relayNow: () => number,
): void {
  useEffect(
    () =>
      session.setFacilitation({
        relayNow,
        sessionRole: identity.sessionRole,
        getSelectedCardIds: () =>
          editor
            .getSelectedShapes()
            .filter((s) => s.type === CARD_SHAPE_TYPE)
            .map((s) => s.id),
        lockCards: (ids, lock) => {
          if (!facilitator) return 0
          const shapes = ids
            .map((id) => editor.getShape(id as TLShapeId))
            .filter((s): s is TLShape => !!s && s.type === CARD_SHAPE_TYPE)
          editor.run(
            () => editor.updateShapes(shapes.map((s) => ({ id: s.id, type: s.type, isLocked: lock }))),
            { ignoreShapeLock: true },
          )
          doc.transact(() => {
            for (const s of shapes) setLock(doc, s.id, lock ? identity.id : null, relayNow())
          })
          return shapes.length
        },
        currentArea: () => {
          const b = editor.getSelectionPageBounds() ?? editor.getViewportPageBounds()
          // the spotlight's label is stored for everyone: in the session's language
          const { t } = translator(readSessionLanguage(doc))
          const label = t(
            editor.getSelectedShapeIds().length > 0
              ? 'facilitation.spotlight.selected'
              : 'facilitation.spotlight.inView',
          )
          return { x: b.x, y: b.y, w: Math.max(1, b.w), h: Math.max(1, b.h), label }
        },
        showCard: (id) => {
          const shape = editor.getShape(id as TLShapeId)
          if (!shape) return
          editor.select(shape.id)
          const b = editor.getShapePageBounds(shape)
          if (b) editor.centerOnPoint(b.center, { animation: { duration: 200 } })
        },
        privateCounts: () => {
          const out: Record<string, number> = {}
          for (const r of editor.store.allRecords()) {
            if (!isCard(r)) continue
            const a = privateActivityOf(r)
            if (a) out[a] = (out[a] ?? 0) + 1
          }
          return out
        },
      }),
    [editor, doc, session, facilitator, identity.id, identity.sessionRole, relayNow],
  )
}
