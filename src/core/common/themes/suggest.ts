import { termForms } from './terms'

/**
 * "Suggest themes": groups cards by similar wording, on the device, with no network and no model
 * files (ADR 0043). Each card becomes a TF-IDF vector of its stemmed content words (terms.ts,
 * English and Welsh); cards are joined bottom-up by average-linkage agglomerative clustering on
 * cosine similarity until no two groups are more alike than `threshold`. Groups of `minSize` cards or
 * more are proposed, biggest first, each named by its top terms; the rest stay ungrouped. The
 * facilitator then accepts, renames, merges or discards each proposal (nothing is written here).
 *
 * Pure and deterministic: the same cards in the same order give the same proposals.
 * Cost: O(n²) memory (a Float32Array of n² similarities: 16 MB for 2,000 cards) and about O(n²) time.
 */
export interface SuggestCard {
  readonly id: string
  readonly text: string
}

export interface SuggestOptions {
  /** Two groups merge while their average cosine similarity is at least this (default 0.1). */
  readonly threshold?: number
  /** Smallest group proposed (default 2). */
  readonly minSize?: number
  /**
   * How alike two groups are: the average of their cards' similarities (default), the most alike
   * pair (single) or the least alike pair (complete). ADR 0043 compares them.
   */
  readonly linkage?: 'average' | 'single' | 'complete'
  /** Terms in a proposal's name (default 3). */
  readonly nameTerms?: number
}

export interface SuggestedTheme {
  /** A name from the group's top terms, e.g. "Waiting · appointment · phone". */
  readonly name: string
  /** The top terms as people wrote them (most telling first). */
  readonly terms: readonly string[]
  /** Card ids in the order they were given. */
  readonly cardIds: readonly string[]
}

export interface Suggestion {
  readonly themes: readonly SuggestedTheme[]
  /** Cards that fit no group. */
  readonly ungrouped: readonly string[]
}

export const DEFAULT_THRESHOLD = 0.1
/** Cards beyond this are not clustered (memory: n² floats). */
export const SUGGEST_MAX_CARDS = 5000

interface Doc {
  /** term index → weight (L2-normalised) */
  readonly terms: Int32Array
  readonly weights: Float32Array
}

