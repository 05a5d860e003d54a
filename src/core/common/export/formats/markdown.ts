import { CARD_KIND_INFO } from '../../../../shared/model/cardKinds'
import type { CoproRole } from '../../../../shared/model/roles'
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
  plural,
  rankedPains,
  roleShort,
} from './common'
import { escapeMarkdown as md } from './escape'
import { photosMarkdown } from './photosMarkdown'

/** The report as Markdown (GitHub-flavoured tables). All user text is escaped. */
export function markdownReport(m: ExportModel): string {
  const out: string[] = []
  const roles = activeRoles(m)
  if (m.report.organisation) out.push(`**${md(m.report.organisation)}**`, '')
  out.push(`# ${md(m.session.title)}`, '')
  out.push(...summary(m), '')
  if (m.report.summary) out.push('## Summary', '', md(m.report.summary), '')
  out.push(...context(m), '')
  if (shows(m, 'board')) out.push(...board(m), '')
  if (shows(m, 'board')) out.push(...photosMarkdown(m))
  if (shows(m, 'themes')) out.push(...themes(m), '')
  if (shows(m, 'pains')) out.push(...pains(m, roles), '')
  if (shows(m, 'contributions')) out.push(...contributions(m), '')
  if (shows(m, 'actions')) out.push(...actionPlan(m), '')
  if (shows(m, 'actions') && m.links.length > 0) out.push(...linksSection(m), '')
  if (shows(m, 'voice')) out.push(...voice(m, roles), '')
  if (shows(m, 'checkpoints')) out.push(...checkpoints(m), '')
  out.push(...about(m))
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

function summary(m: ExportModel): string[] {
  const votes = m.cards.reduce((n, c) => n + c.votes.total, 0)
  return [
    `Co-production workshop report, generated ${m.generator.generatedAt.slice(0, 10)} by Copro Studio ${md(m.generator.appVersion)}.`,
    '',
    ...(m.session.createdAt ? [`- **Held:** ${m.session.createdAt.slice(0, 10)}`] : []),
    `- **Participants:** ${m.participants.length}`,
    `- **Cards:** ${m.cards.length} · **Votes:** ${votes} · **Actions:** ${m.actions.length} · **Links:** ${m.links.length}`,
    `- **Names:** ${m.namesIncluded ? 'shown for participants who agreed to be named' : 'not shown (pseudonyms only)'}`,
  ]
}

function cardLine(c: ExportCard): string {
  const info = CARD_KIND_INFO[c.kind]
  const votes = c.votes.total ? ` (${plural(c.votes.total, 'vote')})` : ''
  return `${info.icon} **${info.label}:** ${c.photo ? 'Photo: ' : ''}${md(c.text)}${votes}`
}

function board(m: ExportModel): string[] {
  const s = m.structure
  const out: string[] = []
  const unplaced = m.cards.filter((c) => c.cell.type === 'unplaced')
  if (s?.type === 'grid') {
    out.push('## Journey matrix', '')
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
          ...s.stages.map((st) => (cells.get(`${l.id}\u0000${st.id}`) ?? []).map(cardLine).join('<br>')),
        ]),
      ),
    )
  } else if (s?.type === 'zones') {
    out.push('## Board', '')
    for (const z of s.zones) {
      const list = m.cards.filter((c) => c.cell.type === 'zone' && c.cell.zoneId === z.id)
      out.push(`### ${md(z.label)}`, '')
      out.push(...(list.length ? list.map((c) => `- ${cardLine(c)}`) : ['_No cards._']), '')
    }
  } else {
    out.push('## Cards', '')
  }
  if (unplaced.length) {
    out.push('', s ? '### Not placed in the structure' : '', '')
    out.push(...unplaced.map((c) => `- ${cardLine(c)}`))
  }
  return out
}

function themes(m: ExportModel): string[] {
  if (!m.themes.length) return []
  const cards = cardIndex(m)
  const out = ['## Themes', '']
  for (const t of m.themes) {
    out.push(`### ${md(t.name)}`, '')
    out.push(
      `${plural(t.cardIds.length, 'card')} — by role: ${md(byRoleSplit(t.cardIds.length, t.cardsByRole))} · votes: ${md(byRoleSplit(t.votes.total, t.votes.byRole))}`,
      '',
    )
    for (const id of t.cardIds) {
      const c = cards.get(id)
      if (c) out.push(`- ${cardLine(c)}`)
    }
    out.push('')
  }
  return out
}

function pains(m: ExportModel, roles: readonly CoproRole[]): string[] {
  const list = rankedPains(m)
  const out = ['## Pains ranked by votes', '']
  if (!list.length) return [...out, '_No pains recorded._']
  return [
    ...out,
    ...table(
      ['#', 'Pain', 'Where', 'Votes', ...roles.map(roleShort)],
      list.map((c, i) => [
        String(i + 1),
        md(c.text),
        md(cellLabel(c.cell)),
        String(c.votes.total),
        ...roles.map((r) => String(c.votes.byRole[r])),
      ]),
      [0, 3, ...roles.map((_, i) => i + 4)],
    ),
  ]
}

