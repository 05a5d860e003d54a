/**
 * Fuzzy matching for the command palette: every query character must appear in order.
 * Scores favour matches at word starts and consecutive runs, as VS Code's palette does.
 * Returns null when the query does not match.
 */
export interface FuzzyMatch {
  score: number
  /** Indices of matched characters in the target, for highlighting. */
  positions: number[]
}

export function fuzzyMatch(query: string, target: string): FuzzyMatch | null {
  const q = query.trim().toLowerCase()
  if (!q) return { score: 0, positions: [] }
  const t = target.toLowerCase()
  const positions: number[] = []
  let score = 0
  let ti = 0
  let prev = -2
  for (const ch of q) {
    if (ch === ' ') continue
    const found = t.indexOf(ch, ti)
    if (found < 0) return null
    const atWordStart = found === 0 || /[\s:./_-]/.test(t[found - 1]!)
    score += 1
    if (atWordStart) score += 8
    if (found === prev + 1) score += 5
    score -= Math.min(found - ti, 10) * 0.1
    positions.push(found)
    prev = found
    ti = found + 1
  }
  if (t.startsWith(q)) score += 10
  return { score, positions }
}

/** Sorts items by match quality; items that do not match are dropped. Stable for equal scores. */
export function fuzzyFilter<T>(query: string, items: readonly T[], text: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, m: fuzzyMatch(query, text(item)) }))
    .filter((x): x is { item: T; index: number; m: FuzzyMatch } => x.m !== null)
    .sort((a, b) => b.m.score - a.m.score || a.index - b.index)
    .map((x) => x.item)
}
