import { z } from 'zod'

/**
 * The vocabulary of card kinds, shared with the wire contract and templates. The card itself (its
 * props, limits, normalisation and author) is defined once, in src/core/common/cards/card.ts.
 */

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
