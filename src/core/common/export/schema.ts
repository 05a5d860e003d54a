import { z } from 'zod'
import { Language } from '../../../shared/i18n/languages'
import { CardKind } from '../../../shared/model/cardKinds'
import { DueDate } from '../cards/card'
import { LinkKind } from '../cards/link'
import { CoproRole, SessionRole } from '../../../shared/model/roles'
import { ActivityAction } from '../session/activity'
import { ExportVotingRound } from './decisions'
import { REPORT_SECTIONS } from './report'

/**
 * The export model: everything a session's exports say, computed purely from the session document
 * (see model.ts). Every format (JSON, CSV, Markdown, HTML) renders this and nothing else, so consent
 * rules (pseudonyms, anonymous cards, withdrawn participants) are applied once, here.
 *
 * Bump EXPORT_FORMAT_VERSION on any breaking change to this shape and regenerate
 * docs/formats/export.schema.json (`npx tsx scripts/gen-export-schema.ts`).
 */
export const EXPORT_FORMAT_VERSION = 1

const Count = z.number().int().min(0)
const IsoTime = z.string().datetime({ offset: true })
const Text = z.string()

/** Votes (dots) per co-production role; every role is present, zero when none. */
export const VotesByRole = z.record(CoproRole, Count)
export type VotesByRole = z.infer<typeof VotesByRole>

export const ExportCell = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('cell'),
    stageId: Text,
    stageLabel: Text,
    laneId: Text,
    laneLabel: Text,
  }),
  z.object({ type: z.literal('zone'), zoneId: Text, zoneLabel: Text }),
  z.object({ type: z.literal('unplaced') }),
])
export type ExportCell = z.infer<typeof ExportCell>

export const ExportStructureItem = z.object({ id: Text, label: Text, prompt: Text })
export type ExportStructureItem = z.infer<typeof ExportStructureItem>

export const ExportStructure = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('grid'),
    stages: z.array(ExportStructureItem),
    lanes: z.array(ExportStructureItem),
  }),
  z.object({ type: z.literal('zones'), zones: z.array(ExportStructureItem) }),
])
export type ExportStructure = z.infer<typeof ExportStructure>

/** A participant as exports show them: a pseudonym always, a name only with consent. */
export const ExportParticipant = z.object({
  /** Stable pseudonym, "Participant 1" … in order of joining. */
  pseudonym: Text,
  /** Only when the participant was not anonymous and names were requested; otherwise null. */
  name: Text.nullable(),
  coproRole: CoproRole,
  coproRoleLabel: Text,
  sessionRole: SessionRole,
  cards: Count,
  votes: Count,
})
export type ExportParticipant = z.infer<typeof ExportParticipant>

export const ExportAuthor = z.object({
  coproRole: CoproRole,
  coproRoleLabel: Text,
  /** True for anonymous cards: then pseudonym and name are always null. */
  anonymous: z.boolean(),
  pseudonym: Text.nullable(),
  name: Text.nullable(),
  /** True when a facilitator wrote the card down for this person or role ("scribed for …"). */
  scribed: z.boolean(),
})
export type ExportAuthor = z.infer<typeof ExportAuthor>

export const ExportVotes = z.object({ total: Count, byRole: VotesByRole })
export type ExportVotes = z.infer<typeof ExportVotes>

export const ExportCard = z.object({
  id: Text,
  kind: CardKind,
  kindLabel: Text,
  text: Text,
  cell: ExportCell,
  author: ExportAuthor,
  createdAt: IsoTime,
  votes: ExportVotes,
  /** Cards this card points to (arrow start on this card) and cards pointing at it. */
  linksTo: z.array(Text),
  linkedFrom: z.array(Text),
  /** Photo cards only (the text is the caption): the image's file in the export's `photos/` folder. */
  photo: z.object({ file: Text, mediaType: Text, width: Count, height: Count }).optional(),
})
export type ExportCard = z.infer<typeof ExportCard>

/** A picture on the board that is not a photo card (photos/boardImages.ts). */
export const ExportImage = z.object({
  id: Text,
  /** What it shows (its alt text or file name). */
  description: Text,
  /** Its file in the export's `photos/` folder; null when it is not in the session's asset store. */
  file: Text.nullable(),
  cell: ExportCell,
})
export type ExportImage = z.infer<typeof ExportImage>

/** A link between two cards (cards/link.ts): direction from → to, and its kind. */
export const ExportLink = z.object({ arrowId: Text, fromCardId: Text, toCardId: Text, kind: LinkKind })
export type ExportLink = z.infer<typeof ExportLink>

export const ExportAction = z.object({
  cardId: Text,
  text: Text,
  owner: Text,
  /** YYYY-MM-DD or ''. */
  due: DueDate,
  cell: ExportCell,
  votes: ExportVotes,
  /** Pain cards linked to this action by an arrow (either direction), most-voted first. */
  addressesPainIds: z.array(Text),
})
export type ExportAction = z.infer<typeof ExportAction>

/** A theme: a named group of cards the facilitator made; its votes add up its cards' votes by role. */
export const ExportTheme = z.object({
  id: Text,
  name: Text,
  /** Exported cards in the theme, in board order (withdrawn participants' cards left out). */
  cardIds: z.array(Text),
  votes: ExportVotes,
  /** Cards in the theme per co-production role of their authors. */
  cardsByRole: VotesByRole,
})
export type ExportTheme = z.infer<typeof ExportTheme>