export function suggestThemes(cards: readonly SuggestCard[], opts: SuggestOptions = {}): Suggestion {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD
  const minSize = Math.max(2, opts.minSize ?? 2)
  const nameTerms = Math.max(1, opts.nameTerms ?? 3)
  const linkage = opts.linkage ?? 'average'
  const list = cards.slice(0, SUGGEST_MAX_CARDS)
  const n = list.length

  // 1. Terms per card, document frequencies, and the commonest written form of each stem.
  const termIndex = new Map<string, number>()
  const surface: Array<Map<string, number>> = []
  const df: number[] = []
  const counts: Array<Map<number, number>> = []
  for (const c of list) {
    const tf = new Map<number, number>()
    for (const [s, w] of termForms(c.text)) {
      let t = termIndex.get(s)
      if (t === undefined) {
        t = termIndex.size
        termIndex.set(s, t)
        surface.push(new Map())
        df.push(0)
      }
      const forms = surface[t]!
      forms.set(w, (forms.get(w) ?? 0) + 1)
      if (!tf.has(t)) df[t]!++
      tf.set(t, (tf.get(t) ?? 0) + 1)
    }
    counts.push(tf)
  }

  // 2. TF-IDF vectors (sublinear tf, smoothed idf), L2-normalised; postings per term.
  const idf = df.map((d) => Math.log((n + 1) / (d + 1)) + 1)
  const docs: Doc[] = counts.map((tf) => {
    const terms = Int32Array.from(tf.keys())
    const weights = Float32Array.from(terms, (t) => (1 + Math.log(tf.get(t)!)) * idf[t]!)
    const norm = Math.hypot(...weights) || 1
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm
    return { terms, weights }
  })
  const postings: Array<Array<[number, number]>> = df.map(() => [])
  docs.forEach((d, i) => d.terms.forEach((t, k) => postings[t]!.push([i, d.weights[k]!])))

  // 3. Cosine similarities through the postings (only pairs sharing a term are touched).
  const S = new Float32Array(n * n)
  for (const post of postings)
    for (let a = 0; a < post.length; a++) {
      const [i, wi] = post[a]!
      for (let b = a + 1; b < post.length; b++) {
        const [j, wj] = post[b]!
        S[i * n + j]! += wi * wj
        S[j * n + i]! += wi * wj
      }
    }

  // 4. Average-linkage agglomerative clustering with a cache of each group's most similar group.
  const active = new Uint8Array(n).fill(1)
  const size = new Int32Array(n).fill(1)
  const members: number[][] = list.map((_, i) => [i])
  const best = new Int32Array(n).fill(-1)
  const bestSim = new Float32Array(n).fill(-1)
  const refresh = (i: number) => {
    let b = -1
    let bs = -1
    const row = i * n
    for (let k = 0; k < n; k++)
      if (k !== i && active[k] && S[row + k]! > bs) {
        bs = S[row + k]!
        b = k
      }
    best[i] = b
    bestSim[i] = bs
  }
  for (let i = 0; i < n; i++) refresh(i)
  for (;;) {
    let i = -1
    let top = -1
    for (let k = 0; k < n; k++)
      if (active[k] && bestSim[k]! > top) {
        top = bestSim[k]!
        i = k
      }
    if (i < 0 || top < threshold) break
    const j = best[i]!
    const si = size[i]!
    const sj = size[j]!
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === i || k === j) continue
      const a = S[i * n + k]!
      const b = S[j * n + k]!
      const v =
        linkage === 'single'
          ? Math.max(a, b)
          : linkage === 'complete'
            ? Math.min(a, b)
            : (si * a + sj * b) / (si + sj)
      S[i * n + k] = v
      S[k * n + i] = v
    }
    active[j] = 0
    size[i] = si + sj
    for (const m of members[j]!) members[i]!.push(m)
    members[j] = []
    refresh(i)
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === i) continue
      if (best[k] === i || best[k] === j) refresh(k)
      else if (S[k * n + i]! > bestSim[k]!) {
        best[k] = i
        bestSim[k] = S[k * n + i]!
      }
    }
  }

  // 5. Proposals, biggest first, named by the terms that most of the group shares.
  const themes: SuggestedTheme[] = []
  const ungrouped: string[] = []
  const groups = members
    .filter((m, i) => active[i] && m.length > 0)
    .map((m) => m.sort((a, b) => a - b))
    .sort((a, b) => b.length - a.length || a[0]! - b[0]!)
  for (const g of groups) {
    if (g.length < minSize) {
      for (const i of g) ungrouped.push(list[i]!.id)
      continue
    }
    const score = new Map<number, number>()
    for (const i of g) {
      const d = docs[i]!
      d.terms.forEach((t, k) => score.set(t, (score.get(t) ?? 0) + d.weights[k]!))
    }
    const top = [...score.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, nameTerms)
      .map(([t]) => commonest(surface[t]!))
    themes.push({
      name: nameFrom(top),
      terms: top,
      cardIds: g.map((i) => list[i]!.id),
    })
  }
  ungrouped.push(...cards.slice(SUGGEST_MAX_CARDS).map((c) => c.id))
  return { themes, ungrouped }
}

function commonest(forms: Map<string, number>): string {
  let best = ''
  let n = -1
  for (const [w, c] of forms) if (c > n || (c === n && w.length < best.length)) [best, n] = [w, c]
  return best
}

function nameFrom(terms: readonly string[]): string {
  if (terms.length === 0) return 'Untitled theme'
  const [first, ...rest] = terms
  return [first!.charAt(0).toUpperCase() + first!.slice(1), ...rest].join(' · ')
}
