import type * as Y from 'yjs'
import { z } from 'zod'
import { cardBounds, selectCards, type CardRecord } from '../cards/cardRecord'
import { CARD_KIND_INFO } from '../../../shared/model/cardKinds'
import { COPRO_ROLE_INFO, COPRO_ROLES, type CoproRole } from '../../../shared/model/roles'
import { Participant } from '../../../shared/model/participant'
import { BoardStructure, type CellRef } from '../../../shared/model/structure'
import { readActivity } from '../session/activity'
import { readSession } from '../session/read'
import { attributeCard } from '../structure/attribution'
import { cmp } from '../text/compare'
import { cleanText, oneLine, toIso } from '../text/sanitize'
import { emptyByRole, tallyVotes } from '../voting/tally'
import {
  EXPORT_FORMAT_VERSION,
  type ExportAction,
  type ExportCard,
  type ExportCell,
  type ExportCheckpoint,
  type ExportModel,
  type ExportParticipant,
  type ExportStructure,
  type ExportVotes,
} from './schema'
import { voiceBalance } from './voiceBalance'
import { findLinks } from './links'
import { exportVotingRound } from './decisions'
import { exportThemes } from './themes'
import { exportComments } from './comments'
import { parseReportSettings, REPORT_SECTIONS } from './report'
import { Language } from '../../../shared/i18n/languages'
import { readSessionLanguage } from '../session/language'
import { exportImages, exportPhoto } from './photos'
import { photoFileName } from '../photos/photo'

/** A checkpoint as the storage layer lists it; createdAt may be an ISO string or epoch ms. */
export const CheckpointInput = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(500),
  createdAt: z.union([z.string(), z.number()]),
  reason: z.string().max(500),
})
export type CheckpointInput = z.infer<typeof CheckpointInput>

export interface ExportOptions {
  readonly checkpoints?: readonly unknown[]
  /** Show names of participants who consented (were not anonymous). Default false: pseudonyms only. */
  readonly includeNames?: boolean
  /** ISO time stamped into the export (pass it in: the model is a pure function of its inputs). */
  readonly generatedAt: string
  readonly appVersion: string
  /** The report's language(s), overriding the facilitator's setting (e.g. `copro export --language cy,en`). */
  readonly languages?: readonly Language[]
}

const TITLE_MAX = 200

/**
 * Builds the export model from a session document. Pure: reads the document without changing it.
 * Consent rules applied here, once, for every format:
 *   - participants are "Participant N" (order of joining); a name appears only when the participant
 *     was not anonymous AND names were requested;
 *   - an anonymous card (authorName '' or an anonymous participant) carries neither name nor pseudonym;
 *   - withdrawn participants' cards, ballots and registry entries are left out entirely.
 */
