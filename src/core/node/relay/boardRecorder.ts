import * as Y from 'yjs'
import { CARD_SHAPE_TYPE } from '../../common/cards/card'
import { CardRecord } from '../../common/cards/cardRecord'
import { type Actor, type ActivityEntry, appendActivity } from '../../common/session/activity'
import { recordsArray, sessionMap, WORKSHOP_KEYS } from '../../common/session/docSchema'
import { KeyedRecords, type KeyedChanges } from '../../common/session/keyedRecords'
import { plain } from '../../common/session/read'
import {
  hasTrashEntry,
  removeTrashEntries,
  type TrashEntry,
  type TrashKind,
  writeTrashEntries,
} from '../../common/session/trash'
import { BoardStructure, type StructureItem } from '../../../shared/model/structure'

/** The origin of the relay's own writes (trash and activity): not recorded again. */
export const RECORDER_ORIGIN = 'copro:recorder'

/** Edits and moves of one card by one person within this window make one log entry (drags, typing). */
export const ACTIVITY_COALESCE_MS = 60_000

/**
 * Records, as the relay applies each update, what happened to cards and structure items (ADR 0041):
 * deletions go to the board trash with who and when, ids coming back leave it, and the activity log
 * gets created / edited / moved / deleted / restored entries. It observes only `tl_records` and the
 * structure key, so an update touching neither costs nothing; the rest is proportional to the records
 * the update changed. Who did it comes from the connection that sent the update (`actorOf`), never from
 * the document, so a client cannot write someone else's name on its changes nor leave them out.
 */
export class BoardRecorder {
  private readonly records: KeyedRecords<unknown>
  private readonly workshop: Y.Map<unknown>
  private readonly lastLogged = new Map<string, number>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly actorOf: (origin: unknown) => Actor | null,
    private readonly now: () => number = Date.now,
  ) {
    this.records = new KeyedRecords(recordsArray(doc))
    this.records.on('change', this.onRecords)
    this.workshop = sessionMap(doc, 'workshop')
    this.workshop.observe(this.onWorkshop)
  }

  destroy(): void {
    this.records.off('change', this.onRecords)
    this.records.destroy()
    this.workshop.unobserve(this.onWorkshop)
  }

  private readonly onRecords = (changes: KeyedChanges<unknown>, tr: Y.Transaction): void => {
    const by = this.actorFor(tr)
    if (!by) return
    const at = this.now()
    const log: ActivityEntry[] = []
    const trashed: TrashEntry[] = []
    const restored: { kind: TrashKind; id: string }[] = []
    for (const [key, change] of changes) {
      if (change.action === 'delete') {
        const card = asCard(change.oldValue)
        if (!card) continue
        trashed.push({ kind: 'card', record: card, by, at })
        log.push({ at, action: 'deleted', target: 'card', id: key, by })
      } else if (change.action === 'add') {
        if (!isCardLike(change.newValue)) continue
        const back = hasTrashEntry(this.doc, 'card', key)
        if (back) restored.push({ kind: 'card', id: key })
        log.push({ at, action: back ? 'restored' : 'created', target: 'card', id: key, by })
      } else {
        const before = asCard(change.oldValue)
        const after = asCard(change.newValue)
        if (!before || !after) continue
        const action = cardChange(before, after)
        if (action && this.fresh(key, action, by, at)) log.push({ at, action, target: 'card', id: key, by })
      }
    }
    this.write(log, trashed, restored)
  }

  private readonly onWorkshop = (event: Y.YMapEvent<unknown>, tr: Y.Transaction): void => {
    const change = event.changes.keys.get(WORKSHOP_KEYS.structure)
    if (!change) return
    const by = this.actorFor(tr)
    if (!by) return
    const before = parseStructure(change.oldValue)
    const after = parseStructure(this.workshop.get(WORKSHOP_KEYS.structure))
    const at = this.now()
    const log: ActivityEntry[] = []
    const trashed: TrashEntry[] = []
    const restored: { kind: TrashKind; id: string }[] = []
    for (const kind of ['stage', 'lane', 'zone'] as const) {
      const old = itemsOf(before, kind)
      const now = itemsOf(after, kind)
      old.forEach((item, index) => {
        if (now.some((n) => n.id === item.id)) return
        trashed.push({ kind, item, index, by, at })
        log.push({ at, action: 'deleted', target: kind, id: item.id, by })
      })
      for (const item of now) {
        if (old.some((o) => o.id === item.id)) continue
        const back = hasTrashEntry(this.doc, kind, item.id)
        if (back) restored.push({ kind, id: item.id })
        log.push({ at, action: back ? 'restored' : 'created', target: kind, id: item.id, by })
      }
    }
    this.write(log, trashed, restored)
  }

  private actorFor(tr: Y.Transaction): Actor | null {
    if (tr.origin === RECORDER_ORIGIN || tr.origin === 'load') return null
    return this.actorOf(tr.origin)
  }

  /** Whether an edit or move is worth a new entry (not the same person's same change a moment ago). */
  private fresh(key: string, action: ActivityEntry['action'], by: Actor, at: number): boolean {
    const k = `${key}|${action}|${by.role}|${by.participantId ?? ''}`
    const last = this.lastLogged.get(k)
    if (last !== undefined && at - last < ACTIVITY_COALESCE_MS) return false
    this.lastLogged.set(k, at)
    if (this.lastLogged.size > 10_000) this.lastLogged.clear()
    return true
  }

  /** Written in a transaction of its own, right after the one observed (Yjs runs it once that one ends). */
  private write(
    log: ActivityEntry[],
    trashed: TrashEntry[],
    restored: { kind: TrashKind; id: string }[],
  ): void {
    if (log.length === 0 && trashed.length === 0 && restored.length === 0) return
    this.doc.transact(() => {
      removeTrashEntries(this.doc, restored, RECORDER_ORIGIN)
      writeTrashEntries(this.doc, trashed, RECORDER_ORIGIN)
      appendActivity(this.doc, log, RECORDER_ORIGIN)
    }, RECORDER_ORIGIN)
  }
}

function isCardLike(v: unknown): boolean {
  const r = plain(v) as { typeName?: unknown; type?: unknown } | null
  return typeof r === 'object' && r !== null && r.typeName === 'shape' && r.type === CARD_SHAPE_TYPE
}

function asCard(v: unknown): CardRecord | null {
  if (!isCardLike(v)) return null
  const c = CardRecord.safeParse(plain(v))
  return c.success ? c.data : null
}

function cardChange(a: CardRecord, b: CardRecord): ActivityEntry['action'] | null {
  const p = a.props
  const q = b.props
  if (p.text !== q.text || p.kind !== q.kind || p.owner !== q.owner || p.due !== q.due) return 'edited'
  if (a.x !== b.x || a.y !== b.y || a.parentId !== b.parentId) return 'moved'
  return null
}

/** The structure as stored (older documents keep it as a JSON string), or null when absent or invalid. */
function parseStructure(v: unknown): BoardStructure | null {
  let value = plain(v)
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown
    } catch {
      return null
    }
  }
  const s = BoardStructure.safeParse(value)
  return s.success ? s.data : null
}

function itemsOf(s: BoardStructure | null, kind: 'stage' | 'lane' | 'zone'): StructureItem[] {
  if (!s) return []
  if (s.type === 'grid') return kind === 'stage' ? s.stages : kind === 'lane' ? s.lanes : []
  return kind === 'zone' ? s.zones : []
}
