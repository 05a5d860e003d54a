import { useEffect } from 'react'
import type * as Y from 'yjs'
import type { Editor, TLRecord, TLShape, TLShapeId } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../../core/common/board/docSchema'
import { currentActivity } from '../../../../core/common/facilitation/agenda'
import {
  cardsToReveal,
  metaForNewCard,
  privateActivityOf,
  revealedMeta,
} from '../../../../core/common/facilitation/privateCards'
import {
  readAgenda,
  readLocks,
  readReveal,
  registerParticipant,
  setLock,
} from '../../../../core/common/facilitation/state'
import { publishPendingBallots } from '../../../../core/common/facilitation/voting'
import type { BoardIdentity } from '../../../board/Board'
import { isFacilitatorRole } from '../../../board/structure/permissions'
import type { BoardSession } from '../../../session/BoardSession'

interface EffectProps {
  editor: Editor
  doc: Y.Doc
  session: BoardSession
  identity: BoardIdentity
  relayNow(): number
}

const isCard = (r: TLRecord): r is TLShape => r.typeName === 'shape' && r.type === CARD_SHAPE_TYPE

/**
 * The facilitation rules the canvas enforces on this device:
 * - registers this person in the participant map (observers cannot write, so they are not registered);
 * - tags new cards as private during an unrevealed private activity (the binding keeps them local),
 *   keeps them across reloads in localStorage, and publishes them when the facilitator reveals;
 * - publishes this person's ballot once a round closes (also after reconnecting);
 * - refuses changes to locked cards from anyone but facilitators.
 */
export function useFacilitationEffects({ editor, doc, session, identity, relayNow }: EffectProps): void {
  const { sessionId } = session
  const facilitator = isFacilitatorRole(identity.sessionRole)
  const observer = identity.sessionRole === 'observer'

  // participant registry
  useEffect(() => {
    if (observer) return
    registerParticipant(
      doc,
      {
        id: identity.id,
        name: identity.name,
        anonymous: identity.anonymous,
        coproRole: identity.coproRole,
        sessionRole: identity.sessionRole,
      },
      Date.now(),
    )
  }, [
    doc,
    observer,
    identity.id,
    identity.name,
    identity.anonymous,
    identity.coproRole,
    identity.sessionRole,
  ])

  // private writing: tag, persist locally, reveal
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

  // ballots: published by each voter once the round is closed
  useEffect(() => {
    if (observer) return
    const publish = () =>
      void publishPendingBallots(
        doc,
        identity,
        (roundId) => session.votes.dots(roundId, identity.id),
        relayNow(),
      )
    publish()
    doc.on('update', publish)
    return () => doc.off('update', publish)
  }, [doc, session, observer, identity, relayNow])

  // locks: only facilitators change locked cards
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

  // what the Facilitation view may ask of this canvas
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
          const label = editor.getSelectedShapeIds().length > 0 ? 'Selected cards' : 'The area in view'
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
