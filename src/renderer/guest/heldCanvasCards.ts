import type { Editor, TLRecord, TLShape } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../core/common/cards/card'
import { CardRecord } from '../../core/common/cards/cardRecord'
import { privateActivityOf } from '../../core/common/facilitation/privateCards'
import type { ModerationClient } from '../session/moderation'

/**
 * A guest's cards drawn on the canvas while the facilitator moderates (ADR 0047), like the phone's:
 * a new card of this guest is tagged held (the binding keeps it on this device, `isHeldOnDevice`) and
 * sent to the relay's moderation inbox. Approved, the relay writes the same record into the document
 * and it replaces the local copy; not shown, the local copy goes. The relay never sees such a card in
 * the document, so it never refuses (4430) the guest's connection for it.
 */
const HELD = 'heldForApproval'
const RESEND_MS = 5_000

const isCard = (r: TLRecord): r is TLShape => r.typeName === 'shape' && r.type === CARD_SHAPE_TYPE

/** The binding's filter: a card held for approval stays on this device. */
export function isHeldOnDevice(r: TLRecord): boolean {
  return isCard(r) && (r.meta as Record<string, unknown>)[HELD] === true
}

/** The record the inbox takes: the card as drawn, without the device's own tag, and its index. */
function submission(shape: TLShape): { record: CardRecord; index: string } | null {
  const { [HELD]: _held, ...meta } = shape.meta as Record<string, unknown>
  const { index, opacity: _opacity, ...rest } = { ...shape, meta } as TLShape & { meta: typeof meta }
  const record = CardRecord.safeParse(rest)
  return record.success ? { record: record.data, index } : null
}

/** Tags and sends this guest's new cards while moderated; returns the function that stops it. */
export function holdCanvasCards(editor: Editor, moderation: ModerationClient, me: string): () => void {
  /** When each card was last sent: one the relay still does not list after RESEND_MS is sent again. */
  const sent = new Map<string, number>()
  const offCreate = editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || shape.type !== CARD_SHAPE_TYPE) return shape
    if (!moderation.get().mine?.moderated || privateActivityOf(shape) !== null) return shape
    if ((shape.props as { authorId?: unknown }).authorId !== me) return shape
    return { ...shape, meta: { ...shape.meta, [HELD]: true } }
  })
  // send every held card the relay does not know yet; drop the ones it decided not to show
  const settle = () => {
    const mine = moderation.get().mine
    const held = editor.store.allRecords().filter(isHeldOnDevice) as TLShape[]
    if (held.length === 0) return
    const waiting = new Set(mine?.held.map((h) => h.id) ?? [])
    const notShown = new Set(mine?.decisions.filter((d) => d.status !== 'approved').map((d) => d.id) ?? [])
    const gone = held.filter((s) => notShown.has(s.id)).map((s) => s.id)
    if (gone.length > 0) editor.store.mergeRemoteChanges(() => editor.store.remove(gone))
    for (const s of held) {
      const last = sent.get(s.id)
      if (waiting.has(s.id) || notShown.has(s.id) || (last !== undefined && Date.now() - last < RESEND_MS))
        continue
      const sub = submission(s)
      if (sub && moderation.send({ t: 'submit', ...sub })) sent.set(s.id, Date.now())
    }
  }
  const offAfter = editor.sideEffects.registerAfterCreateHandler('shape', (shape) => {
    if (isHeldOnDevice(shape)) queueMicrotask(settle)
  })
  const offView = moderation.subscribe(settle)
  return () => {
    offCreate()
    offAfter()
    offView()
  }
}
