/**
 * Who may change what in a session document: the relay's rights check, per connection, whatever client
 * is used (docs/adr/0040-relay-enforced-rights.md; the table is in docs/security.md, "Rights").
 *
 * - Facilitators may change anything.
 * - Co-facilitators may change anything but the structure while a facilitator has locked it
 *   (permissions.ts `canEditStructure`), the structure lock itself, and other people's withdrawals
 *   (only the person concerned or the facilitator withdraws contributions).
 * - Participants may, under their own participant id only: create, change and delete their own cards
 *   (authorId = their id, authorRole = the co-production role of their registry entry) and their own
 *   other shapes (meta.authorId = their id) and the links (bindings) of their own arrows; add images
 *   (asset records); register and update their own registry entry (with their own session role);
 *   publish their own ballot of a closed round; withdraw (their own `withdrawn` entry); record a pass;
 *   write, edit and delete their own comments and "me too"s (commentRights.ts).
 *   Never a locked card, the structure, agenda, timer, reveal, voting rounds, locks, meta (but writing
 *   the tldraw schema into a document that has none), other participants' entries or unknown maps.
 * - Observers never reach this check: their updates are dropped (room.ts).
 *
 * The check reads the update's touches (updateTouches.ts) against the document before the update is
 * applied; a refused update is never applied, so nobody else ever sees it.
 */
import * as Y from 'yjs'
import type { SessionRole } from '../../../shared/model/roles'
import { Participant } from '../../../shared/model/participant'
import { ballotWriteRefusal } from '../../common/voting/publishRule'
import { CARD_SHAPE_TYPE } from '../../common/cards/card'
import {
  DOC_KEYS,
  FACILITATION_KEYS,
  META_KEYS,
  sessionMap,
  STRUCTURE_LOCK_KEY,
  WORKSHOP_KEYS,
  type SessionMapName,
} from '../../common/session/docSchema'
import type { KeyedRecords } from '../../common/session/keyedRecords'
import { plain } from '../../common/session/read'
import type { Touch } from './updateTouches'
import { commentMapRule } from './commentRights'
import { heldCardRule } from './moderation'

/** The connection that sent an update, as the rights check sees it. */
export interface Writer {
  readonly sessionRole: SessionRole
  /** The participant id the relay knows for this connection (from its token, or bound on first registration). */
  readonly participantId: string | null
  /** Whether participants' new cards go through the moderation inbox (relay/moderation.ts). */
  readonly moderated?: boolean
}

export type RightsVerdict =
  | {
      readonly ok: true
      /** A participant id this connection claimed (a link without one). */ readonly bind: string | null
    }
  | { readonly ok: false; readonly reason: string }

const ALLOWED = { ok: true, bind: null } as const

/** One write to a top-level map entry or a tldraw record, as the rules judge it. */
type Op =
  | {
      readonly kind: 'map'
      readonly map: string
      readonly key: string
      readonly value: unknown
      readonly del: boolean
    }
  | { readonly kind: 'record'; readonly key: string; readonly value: unknown; readonly del: boolean }

const MAP_NAMES = new Map<string, SessionMapName>(
  (Object.entries(DOC_KEYS) as [keyof typeof DOC_KEYS, string][])
    .filter(([k]) => k !== 'records')
    .map(([k, v]) => [v, k as SessionMapName]),
)

/**
 * Judges an update's touches for `writer`. `records` is a read-only KeyedRecords on the same document
 * (it knows which entry holds each record's current value).
 */
export function checkRights(
  doc: Y.Doc,
  records: KeyedRecords<unknown>,
  touches: readonly Touch[],
  writer: Writer,
): RightsVerdict {
  if (writer.sessionRole === 'facilitator' || touches.length === 0) return ALLOWED
  if (writer.sessionRole === 'observer') return refuse('an observer cannot change the board')
  const ops: Op[] = []
  for (const t of touches) {
    const reason = toOps(records, t, ops)
    if (reason !== null) return refuse(reason)
  }
  if (writer.sessionRole === 'co-facilitator') return checkCoFacilitator(doc, ops, writer.participantId)
  return checkParticipant(doc, records, ops, writer)
}

function refuse(reason: string): RightsVerdict {
  return { ok: false, reason: `permission denied: ${reason}` }
}

