import { CARD_KIND_INFO } from '../../../../shared/model/cardKinds'
import type { CoproRole } from '../../../../shared/model/roles'
import { commentsMarkdown } from './comments'
import type { ExportCard, ExportModel } from '../schema'
import {
  activeRoles,
  authorLabel,
  byRoleSplit,
  cardIndex,
  checkpointReason,
  shows,
  whoTookPart,
  cellLabel,
  linkRows,
  percent,
  rankedPains,
} from './common'
import { escapeMarkdown as md } from './escape'
import { wordsOf, type Words } from './words'
import { decisionTables, hasDecisions } from './decisions'
import { photosMarkdown } from './photosMarkdown'

/** The report as Markdown (GitHub-flavoured tables). All user text is escaped. */
export function markdownReport(m: ExportModel): string {
  const out: string[] = []
  const w = wordsOf(m)
  const roles = activeRoles(m)
  if (m.report.organisation) out.push(`**${md(m.report.organisation)}**`, '')
  out.push(`# ${md(m.session.title)}`, '')
  out.push(...summary(m, w), '')
  if (m.report.summary) out.push(`## ${w.t('report.section.summary')}`, '', md(m.report.summary), '')
  out.push(...context(m, w), '')
  if (shows(m, 'board')) out.push(...board(m, w), '')
  if (shows(m, 'board')) out.push(...photosMarkdown(m))
  if (shows(m, 'themes')) out.push(...themes(m, w), '')
  if (shows(m, 'pains')) out.push(...pains(m, roles, w), '')
  if (shows(m, 'decisions') && hasDecisions(m)) out.push(...decisions(m, roles, w), '')
  if (shows(m, 'contributions')) out.push(...contributions(m, w), '')
  if (shows(m, 'actions')) out.push(...actionPlan(m, w), '')
  if (shows(m, 'actions') && m.links.length > 0) out.push(...linksSection(m, w), '')
  if (shows(m, 'comments')) out.push(...commentsMarkdown(m, w))
  if (shows(m, 'voice')) out.push(...voice(m, roles, w), '')
  if (shows(m, 'checkpoints')) out.push(...checkpoints(m, w), '')
  out.push(...about(m, w))
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  )
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: number[] = [],
): string[] {
  const align = header.map((_, i) => (numeric.includes(i) ? '---:' : '---'))
  return [row(header), row(align), ...rows.map(row)]
}

function summary(m: ExportModel, w: Words): string[] {
  const votes = m.cards.reduce((n, c) => n + c.votes.total, 0)
  return [
    ...w
      .each('report.generated', {
        date: m.generator.generatedAt.slice(0, 10),
        version: md(m.generator.appVersion),
      })
      .flatMap((line) => [line, '']),
    ...(m.session.createdAt ? [`- **${w.t('report.fact.held')}:** ${m.session.createdAt.slice(0, 10)}`] : []),
    `- **${w.t('report.fact.participants')}:** ${m.participants.length}`,
    `- **${w.t('report.fact.cards')}:** ${m.cards.length} · **${w.t('report.fact.votes')}:** ${votes} · **${w.t('report.fact.actions')}:** ${m.actions.length} · **${w.t('report.fact.links')}:** ${m.links.length}`,
    `- **${w.t('report.fact.names')}:** ${w.t(m.namesIncluded ? 'report.fact.namesShown' : 'report.fact.namesHidden')}`,
  ]
}

function cardLine(c: ExportCard, w: Words): string {
  const info = CARD_KIND_INFO[c.kind]
  const votes = c.votes.total ? ` (${w.t('report.votes', { count: c.votes.total })})` : ''
  return `${info.icon} **${w.kind(c.kind)}:** ${c.photo ? `${w.t('report.photo')} ` : ''}${md(c.text)}${votes}`
}

