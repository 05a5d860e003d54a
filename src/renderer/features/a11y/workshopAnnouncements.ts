import type { TimerState } from '../../../core/common/facilitation/schema'
import type { VotingRound } from '../../../core/common/voting/round'
import type { WorkshopSnapshot } from '../../session/workshop'
import type { CountedVote, RoundResults } from '../../../core/common/voting/tally'
import { methodOf } from '../../../core/common/voting/methods'
import { cardSummary } from '../../../core/common/voting/describe'
import { uiT } from '../../device/i18n/uiT'

/**
 * What to read out when the workshop moves on: activity changes, timer milestones, reveals, voting
 * opening and closing, and voting results. Pure functions over snapshots of the session document
 * (read with zod; invalid values read as absent), so every rule is unit-tested with real Y.Docs.
 */
export type Politeness = 'polite' | 'assertive'
export interface Announcement {
  readonly text: string
  readonly politeness: Politeness
}

export function minutesText(ms: number): string {
  const min = Math.round(ms / 60_000)
  if (ms < 60_000) return uiT('a11y.time.seconds', { count: Math.max(1, Math.round(ms / 1000)) })
  return uiT('a11y.time.minutes', { count: min })
}

/** Announcements for the change from `prev` to `next` (timer milestones by time are TimerWatcher's). */
export function workshopChanges(prev: WorkshopSnapshot, next: WorkshopSnapshot): Announcement[] {
  const out: Announcement[] = []
  const polite = (text: string) => out.push({ text, politeness: 'polite' })
  const acts = next.agenda.activities
  const cur = next.agenda.currentIndex >= 0 ? acts[next.agenda.currentIndex] : undefined
  const prevCur = prev.agenda.currentIndex >= 0 ? prev.agenda.activities[prev.agenda.currentIndex] : undefined
  if (cur && cur.id !== prevCur?.id) {
    const parts = [uiT('a11y.now', { title: cur.title, n: next.agenda.currentIndex + 1, total: acts.length })]
    if (cur.contentNote) parts.push(uiT('a11y.contentNote', { note: cur.contentNote }))
    if (cur.private) parts.push(uiT('a11y.privateWriting'))
    if (cur.instructions) parts.push(cur.instructions)
    polite(parts.join(' '))
  } else if (!cur && prevCur) polite(uiT('a11y.agendaFinished'))

  const t = next.timer
  const p = prev.timer
  if (t && t.activityId !== null && t.status !== p?.status) {
    const sameRun = p && p.activityId === t.activityId
    if (t.status === 'running')
      polite(
        sameRun && p.status === 'paused'
          ? uiT('a11y.timer.resumed')
          : uiT('a11y.timer.started', { time: minutesText(t.durationMs - t.elapsedBeforeMs) }),
      )
    else if (t.status === 'paused' && sameRun) polite(uiT('a11y.timer.paused'))
  }

  for (const [activityId] of Object.entries(next.reveal)) {
    if (prev.reveal[activityId] !== undefined) continue
    const title = acts.find((a) => a.id === activityId)?.title
    polite(title ? uiT('a11y.revealed', { title }) : uiT('a11y.revealedUntitled'))
  }

  for (const r of next.rounds) {
    const before = prev.rounds.find((x) => x.id === r.id)
    const name = r.title ? `: ${r.title}` : ''
    if (r.status === 'open' && before?.status !== 'open')
      polite(
        r.method === 'dots'
          ? uiT('a11y.voting.openDots', { name, count: r.dotsPerPerson })
          : uiT('a11y.voting.openMethod', { name, how: methodOf(r).describe(r) }),
      )
    else if (r.status === 'closed' && before?.status === 'open') polite(uiT('a11y.voting.closed', { name }))
  }
  return out
}

/**
 * Timer milestones by time: half time (timers of 4 minutes or more), one minute left (over 2 minutes),
 * and time is up (assertive) — each once per run, whether the time runs out or the facilitator ends it.
 */
export class TimerWatcher {
  private key = ''
  private lastRemaining = Infinity
  private spoken = new Set<string>()

  update(t: TimerState | null, remaining: number): Announcement[] {
    if (!t || t.activityId === null) return []
    const key = `${t.activityId}:${t.durationMs}`
    if (key !== this.key) {
      this.key = key
      this.spoken = new Set()
      this.lastRemaining = Infinity
    }
    const out: Announcement[] = []
    const once = (id: string, text: string, politeness: Politeness = 'polite') => {
      if (this.spoken.has(id)) return
      this.spoken.add(id)
      out.push({ text, politeness })
    }
    const crossed = (threshold: number) => this.lastRemaining > threshold && remaining <= threshold
    if (t.status === 'done' || (t.status === 'running' && remaining <= 0))
      once('up', uiT('a11y.timer.up'), 'assertive')
    else if (t.status === 'running') {
      if (t.durationMs > 120_000 && crossed(60_000)) once('1min', uiT('a11y.timer.oneMinute'))
      else if (t.durationMs >= 240_000 && crossed(t.durationMs / 2))
        once('half', uiT('a11y.timer.half', { time: minutesText(remaining) }))
    }
    if (t.status === 'idle') this.spoken.clear()
    this.lastRemaining = remaining
    return out
  }
}

/** Results of an agreement, scale or rank round: "Results of X: first, “…” with Agree 5 · Disagree 1 · Pass 0; …" */
export function methodResultsText(
  round: VotingRound,
  results: RoundResults,
  cardText: (id: string) => string | undefined,
): string {
  const name = round.title ? uiT('a11y.results.named', { name: round.title }) : uiT('a11y.results.unnamed')
  if (results.cards.length === 0) return uiT('a11y.results.noAnswers', { results: name })
  const places = ['first', 'second', 'third']
  const items = results.cards.slice(0, 3).map((c, i) =>
    uiT('a11y.results.place', {
      place: places[i]!,
      text: cardText(c.cardId) ?? uiT('a11y.results.deleted'),
      summary: cardSummary(c, uiT),
    }),
  )
  return uiT('a11y.results.method', { results: name, items: items.join('; '), count: results.ballots })
}

/** "Results of Priorities: first, 'More evening appointments' with 5 votes; …" (top three). */
export function votingResultsText(
  round: VotingRound,
  votes: readonly CountedVote[],
  cardText: (id: string) => string | undefined,
): string {
  const name = round.title ? uiT('a11y.results.named', { name: round.title }) : uiT('a11y.results.unnamed')
  const counts = new Map<string, number>()
  for (const v of votes) counts.set(v.cardId, (counts.get(v.cardId) ?? 0) + 1)
  if (counts.size === 0) return uiT('a11y.results.noVotes', { results: name })
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3)
  const places = ['first', 'second', 'third']
  const people = new Set(votes.map((v) => v.participantId)).size
  const items = top.map(([id, n], i) =>
    uiT('a11y.results.place', {
      place: places[i]!,
      text: cardText(id) ?? uiT('a11y.results.deleted'),
      summary: uiT('a11y.results.votes', { count: n }),
    }),
  )
  return uiT('a11y.results.voting', {
    results: name,
    items: items.join('; '),
    votes: votes.length,
    count: people,
  })
}
