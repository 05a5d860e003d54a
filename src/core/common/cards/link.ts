import { z } from 'zod'
import type { CardKind } from './card'

/**
 * A link between two cards (ADR 0035): a tldraw arrow in tl_records whose start and end are both bound
 * to cards, plus a kind kept on the arrow record itself (`meta[LINK_META_KEY]`). Nothing else in the
 * document holds links, so deleting the arrow or either card ends the link with no orphan to clean.
 * Direction is start → end ("this action addresses that pain").
 */

export const LINK_KINDS = ['addresses', 'causes', 'relates'] as const
export const LinkKind = z.enum(LINK_KINDS)
export type LinkKind = z.infer<typeof LinkKind>

/** Where an arrow record keeps its link kind (`meta.linkKind`); see session/docSchema.ts. */
export const LINK_META_KEY = 'linkKind'

export interface LinkKindInfo {
  /** Short label, shown on the arrow and in lists ("addresses"). */
  readonly label: string
  /** The link read as a sentence between two cards: `${from} ${verb} ${to}`. */
  readonly verb: string
}

export const LINK_KIND_INFO: Readonly<Record<LinkKind, LinkKindInfo>> = {
  addresses: { label: 'addresses', verb: 'addresses' },
  causes: { label: 'causes', verb: 'causes' },
  relates: { label: 'relates to', verb: 'relates to' },
}

/** The kind an arrow's meta names, or null when it names none (made before kinds existed, or damaged). */
export function storedLinkKind(meta: unknown): LinkKind | null {
  if (typeof meta !== 'object' || meta === null) return null
  const p = LinkKind.safeParse((meta as Record<string, unknown>)[LINK_META_KEY])
  return p.success ? p.data : null
}

const solves = (k: CardKind): boolean => k === 'action' || k === 'idea'

/**
 * The kind a link has until someone chooses one, from the kinds of the cards it joins: an action or idea
 * joined to a pain (either way round) addresses it; a pain pointing at a pain causes it; anything else
 * relates. Links drawn before kinds existed read the same way, so their "pains addressed" stay.
 */
export function defaultLinkKind(from: CardKind, to: CardKind): LinkKind {
  if ((solves(from) && to === 'pain') || (from === 'pain' && solves(to))) return 'addresses'
  if (from === 'pain' && to === 'pain') return 'causes'
  return 'relates'
}

/** A link's kind: the one stored on its arrow, else the default for the cards it joins. */
export function linkKindOf(meta: unknown, from: CardKind, to: CardKind): LinkKind {
  return storedLinkKind(meta) ?? defaultLinkKind(from, to)
}