function board(m: ExportModel, w: Words): string[] {
  const s = m.structure
  const out: string[] = []
  const unplaced = m.cards.filter((c) => c.cell.type === 'unplaced')
  if (s?.type === 'grid') {
    out.push(`## ${w.t('report.section.matrix')}`, '')
    const cells = new Map<string, ExportCard[]>()
    for (const c of m.cards) {
      if (c.cell.type !== 'cell') continue
      const k = `${c.cell.laneId}\u0000${c.cell.stageId}`
      const list = cells.get(k) ?? []
      list.push(c)
      cells.set(k, list)
    }
    out.push(
      ...table(
        ['', ...s.stages.map((st) => `**${md(st.label)}**`)],
        s.lanes.map((l) => [
          `**${md(l.label)}**`,
          ...s.stages.map((st) =>
            (cells.get(`${l.id}\u0000${st.id}`) ?? []).map((c) => cardLine(c, w)).join('<br>'),
          ),
        ]),
      ),
    )
  } else if (s?.type === 'zones') {
    out.push(`## ${w.t('report.section.board')}`, '')
    for (const z of s.zones) {
      const list = m.cards.filter((c) => c.cell.type === 'zone' && c.cell.zoneId === z.id)
      out.push(`### ${md(z.label)}`, '')
      out.push(
        ...(list.length ? list.map((c) => `- ${cardLine(c, w)}`) : [`_${w.t('report.empty.cards')}_`]),
        '',
      )
    }
  } else {
    out.push(`## ${w.t('report.section.cards')}`, '')
  }
  if (unplaced.length) {
    out.push('', s ? `### ${w.t('report.section.unplaced')}` : '', '')
    out.push(...unplaced.map((c) => `- ${cardLine(c, w)}`))
  }
  return out
}

function themes(m: ExportModel, w: Words): string[] {
  if (!m.themes.length) return []
  const cards = cardIndex(m)
  const out = [`## ${w.t('report.section.themes')}`, '']
  for (const t of m.themes) {
    out.push(`### ${md(t.name)}`, '')
    out.push(
      w.t('report.themeMeta', {
        cards: w.t('report.cards', { count: t.cardIds.length }),
        byRole: md(byRoleSplit(t.cardIds.length, t.cardsByRole, w)),
        votes: md(byRoleSplit(t.votes.total, t.votes.byRole, w)),
      }),
      '',
    )
    for (const id of t.cardIds) {
      const c = cards.get(id)
      if (c) out.push(`- ${cardLine(c, w)}`)
    }
    out.push('')
  }
  return out
}

function pains(m: ExportModel, roles: readonly CoproRole[], w: Words): string[] {
  const list = rankedPains(m)
  const out = [`## ${w.t('report.section.pains')}`, '']
  if (!list.length) return [...out, `_${w.t('report.empty.pains')}_`]
  return [
    ...out,
    ...table(
      [
        '#',
        w.t('report.col.pain'),
        w.t('report.col.where'),
        w.t('report.col.votes'),
        ...roles.map((r) => w.roleShort(r)),
      ],
      list.map((c, i) => [
        String(i + 1),
        md(c.text),
        md(cellLabel(c.cell, w)),
        String(c.votes.total),
        ...roles.map((r) => String(c.votes.byRole[r])),
      ]),
      [0, 3, ...roles.map((_, i) => i + 4)],
    ),
  ]
}

function decisions(m: ExportModel, roles: readonly CoproRole[], w: Words): string[] {
  const out = [`## ${w.t('report.section.decisions')}`, '']
  for (const t of decisionTables(m, roles, w))
    out.push(
      `### ${md(t.title)}`,
      '',
      md(t.about),
      '',
      ...table(
        t.header,
        t.rows.map((r) => r.map(md)),
        t.numeric,
      ),
      '',
    )
  return out
}

function contributions(m: ExportModel, w: Words): string[] {
  const list = m.cards.filter((c) => c.kind === 'contribution')
  const out = [`## ${w.t('report.section.contributions')}`, '', w.t('report.contributionsIntro'), '']
  if (!list.length) return [...out, `_${w.t('report.empty.contributions')}_`]
  return [
    ...out,
    ...table(
      [
        w.t('report.col.contribution'),
        w.t('report.col.offeredBy'),
        w.t('report.col.author'),
        w.t('report.col.where'),
        w.t('report.col.votes'),
      ],
      list.map((c) => [
        md(c.text),
        md(w.role(c.author.coproRole)),
        md(authorLabel(c.author, w)),
        md(cellLabel(c.cell, w)),
        String(c.votes.total),
      ]),
      [4],
    ),
  ]
}

function actionPlan(m: ExportModel, w: Words): string[] {
  const cards = cardIndex(m)
  const out = [`## ${w.t('report.section.actions')}`, '']
  if (!m.actions.length) return [...out, `_${w.t('report.empty.actions')}_`]
  return [
    ...out,
    ...table(
      [
        w.t('report.col.action'),
        w.t('report.col.owner'),
        w.t('report.col.due'),
        w.t('report.col.addresses'),
        w.t('report.col.where'),
        w.t('report.col.votes'),
      ],
      m.actions.map((a) => [
        md(a.text),
        a.owner ? md(a.owner) : `_${w.t('report.unassigned')}_`,
        a.due || '—',
        a.addressesPainIds.map((id) => md(cards.get(id)!.text)).join('<br>') || '—',
        md(cellLabel(a.cell, w)),
        String(a.votes.total),
      ]),
      [5],
    ),
  ]
}

