import type * as Y from 'yjs'
import { z } from 'zod'
import { sessionMap } from '../session/docSchema'
import { plain } from '../session/read'

/**
 * A theme: a named group of cards that the facilitator made (by hand, or by accepting a suggestion),
 * stored in the document's `themes` map (theme id → Theme). A card belongs to at most one theme:
 * grouping cards that are already in a theme moves them, and a theme left with no card is removed.
 * Reads validate and treat an invalid value as absent; writes validate and throw on bad input.
 */
export const THEME_NAME_MAX = 120
export const THEME_CARDS_MAX = 5000

export const ThemeName = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, 'A theme needs a name').max(THEME_NAME_MAX))

export const Theme = z.object({
  id: z.string().min(1).max(64),
  name: ThemeName,
  /** Card shape ids, in the order the facilitator grouped them. */
  cardIds: z.array(z.string().min(1).max(200)).min(1).max(THEME_CARDS_MAX),
  /** How the theme came about: grouped by hand, or a suggestion the facilitator accepted. */
  source: z.enum(['manual', 'suggested']),
  createdAt: z.number().int().min(0),
})
export type Theme = z.infer<typeof Theme>

/** Every valid theme, oldest first. */
export function readThemes(doc: Y.Doc): Theme[] {
  return parseThemes([...sessionMap(doc, 'themes').entries()].map(([k, v]) => [k, plain(v)] as const))
}

/**
 * Validates raw `[theme id, value]` entries (as readSession gives them): invalid entries and entries
 * whose id does not match their key are dropped; a card claimed by two themes stays in the older one.
 */
export function parseThemes(entries: ReadonlyArray<readonly [string, unknown]>): Theme[] {
  const out: Theme[] = []
  for (const [k, v] of entries) {
    const p = Theme.safeParse(v)
    if (p.success && p.data.id === k) out.push(p.data)
  }
  out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  const seen = new Set<string>()
  const kept: Theme[] = []
  for (const t of out) {
    const cardIds = [...new Set(t.cardIds)].filter((id) => !seen.has(id))
    for (const id of cardIds) seen.add(id)
    if (cardIds.length > 0) kept.push({ ...t, cardIds })
  }
  return kept
}

/** Theme id of each grouped card. */
export function themeOfCard(themes: readonly Theme[]): Map<string, string> {
  const m = new Map<string, string>()
  for (const t of themes) for (const id of t.cardIds) m.set(id, t.id)
  return m
}

export interface NewTheme {
  readonly id: string
  readonly name: string
  readonly cardIds: readonly string[]
  readonly source?: Theme['source']
  readonly createdAt: number
}

/**
 * Groups cards as a theme (or adds them to an existing theme with this id, renaming it). The cards
 * leave any other theme; themes left empty are removed. One transaction. Returns the stored theme.
 */
export function groupAsTheme(doc: Y.Doc, t: NewTheme, origin: unknown = null): Theme {
  const existing = readThemes(doc).find((x) => x.id === t.id)
  const cardIds = [...new Set([...(existing?.cardIds ?? []), ...t.cardIds])]
  const theme = Theme.parse({
    id: t.id,
    name: t.name,
    cardIds,
    source: existing?.source ?? t.source ?? 'manual',
    createdAt: existing?.createdAt ?? Math.max(0, Math.floor(t.createdAt)),
  })
  doc.transact(() => {
    removeCards(doc, new Set(theme.cardIds), theme.id)
    sessionMap(doc, 'themes').set(theme.id, theme)
  }, origin)
  return theme
}

export function renameTheme(doc: Y.Doc, id: string, name: string, origin: unknown = null): boolean {
  const t = readThemes(doc).find((x) => x.id === id)
  if (!t) return false
  const next = Theme.parse({ ...t, name })
  doc.transact(() => sessionMap(doc, 'themes').set(id, next), origin)
  return true
}

/** Moves every card of `otherIds` into `intoId` and removes the others. */
export function mergeThemes(
  doc: Y.Doc,
  intoId: string,
  otherIds: readonly string[],
  origin: unknown = null,
): boolean {
  const all = readThemes(doc)
  const into = all.find((x) => x.id === intoId)
  if (!into) return false
  const others = all.filter((x) => otherIds.includes(x.id) && x.id !== intoId)
  const cardIds = [...new Set([...into.cardIds, ...others.flatMap((o) => o.cardIds)])]
  const next = Theme.parse({ ...into, cardIds })
  doc.transact(() => {
    const m = sessionMap(doc, 'themes')
    for (const o of others) m.delete(o.id)
    m.set(intoId, next)
  }, origin)
  return true
}

/** Ungroups a theme: the theme goes, its cards stay on the board. */
export function deleteTheme(doc: Y.Doc, id: string, origin: unknown = null): boolean {
  const m = sessionMap(doc, 'themes')
  if (!m.has(id)) return false
  doc.transact(() => m.delete(id), origin)
  return true
}

/** Takes cards out of whatever theme they are in. */
export function ungroupCards(doc: Y.Doc, cardIds: readonly string[], origin: unknown = null): void {
  doc.transact(() => removeCards(doc, new Set(cardIds), null), origin)
}

function removeCards(doc: Y.Doc, ids: ReadonlySet<string>, except: string | null): void {
  const m = sessionMap(doc, 'themes')
  for (const t of readThemes(doc)) {
    if (t.id === except || !t.cardIds.some((id) => ids.has(id))) continue
    const rest = t.cardIds.filter((id) => !ids.has(id))
    if (rest.length === 0) m.delete(t.id)
    else m.set(t.id, { ...t, cardIds: rest })
  }
}
