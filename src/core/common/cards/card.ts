import { z } from 'zod'
import { CardKind } from '../../../shared/model/cardKinds'
import { NAME_MAX } from '../../../shared/model/participant'
import { CoproRole } from '../../../shared/model/roles'
import { CardPhoto } from '../photos/photo'

export { CARD_KINDS, CARD_KIND_INFO, CardKind, type CardKindInfo } from '../../../shared/model/cardKinds'
export { NAME_MAX } from '../../../shared/model/participant'

/**
 * THE card: the one definition of what a card is. The tldraw shape's validators
 * (renderer/board/shapes/cardSchema.ts), the plain-JSON record exports read (cardRecord.ts), every form
 * that writes a card (composer, simple composer, outline forms) and the export derive from here.
 * The kinds vocabulary is in src/shared/model/cardKinds.ts because templates and the wire contract
 * name kinds too; the rest of the card is here.
 *
 * Stored as a tldraw `card` shape in tl_records; the author's name is stored only with consent
 * (`authorName` is '' for anonymous cards). See ADR 0009.
 */

/** The tldraw shape type name of a card. */
export const CARD_SHAPE_TYPE = 'card'

/** Limits that every boundary enforces on card content. */
export const CARD_LIMITS = {
  textMax: 2000,
  /** Author name and action owner. */
  nameMax: NAME_MAX,
  authorIdMax: 64,
  /** Width and height, in canvas units. */
  sizeMax: 4000,
} as const
export const CARD_TEXT_MAX = CARD_LIMITS.textMax

export const CARD_DEFAULT_SIZE = { w: 200, h: 140 } as const

/** An action's due date: a calendar date YYYY-MM-DD, or '' for none. */
export const DUE_DATE_PATTERN = /^(\d{4}-\d{2}-\d{2})?$/
export const DueDate = z.string().regex(DUE_DATE_PATTERN)

/** Whether a string is a due date the card can store ('' counts: no due date). */
export function isDueDate(s: string): boolean {
  return DUE_DATE_PATTERN.test(s)
}

/**
 * Who wrote a card down for someone else ("scribed for …"): a facilitator or co-facilitator writing on
 * behalf of a participant or a role. The card's author fields then name the person or role whose voice
 * it is (so voice balance, the ledger and the report count it for them), and `scribe` names who wrote
 * it. Cards written by their own author have no `scribe` (older cards never do: it is optional).
 */
export const CardScribe = z.object({
  /** The scribe's participant id (their local identity). */
  id: z.string().max(CARD_LIMITS.authorIdMax),
  role: CoproRole,
})
export type CardScribe = z.infer<typeof CardScribe>

/** The props of the tldraw `card` shape, as stored in the document. */
export const CardProps = z.object({
  w: z.number().finite().positive().max(CARD_LIMITS.sizeMax),
  h: z.number().finite().positive().max(CARD_LIMITS.sizeMax),
  kind: CardKind,
  text: z.string().max(CARD_LIMITS.textMax),
  authorId: z.string().max(CARD_LIMITS.authorIdMax),
  authorRole: CoproRole,
  authorName: z.string().max(CARD_LIMITS.nameMax),
  createdAt: z.number().int().nonnegative(),
  /** Action cards only; '' otherwise. */
  owner: z.string().max(CARD_LIMITS.nameMax),
  /** Action cards only: ISO date (YYYY-MM-DD) or ''. */
  due: DueDate,
  /** Only on scribed cards: who wrote it down for the author (see CardScribe). */
  scribe: CardScribe.optional(),
  /** Only on photo cards: the image (an asset of the session); the text is its caption (photos/photo.ts). */
  photo: CardPhoto.optional(),
})
export type CardProps = z.infer<typeof CardProps>

/** Who writes a new card: the name is stored only when they agreed to show it. */
export interface CardAuthor {
  id: string
  name: string
  anonymous: boolean
  coproRole: CoproRole
}

/** The fields a person fills in when writing or editing a card (every form collects these). */
export interface CardFields {
  kind: CardKind
  text: string
  /** Actions only. */
  owner: string
  /** Actions only: YYYY-MM-DD or ''. */
  due: string
}

/** For whom a facilitator scribes a card: a registered participant, or a role when nobody in particular. */
export type ScribedFor =
  | { kind: 'participant'; id: string; name: string; anonymous: boolean; coproRole: CoproRole }
  | { kind: 'role'; coproRole: CoproRole }

/**
 * The author and scribe of a card that `scribe` writes for someone: the card is authored by that
 * participant (their name only with their consent) or, for a role, by the role with no person.
 */
export function scribedAuthor(
  scribe: CardAuthor,
  forWhom: ScribedFor,
): { author: CardAuthor; scribe: CardScribe } {
  const author: CardAuthor =
    forWhom.kind === 'participant'
      ? { id: forWhom.id, name: forWhom.name, anonymous: forWhom.anonymous, coproRole: forWhom.coproRole }
      : { id: '', name: '', anonymous: true, coproRole: forWhom.coproRole }
  return { author, scribe: { id: scribe.id.slice(0, CARD_LIMITS.authorIdMax), role: scribe.coproRole } }
}

/** Whether a kind of card has an owner and a due date. */
export const hasOwnerAndDue = (kind: CardKind): boolean => kind === 'action'

/**
 * The fields as stored: text and owner cut to their limits, owner and due date only on actions, a due
 * date only when it is a calendar date.
 */
export function normaliseCardFields(f: CardFields): CardFields {
  const action = hasOwnerAndDue(f.kind)
  return {
    kind: f.kind,
    text: f.text.slice(0, CARD_LIMITS.textMax),
    owner: action ? f.owner.slice(0, CARD_LIMITS.nameMax) : '',
    due: action && isDueDate(f.due) ? f.due : '',
  }
}

/**
 * The props of a new card, from every path that writes one (composer, outline, guests' phones):
 * default size, normalised fields, the author's name only with consent.
 */
export function newCardProps(
  kind: CardKind,
  text: string,
  author: CardAuthor,
  extras: { owner?: string; due?: string; scribe?: CardScribe; photo?: CardPhoto } = {},
  now: number = Date.now(),
): CardProps {
  const fields = normaliseCardFields({ kind, text, owner: extras.owner ?? '', due: extras.due ?? '' })
  return {
    ...(extras.scribe ? { scribe: CardScribe.parse(extras.scribe) } : {}),
    ...(extras.photo ? { photo: CardPhoto.parse(extras.photo) } : {}),
    w: CARD_DEFAULT_SIZE.w,
    h: CARD_DEFAULT_SIZE.h,
    kind: fields.kind,
    text: fields.text,
    authorId: author.id,
    authorRole: author.coproRole,
    authorName: author.anonymous ? '' : author.name.slice(0, CARD_LIMITS.nameMax),
    createdAt: now,
    owner: fields.owner,
    due: fields.due,
  }
}

/** The props of a card tldraw creates by itself (before anyone writes on it). */
export function defaultCardProps(): CardProps {
  return {
    w: CARD_DEFAULT_SIZE.w,
    h: CARD_DEFAULT_SIZE.h,
    kind: 'idea',
    text: '',
    authorId: '',
    authorRole: 'facilitator',
    authorName: '',
    createdAt: 0,
    owner: '',
    due: '',
  }
}