function linksSection(m: ExportModel, w: Words): string[] {
  const out = [`## ${w.t('report.section.links')}`, '']
  const rows = linkRows(m, w)
  if (!rows.length) return [...out, `_${w.t('report.empty.links')}_`]
  const card = (c: ExportCard): string => `${w.kind(c.kind)}: ${md(c.text)}`
  return [
    ...out,
    ...table(
      [w.t('report.col.from'), w.t('report.col.link'), w.t('report.col.to')],
      rows.map((r) => [card(r.from), md(r.kind), card(r.to)]),
    ),
  ]
}

function voice(m: ExportModel, roles: readonly CoproRole[], w: Words): string[] {
  const vb = m.voiceBalance
  const out = [`## ${w.t('report.section.voice')}`, '']
  out.push(
    ...table(
      [
        w.t('report.col.role'),
        w.t('report.col.people'),
        w.t('report.col.cards'),
        w.t('report.col.shareCards'),
        w.t('report.col.votes'),
        w.t('report.col.shareVotes'),
        w.t('report.col.words'),
        w.t('report.col.shareWords'),
      ],
      vb.byRole
        .filter((t) => roles.includes(t.coproRole))
        .map((t) => [
          md(w.role(t.coproRole)),
          String(t.participants),
          String(t.cards),
          percent(t.cardShare),
          String(t.votes),
          percent(t.voteShare),
          String(t.words),
          percent(t.wordShare),
        ]),
      [1, 2, 3, 4, 5, 6, 7],
    ),
  )
  if (vb.byArea.length) {
    const stage = vb.byArea[0]!.type === 'stage'
    out.push('', `### ${w.t(stage ? 'report.perStage' : 'report.perZone')}`, '')
    out.push(
      ...table(
        [
          w.t(stage ? 'report.col.stage' : 'report.col.zone'),
          ...roles.map((r) => w.roleShort(r)),
          w.t('report.col.notYetHeard'),
        ],
        vb.byArea.map((a) => [
          md(a.label),
          ...roles.map((r) => String(a.byRole.find((t) => t.coproRole === r)!.cards)),
          a.notYetHeard.map((r) => w.roleShort(r)).join(', ') || '—',
        ]),
        roles.map((_, i) => i + 1),
      ),
    )
  }
  return out
}

function context(m: ExportModel, w: Words): string[] {
  const r = m.report
  const roles = whoTookPart(m, w)
  const who = [md(r.whoTookPart), ...(roles ? w.each('report.byRole', { roles }) : [])]
    .filter(Boolean)
    .join('\n\n')
  const parts: [string, string][] = [
    [w.t('report.section.purpose'), md(r.purpose)],
    [w.t('report.section.whoTookPart'), who],
    [w.t('report.section.nextSteps'), md(r.nextSteps)],
  ]
  const shown = parts.filter(([, v]) => v)
  if (!shown.length) return []
  return [`## ${w.t('report.section.about')}`, '', ...shown.flatMap(([k, v]) => [`### ${k}`, '', v, ''])]
}

function checkpoints(m: ExportModel, w: Words): string[] {
  const out = [`## ${w.t('report.section.checkpoints')}`, '']
  if (!m.checkpoints.length) return [...out, `_${w.t('report.empty.checkpoints')}_`]
  return [
    ...out,
    ...table(
      [w.t('report.col.checkpoint'), w.t('report.col.saved'), w.t('report.col.reason')],
      m.checkpoints.map((c) => [
        md(c.name),
        c.createdAt.replace('T', ' ').slice(0, 16),
        md(checkpointReason(c.reason, w)),
      ]),
    ),
  ]
}

function about(m: ExportModel, w: Words): string[] {
  const o = m.omitted
  const paras = [
    ...w.each('report.about.pseudonyms'),
    ...(o.withdrawnParticipants
      ? w.each('report.about.withdrawn', {
          people: o.withdrawnParticipants,
          cards: o.withdrawnCards,
          ballots: o.withdrawnBallots,
        })
      : []),
    ...(o.invalidRecords ? w.each('report.about.damaged', { count: o.invalidRecords }) : []),
  ]
  return [`## ${w.t('report.section.aboutReport')}`, ...paras.flatMap((p) => ['', p])]
}