export function buildExportModel(doc: Y.Doc, opts: ExportOptions): ExportModel {
  const raw = readSession(doc)
  const includeNames = opts.includeNames === true
  let invalid = 0

  const parsedStructure = BoardStructure.safeParse(raw.structure)
  if (!parsedStructure.success && raw.structure != null) invalid++
  const structure = parsedStructure.success ? parsedStructure.data : null

  // Participants: valid, not withdrawn, in order of joining.
  const people: Participant[] = []
  let withdrawnParticipants = 0
  for (const r of raw.participants) {
    const p = Participant.safeParse(r)
    if (!p.success) invalid++
    else if (raw.withdrawn.has(p.data.id)) withdrawnParticipants++
    else people.push(p.data)
  }
  people.sort((a, b) => a.joinedAt - b.joinedAt || cmp(a.id, b.id))
  const registry = new Map(people.map((p, i) => [p.id, { p, pseudonym: `Participant ${i + 1}` }]))

  // Cards: valid, not by a withdrawn participant.
  const selected = selectCards(raw.records)
  invalid += selected.invalid
  const kept: CardRecord[] = []
  let withdrawnCards = 0
  for (const c of selected.cards) {
    if (raw.withdrawn.has(c.props.authorId)) withdrawnCards++
    else kept.push(c)
  }
  const cardKinds = new Map(kept.map((c) => [c.id, c.props.kind]))
  // every valid registry entry, withdrawn or not (a withdrawn voter's ballot is counted as withdrawn)
  const voters = new Map<string, CoproRole>()
  for (const r of raw.participants) {
    const p = Participant.safeParse(r)
    if (p.success) voters.set(p.data.id, p.data.coproRole)
  }
  const tally = tallyVotes(raw.rounds, raw.ballots, cardKinds, raw.withdrawn, voters)
  invalid += tally.invalid
  const votesByCard = new Map<string, ExportVotes>()
  const votesByParticipant = new Map<string, number>()
  for (const v of tally.votes) {
    let e = votesByCard.get(v.cardId)
    if (!e) votesByCard.set(v.cardId, (e = { total: 0, byRole: emptyByRole() }))
    e.total++
    e.byRole[v.role]++
    votesByParticipant.set(v.participantId, (votesByParticipant.get(v.participantId) ?? 0) + 1)
  }

  const links = findLinks(raw.records, cardKinds)
  const linksTo = new Map<string, Set<string>>()
  const linkedFrom = new Map<string, Set<string>>()
  /** Cards joined by an "addresses" link, either way round (an action addresses a pain). */
  const addressing = new Map<string, Set<string>>()
  for (const l of links) {
    addTo(linksTo, l.fromCardId, l.toCardId)
    addTo(linkedFrom, l.toCardId, l.fromCardId)
    if (l.kind === 'addresses') {
      addTo(addressing, l.fromCardId, l.toCardId)
      addTo(addressing, l.toCardId, l.fromCardId)
    }
  }

  const exportStructure = toExportStructure(structure)
  const order = cellOrder(structure)
  const cardsByAuthor = new Map<string, number>()
  const withCell = kept.map((c) => {
    const ref = attributeCard(structure, cardBounds(c))
    return { c, ref, cell: toExportCell(structure, ref), rank: order(ref) }
  })
  withCell.sort((a, b) => a.rank - b.rank || a.c.props.createdAt - b.c.props.createdAt || cmp(a.c.id, b.c.id))

  const cards: ExportCard[] = withCell.map(({ c, cell }) => {
    const reg = registry.get(c.props.authorId)
    const anonymous = c.props.authorName === '' || reg?.p.anonymous === true
    if (!anonymous && reg) cardsByAuthor.set(reg.p.id, (cardsByAuthor.get(reg.p.id) ?? 0) + 1)
    const role = c.props.authorRole
    return {
      id: c.id,
      kind: c.props.kind,
      kindLabel: CARD_KIND_INFO[c.props.kind].label,
      text: cleanText(c.props.text),
      cell,
      author: {
        coproRole: role,
        coproRoleLabel: COPRO_ROLE_INFO[role].label,
        anonymous,
        pseudonym: anonymous || !reg ? null : reg.pseudonym,
        name: anonymous || !reg || !includeNames ? null : nameOf(reg.p),
        scribed: c.props.scribe !== undefined,
      },
      createdAt: toIso(c.props.createdAt) ?? new Date(0).toISOString(),
      votes: votesByCard.get(c.id) ?? { total: 0, byRole: emptyByRole() },
      linksTo: [...(linksTo.get(c.id) ?? [])].sort(cmp),
      linkedFrom: [...(linkedFrom.get(c.id) ?? [])].sort(cmp),
      ...exportPhoto(c.props.photo),
    }
  })
  const byId = new Map(cards.map((c) => [c.id, c]))
  const position = new Map(cards.map((c, i) => [c.id, i]))
  const byVotes = (a: string, b: string): number =>
    byId.get(b)!.votes.total - byId.get(a)!.votes.total || position.get(a)! - position.get(b)!

  const ownerOf = new Map(kept.map((c) => [c.id, c.props]))
  const actions: ExportAction[] = cards
    .filter((c) => c.kind === 'action')
    .map((c) => {
      const p = ownerOf.get(c.id)!
      const neighbours = addressing.get(c.id) ?? new Set<string>()
      return {
        cardId: c.id,
        text: c.text,
        owner: oneLine(p.owner),
        due: p.due,
        cell: c.cell,
        votes: c.votes,
        addressesPainIds: [...neighbours].filter((id) => byId.get(id)?.kind === 'pain').sort(byVotes),
      }
    })
    .sort((a, b) => byVotes(a.cardId, b.cardId))

  const participants: ExportParticipant[] = people.map((p) => ({
    pseudonym: registry.get(p.id)!.pseudonym,
    name: includeNames ? nameOf(p) : null,
    coproRole: p.coproRole,
    coproRoleLabel: COPRO_ROLE_INFO[p.coproRole].label,
    sessionRole: p.sessionRole,
    cards: cardsByAuthor.get(p.id) ?? 0,
    votes: votesByParticipant.get(p.id) ?? 0,
  }))

  const expected = expectedRoles(people, cards)
  const meta = raw.meta
  const title = typeof meta.title === 'string' ? oneLine(meta.title).trim().slice(0, TITLE_MAX) : ''
  return {
    formatVersion: EXPORT_FORMAT_VERSION,
    generator: {
      app: 'Copro Studio',
      appVersion: oneLine(opts.appVersion).slice(0, 64),
      generatedAt: toIso(opts.generatedAt) ?? new Date(0).toISOString(),
    },
    session: {
      id: typeof meta.sessionId === 'string' ? oneLine(meta.sessionId).slice(0, 64) : '',
      title: title || 'Untitled session',
      templateId: typeof meta.templateId === 'string' ? oneLine(meta.templateId).slice(0, 64) : null,
      createdAt: toIso(meta.createdAt),
      docVersion: Number.isInteger(meta.docVersion) ? (meta.docVersion as number) : null,
    },
    report: exportReport(raw.report, opts.languages ?? [], readSessionLanguage(doc)),
    namesIncluded: includeNames,
    structure: exportStructure,
    participants,
    cards,
    links,
    images: exportImages(raw.records, (box) => toExportCell(structure, attributeCard(structure, box))),
    actions,
    themes: exportThemes(raw.themes, cards),
    ...exportComments(doc, cards, raw.withdrawn, voters, (authorId, authorName, role) => {
      // the same consent rule as a card's author (above)
      const reg = registry.get(authorId)
      const anonymous = authorName === '' || reg?.p.anonymous === true
      return {
        coproRole: role,
        coproRoleLabel: COPRO_ROLE_INFO[role].label,
        anonymous,
        pseudonym: anonymous || !reg ? null : reg.pseudonym,
        name: anonymous || !reg || !includeNames ? null : nameOf(reg.p),
        scribed: false,
      }
    }),
    votingRounds: tally.rounds.map((r) => exportVotingRound(r, tally)),
    voiceBalance: voiceBalance(
      exportStructure,
      cards,
      tally.votes,
      people.map((p) => p.coproRole),
      expected,
    ),
    checkpoints: checkpoints(opts.checkpoints ?? []),
    activity: readActivity(doc)
      .filter((e) => !(e.by.participantId && raw.withdrawn.has(e.by.participantId)))
      .map((e) => ({
        at: toIso(e.at) ?? new Date(0).toISOString(),
        action: e.action,
        target: e.target,
        id: oneLine(e.id),
        by: {
          sessionRole: e.by.role,
          pseudonym: e.by.participantId ? (registry.get(e.by.participantId)?.pseudonym ?? null) : null,
        },
      })),
    omitted: {
      withdrawnParticipants,
      withdrawnCards,
      withdrawnBallots: tally.withdrawnBallots,
      invalidRecords: invalid,
    },
  }
}