function contributions(m: ExportModel): string[] {
  const list = m.cards.filter((c) => c.kind === 'contribution')
  const out = ['## Contributions ledger', '', 'Who can contribute what, and where.', '']
  if (!list.length) return [...out, '_No contributions recorded._']
  return [
    ...out,
    ...table(
      ['Contribution', 'Offered by', 'Author', 'Where', 'Votes'],
      list.map((c) => [
        md(c.text),
        md(c.author.coproRoleLabel),
        md(authorLabel(c.author)),
        md(cellLabel(c.cell)),
        String(c.votes.total),
      ]),
      [4],
    ),
  ]
}

function actionPlan(m: ExportModel): string[] {
  const cards = cardIndex(m)
  const out = ['## Action plan', '']
  if (!m.actions.length) return [...out, '_No actions recorded._']
  return [
    ...out,
    ...table(
      ['Action', 'Owner', 'Due', 'Addresses', 'Where', 'Votes'],
      m.actions.map((a) => [
        md(a.text),
        a.owner ? md(a.owner) : '_unassigned_',
        a.due || '—',
        a.addressesPainIds.map((id) => md(cards.get(id)!.text)).join('<br>') || '—',
        md(cellLabel(a.cell)),
        String(a.votes.total),
      ]),
      [5],
    ),
  ]
}

function linksSection(m: ExportModel): string[] {
  const out = ['## Links between cards', '']
  const rows = linkRows(m)
  if (!rows.length) return [...out, '_No links drawn._']
  const card = (c: ExportCard): string => `${CARD_KIND_INFO[c.kind].label}: ${md(c.text)}`
  return [
    ...out,
    ...table(
      ['From', 'Link', 'To'],
      rows.map((r) => [card(r.from), md(r.kind), card(r.to)]),
    ),
  ]
}

function voice(m: ExportModel, roles: readonly CoproRole[]): string[] {
  const vb = m.voiceBalance
  const out = ['## Voice balance', '']
  out.push(
    ...table(
      ['Role', 'People', 'Cards', 'Share of cards', 'Votes', 'Share of votes', 'Words', 'Share of words'],
      vb.byRole
        .filter((t) => roles.includes(t.coproRole))
        .map((t) => [
          md(t.coproRoleLabel),
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
    const kind = vb.byArea[0]!.type === 'stage' ? 'Stage' : 'Zone'
    out.push('', `### Cards per role in each ${kind.toLowerCase()}`, '')
    out.push(
      ...table(
        [kind, ...roles.map(roleShort), 'Not yet heard from'],
        vb.byArea.map((a) => [
          md(a.label),
          ...roles.map((r) => String(a.byRole.find((t) => t.coproRole === r)!.cards)),
          a.notYetHeard.map(roleShort).join(', ') || '—',
        ]),
        roles.map((_, i) => i + 1),
      ),
    )
  }
  return out
}

function context(m: ExportModel): string[] {
  const r = m.report
  const roles = whoTookPart(m)
  const who = [r.whoTookPart, roles ? `By role: ${roles}.` : ''].filter(Boolean).join('\n\n')
  const parts = (
    [
      ['Purpose', r.purpose],
      ['Who took part', who],
      ['Next steps', r.nextSteps],
    ] as const
  ).filter(([, v]) => v)
  if (!parts.length) return []
  return ['## About the workshop', '', ...parts.flatMap(([k, v]) => [`### ${k}`, '', md(v), ''])]
}

function checkpoints(m: ExportModel): string[] {
  const out = ['## Checkpoints', '']
  if (!m.checkpoints.length) return [...out, '_No checkpoints._']
  return [
    ...out,
    ...table(
      ['Checkpoint', 'Saved', 'Reason'],
      m.checkpoints.map((c) => [
        md(c.name),
        c.createdAt.replace('T', ' ').slice(0, 16),
        md(checkpointReason(c.reason)),
      ]),
    ),
  ]
}

function about(m: ExportModel): string[] {
  const o = m.omitted
  return [
    '## About this report',
    '',
    'Participants appear as pseudonyms unless they agreed to be named. Anonymous cards never show who wrote them, only the co-production role.',
    ...(o.withdrawnParticipants
      ? [
          '',
          `At their request, the contributions of ${plural(o.withdrawnParticipants, 'participant')} have been removed (${plural(o.withdrawnCards, 'card')}, ${plural(o.withdrawnBallots, 'ballot')}).`,
        ]
      : []),
    ...(o.invalidRecords
      ? ['', `${plural(o.invalidRecords, 'damaged record')} could not be read and were skipped.`]
      : []),
  ]
}
