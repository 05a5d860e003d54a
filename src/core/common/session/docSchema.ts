import type * as Y from 'yjs'

/**
 * The shape of a session's Y.Doc: the single contract between the relay, storage, the canvas binding,
 * facilitation, voting and exports, and the only module that names its top-level maps. Other modules
 * reach a map through `sessionMap(doc, name)` / `recordsArray(doc)`, never `doc.getMap('…')` (lint
 * enforces it). Change the layout only with a version bump (DOC_SCHEMA_VERSION) and a migration; the
 * layout is public (tl_records and the maps below): other tools read it.
 *
 *   tl_records   Y.Array of {key, val} entries, keyed by tldraw record id (KeyedRecords; YKeyValue-compatible);
 *                a link between cards is an arrow shape bound to two cards, its kind in the arrow's
 *                `meta.linkKind` (LINK_META_KEY, cards/link.ts; ADR 0035)
 *   meta         Y.Map: META_KEYS — docVersion, tldrawSchema (serialized), sessionId, title, templateId, createdAt
 *   workshop     Y.Map: WORKSHOP_KEYS — structure (BoardStructure JSON), agenda, timer, reveal, report
 *                (ReportSettings in export/report.ts: the facilitator's summary, context and sections),
 *                language (the session's language, SessionLanguage in session/language.ts: what the wall,
 *                the templates' prompts and the report use; absent reads as 'en'; added by issue 19)
 *   participants Y.Map: participant id → Participant
 *   voting       Y.Map: round id → VotingRound
 *   ballots      Y.Map: `${roundId}/${participantId}` → Ballot, published only after the round closes
 *   locks        Y.Map: shape id → { by, at } (facilitator-only locks on chosen cards);
 *                STRUCTURE_LOCK_KEY → the structure lock
 *   withdrawn    Y.Map: participant id → ISO time (their cards and votes leave future exports)
 *   facilitation Y.Map: FACILITATION_KEYS — spotlight, shareBalance, followLead, showResults, and
 *                `pass/<activityId>/<nonce>` → 1 (added by issue 6; older documents lack it)
 *   trash        Y.Map: TRASH key (`card:<shape id>`, `stage:<id>`, `lane:<id>`, `zone:<id>`) → TrashEntry
 *                (what was deleted, by whom, when; written by the relay, see trash.ts and ADR 0041)
 *   activity     Y.Array of ActivityEntry (cards and structure items created, edited, moved, deleted,
 *                restored; by pseudonymous participant id and role; written by the relay, activity.ts)
 *   (trash and activity were added by issue 16; older documents lack them and read as empty)
 *   themes       Y.Map: theme id → Theme (a named group of cards; a card is in at most one theme;
 *                added by issue 17; older documents lack it, which reads as "no themes")
 *   comments     Y.Map: comment id → Comment (on a card, replies one level deep; comments/comment.ts)
 *   reactions    Y.Map: `${cardId}/${participantId}` → Reaction ("me too"; both added by issue 17,
 *                older documents lack them and read as "none")
 *
 * Value schemas live with their concept: Agenda, TimerState, RevealState, Spotlight, LockEntry in
 * facilitation/schema.ts; VotingRound in voting/round.ts; Ballot in voting/ballots.ts; Theme in
 * themes/theme.ts; the card record in cards/.
 */
export const DOC_SCHEMA_VERSION = 1

export const DOC_KEYS = {
  records: 'tl_records',
  meta: 'meta',
  workshop: 'workshop',
  participants: 'participants',
  voting: 'voting',
  ballots: 'ballots',
  locks: 'locks',
  withdrawn: 'withdrawn',
  facilitation: 'facilitation',
  trash: 'trash',
  activity: 'activity',
  themes: 'themes',
  comments: 'comments',
  reactions: 'reactions',
} as const

/** The names of the top-level Y.Maps (every key but the records array). */
export type SessionMapName = Exclude<keyof typeof DOC_KEYS, 'records' | 'activity'>

export const META_KEYS = {
  docVersion: 'docVersion',
  tldrawSchema: 'tldrawSchema',
  sessionId: 'sessionId',
  title: 'title',
  templateId: 'templateId',
  createdAt: 'createdAt',
} as const

export const WORKSHOP_KEYS = {
  structure: 'structure',
  agenda: 'agenda',
  timer: 'timer',
  reveal: 'reveal',
  report: 'report',
  language: 'language',
} as const

export const FACILITATION_KEYS = {
  spotlight: 'spotlight',
  shareBalance: 'shareBalance',
  followLead: 'followLead',
  /** Round id whose results are shown on the cards, or absent. */
  showResults: 'showResults',
  passPrefix: 'pass/',
} as const

/** The structure lock is stored in the `locks` map under this key (card locks use shape ids). */
export const STRUCTURE_LOCK_KEY = 'structure'

/** The key of a published ballot in the `ballots` map. */
export const ballotKey = (roundId: string, participantId: string): string => `${roundId}/${participantId}`

/** A top-level map of the session document, by its name in DOC_KEYS. */
export function sessionMap<T = unknown>(doc: Y.Doc, name: SessionMapName): Y.Map<T> {
  return doc.getMap<T>(DOC_KEYS[name])
}

/** The tldraw records array (`tl_records`): wrap it in KeyedRecords to read or write records. */
export function recordsArray<T = unknown>(doc: Y.Doc): Y.Array<T> {
  return doc.getArray<T>(DOC_KEYS.records)
}

/** The session activity log (`activity`): append through activity.ts, read with readActivity. */
export function activityArray<T = unknown>(doc: Y.Doc): Y.Array<T> {
  return doc.getArray<T>(DOC_KEYS.activity)
}

/**
 * A top-level map or array by its raw name, for code that walks every top-level type generically
 * (reverting to a checkpoint keeps names this version does not know). Everything else names a map
 * through `sessionMap`.
 */
export function topLevelMap<T = unknown>(doc: Y.Doc, name: string): Y.Map<T> {
  return doc.getMap<T>(name)
}

export function topLevelArray<T = unknown>(doc: Y.Doc, name: string): Y.Array<T> {
  return doc.getArray<T>(name)
}
