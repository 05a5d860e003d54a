import { z } from 'zod'
import { addDot, removeDot } from '../../core/common/facilitation/voting'

/**
 * A person's dots in an open round: on this device only (memory + localStorage), never in the shared
 * document. Keyed by session, round and voter, so two people on one browser do not mix.
 */
const Dots = z.array(z.string().max(64)).max(20)
type Listener = () => void

const listeners = new Set<Listener>()
const cache = new Map<string, readonly string[]>()

const keyOf = (sessionId: string, roundId: string, voterId: string) =>
  `copro.votes.${sessionId}.${roundId}.${voterId}`

export function getDots(sessionId: string, roundId: string, voterId: string): readonly string[] {
  const key = keyOf(sessionId, roundId, voterId)
  const hit = cache.get(key)
  if (hit) return hit
  let dots: readonly string[] = []
  try {
    const p = Dots.safeParse(JSON.parse(localStorage.getItem(key) ?? '[]'))
    if (p.success) dots = p.data
  } catch {
    // unreadable: start empty
  }
  cache.set(key, dots)
  return dots
}

function setDots(sessionId: string, roundId: string, voterId: string, dots: readonly string[]): void {
  const key = keyOf(sessionId, roundId, voterId)
  cache.set(key, dots)
  try {
    localStorage.setItem(key, JSON.stringify(dots))
  } catch {
    // storage full or blocked: the dots still live in memory for this page
  }
  for (const l of listeners) l()
}

export function vote(
  sessionId: string,
  roundId: string,
  voterId: string,
  cardId: string,
  max: number,
): boolean {
  const before = getDots(sessionId, roundId, voterId)
  const after = addDot(before, cardId, max)
  if (after === before) return false
  setDots(sessionId, roundId, voterId, after)
  return true
}

export function unvote(sessionId: string, roundId: string, voterId: string, cardId: string): boolean {
  const before = getDots(sessionId, roundId, voterId)
  const after = removeDot(before, cardId)
  if (after === before) return false
  setDots(sessionId, roundId, voterId, after)
  return true
}

export function subscribeDots(l: Listener): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

/** Bumps on every change, for useSyncExternalStore. */
let version = 0
subscribeDots(() => version++)
export const dotsVersion = (): number => version