function nameOf(p: Participant): string | null {
  const n = oneLine(p.name).trim()
  return p.anonymous || n === '' ? null : n
}

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k)
  if (!s) m.set(k, (s = new Set()))
  s.add(v)
}

/**
 * Roles expected to contribute: co-production roles of the registered participants who take part
 * (observers and the facilitator role aside). Without a registry, the roles that wrote cards.
 */
export function expectedRoles(
  people: readonly Participant[],
  cards: readonly { readonly author: Pick<ExportCard['author'], 'coproRole'> }[],
): CoproRole[] {
  const set = new Set<CoproRole>()
  for (const p of people)
    if (p.sessionRole !== 'observer' && p.coproRole !== 'facilitator') set.add(p.coproRole)
  if (people.length === 0)
    for (const c of cards) if (c.author.coproRole !== 'facilitator') set.add(c.author.coproRole)
  return COPRO_ROLES.filter((r) => set.has(r))
}

export function toExportStructure(s: BoardStructure | null): ExportStructure | null {
  if (!s) return null
  const item = (i: { id: string; label: string; prompt: string }) => ({
    id: i.id,
    label: oneLine(i.label),
    prompt: cleanText(i.prompt),
  })
  return s.type === 'grid'
    ? { type: 'grid', stages: s.stages.map(item), lanes: s.lanes.map(item) }
    : { type: 'zones', zones: s.zones.map(item) }
}