/** A comment on an exported card (comments/comment.ts); the author under the same consent rules as cards. */
export const ExportComment = z.object({
  id: Text,
  cardId: Text,
  /** The comment this one answers (threads are one level deep), or null. */
  parentId: Text.nullable(),
  author: ExportAuthor,
  text: Text,
  createdAt: IsoTime,
  editedAt: IsoTime.nullable(),
})
export type ExportComment = z.infer<typeof ExportComment>

/** "Me too"s on a card, counted by the co-production role in the registry. */
export const ExportMeToo = z.object({ cardId: Text, total: Count, byRole: VotesByRole })
export type ExportMeToo = z.infer<typeof ExportMeToo>

/** A voting round and its results per card (every method alike): decisions.ts. */
export { ExportVotingRound } from './decisions'

export const RoleTally = z.object({
  coproRole: CoproRole,
  coproRoleLabel: Text,
  cards: Count,
  /** Of `cards`, those a facilitator scribed for this role. */
  scribedCards: Count,
  votes: Count,
  words: Count,
})
export type RoleTally = z.infer<typeof RoleTally>

export const ExportVoiceBalance = z.object({
  /** Roles expected to contribute: roles of the participants (observers and facilitators aside). */
  expectedRoles: z.array(CoproRole),
  /** One entry per co-production role, in the fixed role order. */
  byRole: z.array(
    RoleTally.extend({
      participants: Count,
      cardShare: z.number().min(0).max(1),
      voteShare: z.number().min(0).max(1),
      wordShare: z.number().min(0).max(1),
    }),
  ),
  /** Per stage (grid) or zone (zones board). */
  byArea: z.array(
    z.object({
      type: z.enum(['stage', 'zone']),
      id: Text,
      label: Text,
      byRole: z.array(RoleTally),
      /** Expected roles with no card in this area yet. */
      notYetHeard: z.array(CoproRole),
    }),
  ),
})
export type ExportVoiceBalance = z.infer<typeof ExportVoiceBalance>

export const ExportCheckpoint = z.object({ id: Text, name: Text, createdAt: IsoTime, reason: Text })
export type ExportCheckpoint = z.infer<typeof ExportCheckpoint>

/** One step of the session activity log (created, edited, moved, deleted, restored), pseudonymous. */
export const ExportActivity = z.object({
  at: IsoTime,
  action: ActivityAction,
  target: z.enum(['card', 'stage', 'lane', 'zone', 'comment']),
  /** The card's or structure item's id. */
  id: Text,
  by: z.object({
    /** 'host': the app itself (a checkpoint revert), not a person. */
    sessionRole: z.union([SessionRole, z.literal('host')]),
    /** "Participant N" when the person is in the registry; never a name. */
    pseudonym: Text.nullable(),
  }),
})
export type ExportActivity = z.infer<typeof ExportActivity>

/** What the facilitator wrote for the report, and the sections chosen (export/report.ts). */
export const ExportReport = z.object({
  organisation: Text,
  summary: Text,
  purpose: Text,
  whoTookPart: Text,
  nextSteps: Text,
  sections: z.array(z.enum(REPORT_SECTIONS)),
  /** The language(s) of the report's own words, the first leading ('cy', 'en'; two means side by side). */
  languages: z.array(Language).min(1).max(2),
  /** The organisation's logo: its file in the export's `photos/` folder (absent: no logo). */
  logo: Text.optional(),
})
export type ExportReport = z.infer<typeof ExportReport>

export const ExportModel = z.object({
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  generator: z.object({ app: z.literal('Copro Studio'), appVersion: Text, generatedAt: IsoTime }),
  session: z.object({
    id: Text,
    title: Text,
    templateId: Text.nullable(),
    createdAt: IsoTime.nullable(),
    docVersion: z.number().int().nullable(),
  }),
  report: ExportReport,
  /** Whether names were requested; even then, only consenting participants are named. */
  namesIncluded: z.boolean(),
  structure: ExportStructure.nullable(),
  participants: z.array(ExportParticipant),
  cards: z.array(ExportCard),
  links: z.array(ExportLink),
  /** Pictures on the board that are not photo cards, in board order (absent in older exports). */
  images: z.array(ExportImage).optional(),
  actions: z.array(ExportAction),
  /** Themes, most-voted first (ties: more cards first, then the order they were made). */
  themes: z.array(ExportTheme),
  /** Comments on exported cards, in board order then oldest first (withdrawn participants' left out). */
  comments: z.array(ExportComment),
  /** "Me too" counts of the cards that have any, in board order. */
  meToo: z.array(ExportMeToo),
  votingRounds: z.array(ExportVotingRound),
  voiceBalance: ExportVoiceBalance,
  checkpoints: z.array(ExportCheckpoint),
  /** The session activity log, oldest first (withdrawn participants' steps left out). */
  activity: z.array(ExportActivity),
  /** Counts of what was left out, so a reader can tell an empty board from a filtered one. */
  omitted: z.object({
    withdrawnParticipants: Count,
    withdrawnCards: Count,
    withdrawnBallots: Count,
    invalidRecords: Count,
  }),
})
export type ExportModel = z.infer<typeof ExportModel>