/** Turns one touch into map/record ops; returns a reason when the touch is outside the known layout. */
function toOps(records: KeyedRecords<unknown>, t: Touch, out: Op[]): string | null {
  const { place } = t
  if (place.root === DOC_KEYS.records) {
    if (place.nested || place.key !== null) return 'the records list holds only plain records'
    const content = t.item.content
    if (content instanceof Y.ContentDeleted) return null
    if (!(content instanceof Y.ContentAny)) return 'the records list holds only plain records'
    const from = t.op === 'delete' ? t.from : 0
    const to = t.op === 'delete' ? t.to : content.arr.length
    for (let j = from; j < to; j++) {
      const e = content.arr[j] as { key?: unknown; val?: unknown } | null
      if (e === null || typeof e !== 'object' || typeof e.key !== 'string') {
        if (t.op === 'insert') return 'the records list holds only {key, val} entries'
        continue
      }
      if (t.op === 'delete') {
        // Deleting an entry that no longer holds the record's value (a losing duplicate) changes nothing.
        const cur = records.currentEntryId(e.key)
        if (!cur || cur.client !== t.item.id.client || cur.clock !== t.item.id.clock + j) continue
        out.push({ kind: 'record', key: e.key, value: e.val, del: true })
      } else {
        out.push({ kind: 'record', key: e.key, value: e.val, del: false })
      }
    }
    return null
  }
  if (!MAP_NAMES.has(place.root)) return `"${place.root}" is not part of a session document`
  if (place.key === null || place.nested) return `${place.root} holds only plain values`
  const content = t.item.content
  if (t.op === 'delete' || content instanceof Y.ContentDeleted) {
    const old =
      t.op === 'delete' && content instanceof Y.ContentAny ? content.arr[content.arr.length - 1] : undefined
    out.push({ kind: 'map', map: place.root, key: place.key, value: old, del: true })
    return null
  }
  if (!(content instanceof Y.ContentAny)) return `${place.root} holds only plain values`
  out.push({
    kind: 'map',
    map: place.root,
    key: place.key,
    value: content.arr[content.arr.length - 1],
    del: false,
  })
  return null
}

function checkCoFacilitator(doc: Y.Doc, ops: readonly Op[], me: string | null): RightsVerdict {
  const structureLocked = sessionMap(doc, 'locks').has(STRUCTURE_LOCK_KEY)
  for (const op of ops) {
    if (op.kind !== 'map') continue
    if (op.map === DOC_KEYS.withdrawn && op.key !== me) {
      return refuse('only the person concerned or the facilitator withdraws contributions')
    }
    if (op.map === DOC_KEYS.locks && op.key === STRUCTURE_LOCK_KEY) {
      return refuse('only the facilitator locks or unlocks the structure')
    }
    if (structureLocked && op.map === DOC_KEYS.workshop && op.key === WORKSHOP_KEYS.structure) {
      return refuse('the facilitator has locked the structure')
    }
  }
  return ALLOWED
}

function checkParticipant(
  doc: Y.Doc,
  records: KeyedRecords<unknown>,
  ops: readonly Op[],
  writer: Writer,
): RightsVerdict {
  const registry = sessionMap(doc, 'participants')
  let pid = writer.participantId
  let bind: string | null = null
  if (pid === null) {
    // A link that carries no participant id (an older shared link): the connection is bound to the first
    // participant entry it registers, unless that entry belongs to a facilitator or co-facilitator.
    const reg = ops.find((o) => o.kind === 'map' && o.map === DOC_KEYS.participants && !o.del)
    if (reg === undefined) return refuse('register as a participant before changing the board')
    const existing = Participant.safeParse(plain(registry.get(reg.key)))
    if (existing.success && existing.data.sessionRole !== 'participant') {
      return refuse('that registry entry belongs to someone else')
    }
    pid = bind = reg.key
  }
  const me = pid
  // The writer's own registry entry, as it will be after this update.
  const ownEntry = ops.find(
    (o) => o.kind === 'map' && o.map === DOC_KEYS.participants && o.key === me && !o.del,
  )
  const entry = Participant.safeParse(plain(ownEntry ? ownEntry.value : registry.get(me)))
  const newRecords = new Map<string, unknown>()
  for (const op of ops) if (op.kind === 'record' && !op.del) newRecords.set(op.key, op.value)
  const recordOwner = (value: unknown): string | null =>
    ownerOf(value, (id) => newRecords.get(id) ?? records.get(id))
  const locks = sessionMap(doc, 'locks')
  // Setting a map key that holds a value deletes the value it replaces: that deletion is part of the
  // set, which the rules judge on its own (a participant rewriting the same docVersion, their registry entry).
  const mapKey = (o: Extract<Op, { kind: 'map' }>) => `${o.map}\u0000${o.key}`
  const setKeys = new Set(ops.flatMap((o) => (o.kind === 'map' && !o.del ? [mapKey(o)] : [])))

  for (const op of ops) {
    if (op.kind === 'map' && op.del && setKeys.has(mapKey(op))) continue
    const reason =
      op.kind === 'record'
        ? recordRule(
            op,
            records.get(op.key),
            me,
            recordOwner,
            entry.success ? entry.data : null,
            locks.has(op.key),
            writer.moderated === true,
          )
        : mapRule(doc, op, me, writer.sessionRole)
    if (reason !== null) return refuse(reason)
  }
  return { ok: true, bind }
}