export function toExportCell(s: BoardStructure | null, ref: CellRef): ExportCell {
  if (ref.type === 'cell' && s?.type === 'grid') {
    const stage = s.stages.find((x) => x.id === ref.stageId)
    const lane = s.lanes.find((x) => x.id === ref.laneId)
    if (stage && lane)
      return {
        type: 'cell',
        stageId: stage.id,
        stageLabel: oneLine(stage.label),
        laneId: lane.id,
        laneLabel: oneLine(lane.label),
      }
  }
  if (ref.type === 'zone' && s?.type === 'zones') {
    const zone = s.zones.find((x) => x.id === ref.zoneId)
    if (zone) return { type: 'zone', zoneId: zone.id, zoneLabel: oneLine(zone.label) }
  }
  return { type: 'unplaced' }
}

/** Reading order of cells: stage by stage, lane by lane within a stage; zones in order; unplaced last. */
function cellOrder(s: BoardStructure | null): (ref: CellRef) => number {
  if (!s) return () => 0
  if (s.type === 'grid') {
    const st = new Map(s.stages.map((x, i) => [x.id, i]))
    const ln = new Map(s.lanes.map((x, i) => [x.id, i]))
    const n = s.lanes.length
    return (ref) => (ref.type === 'cell' ? (st.get(ref.stageId) ?? 0) * n + (ln.get(ref.laneId) ?? 0) : 1e9)
  }
  const zn = new Map(s.zones.map((x, i) => [x.id, i]))
  return (ref) => (ref.type === 'zone' ? (zn.get(ref.zoneId) ?? 0) : 1e9)
}

function checkpoints(input: readonly unknown[]): ExportCheckpoint[] {
  const out: ExportCheckpoint[] = []
  for (const raw of input) {
    const p = CheckpointInput.safeParse(raw)
    if (!p.success) continue
    const createdAt = toIso(p.data.createdAt)
    if (!createdAt) continue
    out.push({
      id: oneLine(p.data.id),
      name: oneLine(p.data.name),
      createdAt,
      reason: oneLine(p.data.reason),
    })
  }
  return out.sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id))
}

function exportReport(raw: unknown, override: readonly Language[], session: Language): ExportModel['report'] {
  const r = parseReportSettings(raw)
  const chosen = override.length ? override : r.languages
  return {
    languages: chosen.length ? [...new Set(chosen)].slice(0, 2) : [session],
    organisation: oneLine(r.organisation).trim(),
    summary: cleanText(r.summary).trim(),
    purpose: cleanText(r.purpose).trim(),
    whoTookPart: cleanText(r.whoTookPart).trim(),
    nextSteps: cleanText(r.nextSteps).trim(),
    sections: REPORT_SECTIONS.filter((s) => !r.hidden.includes(s)),
    ...(r.logo ? { logo: photoFileName(r.logo) } : {}),
  }
}
