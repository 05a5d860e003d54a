import { z } from 'zod'
import { CoproRole } from './roles'

export const CARD_KINDS = ['pain', 'gain', 'contribution', 'idea', 'question', 'action', 'quote'] as const
export const CardKind = z.enum(CARD_KINDS)
export type CardKind = z.infer<typeof CardKind>

export interface CardKindInfo {
  readonly label: string
  /** Plain-language phrase used by the simple composer ("something that's hard"). */
  readonly phrase: string
  /** Background colour; never the only cue: every card also shows icon + label. */
  readonly colour: string
  /** A short text glyph used as the icon (works in every font, survives export). */
  readonly icon: string
}

export const CARD_KIND_INFO: Readonly<Record<CardKind, CardKindInfo>> = {
  pain: { label: 'Pain', phrase: "Something that's hard", colour: '#ffd6d6', icon: '⚠' },
  gain: { label: 'Gain', phrase: 'Something that works well', colour: '#d5f5d5', icon: '✓' },
  contribution: { label: 'Contribution', phrase: 'Something I can offer', colour: '#d6e6ff', icon: '✋' },
  idea: { label: 'Idea', phrase: 'An idea', colour: '#fff3b0', icon: '✦' },
  question: { label: 'Question', phrase: 'A question', colour: '#eadcff', icon: '?' },
  action: { label: 'Action', phrase: 'Something we will do', colour: '#ffe2c2', icon: '→' },
  quote: { label: 'Quote', phrase: 'Something someone said', colour: '#e8e8e8', icon: '❝' },
}

/** Limits that every boundary enforces on card content. */
export const CARD_TEXT_MAX = 2000
export const NAME_MAX = 80

/**
 * The props of the tldraw `card` shape, as stored in the document.
 * The author's name is stored only with consent (`authorName` is '' for anonymous cards).
 */
export const CardProps = z.object({
  w: z.number().finite().positive().max(4000),
  h: z.number().finite().positive().max(4000),
  kind: CardKind,
  text: z.string().max(CARD_TEXT_MAX),
  authorId: z.string().max(64),
  authorRole: CoproRole,
  authorName: z.string().max(NAME_MAX),
  createdAt: z.number().int().nonnegative(),
  /** Action cards only; '' otherwise. */
  owner: z.string().max(NAME_MAX),
  /** Action cards only: ISO date (YYYY-MM-DD) or ''. */
  due: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/),
})
export type CardProps = z.infer<typeof CardProps>

export const CARD_DEFAULT_SIZE = { w: 200, h: 140 } as const
