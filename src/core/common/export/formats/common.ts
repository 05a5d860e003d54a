import { COPRO_ROLES, type CoproRole } from '../../../../shared/model/roles'
import type { ExportAuthor, ExportCard, ExportCell, ExportModel } from '../schema'
import type { Words } from './words'

/** Roles that appear anywhere in the session (participants, authors, voters), in the fixed order. */
export function activeRoles(m: ExportModel): CoproRole[] {
  const set = new Set<CoproRole>()
  for (const t of m.voiceBalance.byRole) if (t.cards + t.votes + t.participants > 0) set.add(t.coproRole)
  return COPRO_ROLES.filter((r) => set.has(r))
}

/**
 * How an author is shown: a consented name, else the pseudonym, else "Anonymous"; a card a facilitator
 * wrote down for them says so ("… (scribed)").
 */
export function authorLabel(a: ExportAuthor, w: Words): string {
  const who = a.anonymous
    ? w.t('report.author.anonymous')
    : (a.name ?? a.pseudonym ?? w.t('report.author.unregistered'))
  return a.scribed ? w.t('report.author.scribed', { who }) : who
}

export function cellLabel(c: ExportCell, w: Words): string {
  if (c.type === 'cell') return `${c.stageLabel} › ${c.laneLabel}`
  if (c.type === 'zone') return c.zoneLabel
  return w.t('report.unplaced')
}

/** Stage (grid) or zone label; 'Unplaced' otherwise. Used as the planning tools' bucket. */
export function areaLabel(c: ExportCell, w: Words): string {
  if (c.type === 'cell') return c.stageLabel
  if (c.type === 'zone') return c.zoneLabel
  return w.t('report.unplaced')
}

/** Pain cards, most votes first; ties keep board order. */
export function rankedPains(m: ExportModel): ExportCard[] {
  return m.cards
    .map((c, i) => ({ c, i }))
    .filter((x) => x.c.kind === 'pain')
    .sort((a, b) => b.c.votes.total - a.c.votes.total || a.i - b.i)
    .map((x) => x.c)
}

export function cardIndex(m: ExportModel): Map<string, ExportCard> {
  return new Map(m.cards.map((c) => [c.id, c]))
}

/**
 * Links between cards in words, one row each: from card, link kind ("addresses"), to card. An
 * "addresses" link drawn from a pain to an action reads the other way round (the action addresses it).
 */
export function linkRows(m: ExportModel, w: Words): { from: ExportCard; kind: string; to: ExportCard }[] {
  const cards = cardIndex(m)
  const rows: { from: ExportCard; kind: string; to: ExportCard }[] = []
  for (const l of m.links) {
    const from = cards.get(l.fromCardId)
    const to = cards.get(l.toCardId)
    if (!from || !to) continue
    const flip = l.kind === 'addresses' && from.kind === 'pain' && to.kind !== 'pain'
    rows.push({ from: flip ? to : from, kind: w.link(l.kind), to: flip ? from : to })
  }
  return rows
}

/** "5 (Service user 3, Staff 2)" — roles with zero votes are left out. */
export function votesSplit(c: ExportCard, w: Words, roles: readonly CoproRole[] = COPRO_ROLES): string {
  const parts = roles
    .filter((r) => c.votes.byRole[r] > 0)
    .map((r) => `${w.roleShort(r)} ${c.votes.byRole[r]}`)
  return parts.length ? `${c.votes.total} (${parts.join(', ')})` : `${c.votes.total}`
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/** "12 (Service user 7, Staff 5)" for a by-role record; roles with zero are left out. */
export function byRoleSplit(total: number, byRole: Readonly<Record<CoproRole, number>>, w: Words): string {
  const parts = COPRO_ROLES.filter((r) => byRole[r] > 0).map((r) => `${w.roleShort(r)} ${byRole[r]}`)
  return parts.length ? `${total} (${parts.join(', ')})` : `${total}`
}

/** A checkpoint's reason in words (never the internal code). */
export function checkpointReason(reason: string, w: Words): string {
  if (reason === 'activity-end') return w.t('report.checkpoint.activityEnd')
  if (reason === 'manual') return w.t('report.checkpoint.manual')
  if (reason === 'before-revert') return w.t('report.checkpoint.beforeRevert')
  return ''
}

/** Who took part, in role terms: "Service user: 3, Staff: 2" (observers aside). */
export function whoTookPart(m: ExportModel, w: Words): string {
  const counts = new Map<CoproRole, number>()
  for (const p of m.participants)
    if (p.sessionRole !== 'observer') counts.set(p.coproRole, (counts.get(p.coproRole) ?? 0) + 1)
  const parts = COPRO_ROLES.filter((r) => counts.has(r)).map((r) => `${w.roleShort(r)}: ${counts.get(r)}`)
  return parts.join(', ')
}

/** Whether the facilitator chose to include a section. */
export function shows(m: ExportModel, s: ExportModel['report']['sections'][number]): boolean {
  return m.report.sections.includes(s)
}