/** The participant id that owns a record: a card's author, a binding's arrow's owner, else meta.authorId. */
function ownerOf(value: unknown, lookup: (id: string) => unknown, depth = 0): string | null {
  if (value === null || typeof value !== 'object') return null
  const r = value as {
    typeName?: unknown
    type?: unknown
    props?: { authorId?: unknown }
    meta?: { authorId?: unknown }
    fromId?: unknown
  }
  if (r.typeName === 'shape' && r.type === CARD_SHAPE_TYPE) {
    return typeof r.props?.authorId === 'string' ? r.props.authorId : null
  }
  if (r.typeName === 'binding' && typeof r.fromId === 'string' && depth === 0) {
    return ownerOf(lookup(r.fromId), lookup, depth + 1)
  }
  return typeof r.meta?.authorId === 'string' ? r.meta.authorId : null
}

function recordRule(
  op: Extract<Op, { kind: 'record' }>,
  old: unknown,
  me: string,
  owner: (value: unknown) => string | null,
  entry: Participant | null,
  locked: boolean,
  moderated: boolean,
): string | null {
  const what = `record ${op.key.slice(0, 80)}`
  if (locked) return `${what} is locked by the facilitator`
  if (op.del) {
    return owner(op.value) === me
      ? null
      : `a participant may delete only their own cards and drawings (${what})`
  }
  const v = op.value as {
    id?: unknown
    typeName?: unknown
    type?: unknown
    props?: { authorRole?: unknown }
  } | null
  if (v === null || typeof v !== 'object' || v.id !== op.key)
    return `${what} is not a record stored under its own id`
  switch (v.typeName) {
    case 'document':
    case 'page':
      // A participant who is first on an empty board writes tldraw's document and page.
      return old === undefined ? null : `only facilitators change the board's ${v.typeName}`
    case 'asset':
      if (old === undefined) return null
      return owner(old) === me && owner(v) === me
        ? null
        : `a participant may change only their own images (${what})`
    case 'shape':
    case 'binding': {
      if (old !== undefined && owner(old) !== me) {
        return `a participant may change only their own cards and drawings (${what})`
      }
      if (owner(v) !== me) return `a participant writes cards and drawings only as themselves (${what})`
      if (v.typeName === 'shape' && v.type === CARD_SHAPE_TYPE) {
        if (entry === null) return 'register as a participant before writing cards'
        if (v.props?.authorRole !== entry.coproRole) {
          return `a card's author role must be the one in the participant's registry entry (${what})`
        }
        return heldCardRule(moderated, old === undefined)
      }
      return null
    }
    default:
      return `only facilitators change ${what}`
  }
}

function mapRule(doc: Y.Doc, op: Extract<Op, { kind: 'map' }>, me: string, role: SessionRole): string | null {
  const key = op.key.slice(0, 80)
  const comment = commentMapRule(doc, op, me)
  if (comment !== undefined) return comment
  switch (op.map) {
    case DOC_KEYS.participants: {
      if (op.key !== me) return `a participant may change only their own registry entry, not ${key}`
      if (op.del) return null
      const p = Participant.safeParse(op.value)
      if (!p.success || p.data.id !== me)
        return 'a registry entry must be a valid participant under its own id'
      if (p.data.sessionRole !== role) return `a ${role} cannot register as ${p.data.sessionRole}`
      return null
    }
    case DOC_KEYS.withdrawn:
      if (op.key !== me) return `only the person concerned (or a facilitator) withdraws ${key}`
      return op.del || typeof op.value === 'string' ? null : 'a withdrawal is a time'
    case DOC_KEYS.ballots:
      return ballotWriteRefusal(doc, op.key, op.del, op.value, me)
    case DOC_KEYS.facilitation:
      if (!op.key.startsWith(FACILITATION_KEYS.passPrefix)) return `only facilitators change ${key}`
      if (op.del || op.value !== 1 || sessionMap(doc, 'facilitation').has(op.key)) {
        return 'a pass can only be added'
      }
      return null
    case DOC_KEYS.meta:
      // A participant first on a board writes the schema tldraw needs (the same docVersion may be rewritten).
      if ((op.key === META_KEYS.tldrawSchema || op.key === META_KEYS.docVersion) && !op.del) {
        const meta = sessionMap(doc, 'meta')
        if (!meta.has(op.key) || (op.key === META_KEYS.docVersion && meta.get(op.key) === op.value))
          return null
        return `only facilitators change the board's ${key}`
      }
      return `only facilitators change the session's ${key}`
    default:
      return `only facilitators change ${op.map}`
  }
}
