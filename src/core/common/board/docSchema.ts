/**
 * The shape of a session's Y.Doc: the single contract between the relay, storage,
 * the canvas binding, facilitation and exports. Change it only with a version bump
 * (DOC_SCHEMA_VERSION) and a migration.
 *
 *   tl_records   Y.Array of {key, val} entries, keyed by tldraw record id (KeyedRecords; YKeyValue-compatible)
 *   meta         Y.Map: docVersion, tldrawSchema (serialized), sessionId, title, templateId, createdAt
 *   workshop     Y.Map: structure (BoardStructure JSON), agenda, timer, privacy and reveal state
 *   participants Y.Map: participant id → Participant
 *   voting       Y.Map: round id → VotingRound; ballots published after a round closes
 *   locks        Y.Map: shape id → { by, at } (facilitator-only locks on chosen cards)
 *   withdrawn    Y.Map: participant id → ISO time (their cards and votes leave future exports)
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
} as const

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
} as const

/** The tldraw shape type name of a card, and of arrows that link cards. */
export const CARD_SHAPE_TYPE = 'card'
export const ARROW_SHAPE_TYPE = 'arrow'
