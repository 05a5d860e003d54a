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
import { contributionsChart, topPainsChart, voiceBalanceChart } from './charts'
import { escapeHtml as h } from './escape'
import { REPORT_CSS } from './htmlStyle'
import { logoHtml, PHOTOS_CSS, photosSection, type ReportImages } from './photosHtml'

/** No network, no script: the report cannot fetch anything even if a bug let markup through. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/**
 * A self-contained HTML report: inline CSS and SVG only, every user text escaped and marked
 * dir="auto" so right-to-left text lays out correctly, print-ready on A4 (the matrix on landscape).
 */
export function htmlReport(m: ExportModel, images: ReportImages = {}): string {
  const roles = activeRoles(m)
  const pains = rankedPains(m)
  const r = m.report
  const org = `${logoHtml(images, r.organisation)}${r.organisation ? `<p class="org" dir="auto">${h(r.organisation)}</p>` : ''}`
  const body = [
    `<header>${org}<h1 dir="auto">${h(m.session.title)}</h1><p class="meta">Co-production workshop report${m.session.createdAt ? ` · held ${h(m.session.createdAt.slice(0, 10))}` : ''}</p>${facts(m)}</header>`,
    r.summary ? `<section><h2>Summary</h2>${paras(r.summary)}</section>` : '',
    context(m),
    footer(m),
    shows(m, 'board') ? board(m) : '',
    shows(m, 'board') ? photosSection(m, images) : '',
    shows(m, 'themes') ? themesSection(m) : '',
    shows(m, 'pains')
      ? `<section><h2>Pains ranked by votes</h2>${topPainsChart(pains, roles)}${painsTable(pains, roles)}</section>`
      : '',
    shows(m, 'contributions')
      ? `<section><h2>Contributions ledger</h2>${contributionsChart(m, roles)}${contributionsTable(m)}</section>`
      : '',
    shows(m, 'actions') ? `<section><h2>Action plan</h2>${actionTable(m)}</section>` : '',
    shows(m, 'actions') && m.links.length > 0
      ? `<section><h2>Links between cards</h2>${linksTable(m)}</section>`
      : '',
    shows(m, 'voice')
      ? `<section><h2>Voice balance</h2>${voiceBalanceChart(m, roles)}${voiceTables(m, roles)}</section>`
      : '',
    shows(m, 'checkpoints') ? `<section><h2>Checkpoints</h2>${checkpointTable(m)}</section>` : '',
  ]
    .filter(Boolean)
    .join('\n')
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Copro Studio ${h(m.generator.appVersion)}">
<title>${h(m.session.title)} — co-production report</title>
<style>${REPORT_CSS}${PHOTOS_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`
}

const num = (n: number | string): string => `<td class="num">${n}</td>`
/**
 * Escaped text in which only long unbroken tokens (links, ids, 24+ characters) may wrap anywhere:
 * ordinary words never break mid-word (word-break normal, hyphens where the language allows).
 */
const ht = (s: string): string => h(s).replace(/\S{24,}/g, (t) => `<span class="long">${t}</span>`)
const txt = (s: string): string => `<td dir="auto">${ht(s)}</td>`
const paras = (s: string): string =>
  s
    .split(/\n{2,}/)
    .map((p) => `<p dir="auto">${ht(p).replace(/\n/g, '<br>')}</p>`)
    .join('')

function context(m: ExportModel): string {
  const r = m.report
  const roles = whoTookPart(m)
  const who = [r.whoTookPart, roles ? `By role: ${roles}.` : ''].filter(Boolean).join('\n\n')
  const parts: [string, string][] = [
    ['Purpose', r.purpose],
    ['Who took part', who],
    ['Next steps', r.nextSteps],
  ]
  const body = parts
    .filter(([, v]) => v)
    .map(([k, v]) => `<h3>${k}</h3>${paras(v)}`)
    .join('')
  return body ? `<section><h2>About the workshop</h2>${body}</section>` : ''
}

function facts(m: ExportModel): string {
  const votes = m.cards.reduce((n, c) => n + c.votes.total, 0)
  const rows: [string, string][] = [
    ...(m.session.createdAt ? [['Held', m.session.createdAt.slice(0, 10)] as [string, string]] : []),
    ['Participants', String(m.participants.length)],
    ['Cards', `${m.cards.length} · votes ${votes} · actions ${m.actions.length} · links ${m.links.length}`],
    [
      'Names',
      m.namesIncluded ? 'shown for participants who agreed to be named' : 'not shown (pseudonyms only)',
    ],
  ]
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd dir="auto">${h(v)}</dd>`).join('')}</dl>`
}

function cardItem(c: ExportCard): string {
  const info = CARD_KIND_INFO[c.kind]
  const votes = c.votes.total ? ` <span class="votes">${plural(c.votes.total, 'vote')}</span>` : ''
  const photo = c.photo ? '<span class="kind">Photo:</span> ' : ''
  return `<li style="background:${info.colour}"><span class="kind">${info.icon} ${info.label}:</span> ${photo}<bdi dir="auto">${ht(c.text)}</bdi>${votes}</li>`
}

const cardList = (cards: readonly ExportCard[]): string =>
  cards.length ? `<ul class="cards">${cards.map(cardItem).join('')}</ul>` : ''

function board(m: ExportModel): string {
  const s = m.structure
  const unplaced = m.cards.filter((c) => c.cell.type === 'unplaced')
  const rest = unplaced.length
    ? `<h3>${s ? 'Not placed in the structure' : 'Cards'}</h3>${cardList(unplaced)}`
    : ''
  if (s?.type === 'grid') {
    const cells = new Map<string, ExportCard[]>()
    for (const c of m.cards) {
      if (c.cell.type !== 'cell') continue
      const k = `${c.cell.laneId}\u0000${c.cell.stageId}`
      const list = cells.get(k) ?? []
      list.push(c)
      cells.set(k, list)
    }
    const head = `<thead><tr><td></td>${s.stages.map((st) => `<th scope="col" dir="auto">${h(st.label)}</th>`).join('')}</tr></thead>`
    const rows = s.lanes
      .map(
        (l) =>
          `<tr><th scope="row" dir="auto">${h(l.label)}</th>${s.stages.map((st) => `<td>${cardList(cells.get(`${l.id}\u0000${st.id}`) ?? [])}</td>`).join('')}</tr>`,
      )
      .join('')
    return `<section${s.stages.length > 4 ? ' class="wide"' : ''}><h2>Journey matrix</h2><table class="matrix">${head}<tbody>${rows}</tbody></table>${rest}</section>`
  }
  if (s?.type === 'zones') {
    const zones = s.zones
      .map((z) => {
        const list = m.cards.filter((c) => c.cell.type === 'zone' && c.cell.zoneId === z.id)
        return `<h3 dir="auto">${h(z.label)}</h3>${list.length ? cardList(list) : '<p class="empty">No cards.</p>'}`
      })
      .join('')
    return `<section><h2>Board</h2>${zones}${rest}</section>`
  }
  return `<section><h2>Cards</h2>${cardList(m.cards)}</section>`
}

function themesSection(m: ExportModel): string {
  if (!m.themes.length) return ''
  const cards = cardIndex(m)
  const items = m.themes
    .map((t) => {
      const list = t.cardIds.map((id) => cards.get(id)).filter((c): c is ExportCard => c !== undefined)
      return `<h3 dir="auto">${h(t.name)}</h3><p class="meta">${h(plural(t.cardIds.length, 'card'))} — by role: ${h(byRoleSplit(t.cardIds.length, t.cardsByRole))} · votes: ${h(byRoleSplit(t.votes.total, t.votes.byRole))}</p>${cardList(list)}`
    })
    .join('')
  return `<section><h2>Themes</h2>${items}</section>`
}

function painsTable(pains: readonly ExportCard[], roles: readonly CoproRole[]): string {
  if (!pains.length) return '<p class="empty">No pains recorded.</p>'
  const head = `<tr><th class="num">#</th><th>Pain</th><th>Where</th><th class="num">Votes</th>${roles.map((r) => `<th class="num">${h(roleShort(r))}</th>`).join('')}</tr>`
  const rows = pains
    .map(
      (c, i) =>
        `<tr>${num(i + 1)}${txt(c.text)}${txt(cellLabel(c.cell))}${num(c.votes.total)}${roles.map((r) => num(c.votes.byRole[r])).join('')}</tr>`,
    )
    .join('')
  return `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`
}

function contributionsTable(m: ExportModel): string {
  const list = m.cards.filter((c) => c.kind === 'contribution')
  if (!list.length) return ''
  const rows = list
    .map(
      (c) =>
        `<tr>${txt(c.text)}${txt(c.author.coproRoleLabel)}${txt(authorLabel(c.author))}${txt(cellLabel(c.cell))}${num(c.votes.total)}</tr>`,
    )
    .join('')
  return `<table><thead><tr><th>Contribution</th><th>Offered by</th><th>Author</th><th>Where</th><th class="num">Votes</th></tr></thead><tbody>${rows}</tbody></table>`
}

function actionTable(m: ExportModel): string {
  if (!m.actions.length) return '<p class="empty">No actions recorded.</p>'
  const cards = cardIndex(m)
  const rows = m.actions
    .map((a) => {
      const pains = a.addressesPainIds.map((id) => `<li dir="auto">${h(cards.get(id)!.text)}</li>`).join('')
      return `<tr>${txt(a.text)}${a.owner ? txt(a.owner) : '<td class="empty">unassigned</td>'}<td class="date">${h(a.due) || '—'}</td><td>${pains ? `<ul>${pains}</ul>` : '—'}</td>${txt(cellLabel(a.cell))}${num(a.votes.total)}</tr>`
    })
    .join('')
  return `<table><thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Addresses</th><th>Where</th><th class="num">Votes</th></tr></thead><tbody>${rows}</tbody></table>`
}

function linksTable(m: ExportModel): string {
  const rows = linkRows(m)
  if (!rows.length) return '<p class="empty">No links drawn.</p>'
  const card = (c: ExportCard): string =>
    `<td dir="auto">${h(CARD_KIND_INFO[c.kind].label)}: ${h(c.text)}</td>`
  const body = rows.map((r) => `<tr>${card(r.from)}<td>${h(r.kind)}</td>${card(r.to)}</tr>`).join('')
  return `<table><thead><tr><th>From</th><th>Link</th><th>To</th></tr></thead><tbody>${body}</tbody></table>`
}

function voiceTables(m: ExportModel, roles: readonly CoproRole[]): string {
  const vb = m.voiceBalance
  const rows = vb.byRole
    .filter((t) => roles.includes(t.coproRole))
    .map(
      (t) =>
        `<tr>${txt(t.coproRoleLabel)}${num(t.participants)}${num(t.cards)}${num(percent(t.cardShare))}${num(t.votes)}${num(percent(t.voteShare))}${num(t.words)}${num(percent(t.wordShare))}</tr>`,
    )
    .join('')
  let out = `<table><thead><tr><th>Role</th><th class="num">People</th><th class="num">Cards</th><th class="num">Share</th><th class="num">Votes</th><th class="num">Share</th><th class="num">Words</th><th class="num">Share</th></tr></thead><tbody>${rows}</tbody></table>`
  if (vb.byArea.length) {
    const kind = vb.byArea[0]!.type === 'stage' ? 'Stage' : 'Zone'
    const areaRows = vb.byArea
      .map(
        (a) =>
          `<tr>${txt(a.label)}${roles.map((r) => num(a.byRole.find((t) => t.coproRole === r)!.cards)).join('')}<td>${h(a.notYetHeard.map(roleShort).join(', ') || '—')}</td></tr>`,
      )
      .join('')
    out += `<h3>Cards per role in each ${kind.toLowerCase()}</h3><table><thead><tr><th>${kind}</th>${roles.map((r) => `<th class="num">${h(roleShort(r))}</th>`).join('')}<th>Not yet heard from</th></tr></thead><tbody>${areaRows}</tbody></table>`
  }
  return out
}

function checkpointTable(m: ExportModel): string {
  if (!m.checkpoints.length) return '<p class="empty">No checkpoints.</p>'
  const rows = m.checkpoints
    .map(
      (c) =>
        `<tr>${txt(c.name)}<td class="date">${h(c.createdAt.replace('T', ' ').slice(0, 16))}</td>${txt(checkpointReason(c.reason))}</tr>`,
    )
    .join('')
  return `<table><thead><tr><th>Checkpoint</th><th>Saved</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table>`
}

function footer(m: ExportModel): string {
  const o = m.omitted
  const parts = [
    'Participants appear as pseudonyms unless they agreed to be named. Anonymous cards never show who wrote them, only the co-production role.',
  ]
  if (o.withdrawnParticipants)
    parts.push(
      `At their request, the contributions of ${plural(o.withdrawnParticipants, 'participant')} have been removed (${plural(o.withdrawnCards, 'card')}, ${plural(o.withdrawnBallots, 'ballot')}).`,
    )
  if (o.invalidRecords)
    parts.push(`${plural(o.invalidRecords, 'damaged record')} could not be read and were skipped.`)
  return `<section class="about"><h2>About this report</h2>${parts.map((p) => `<p>${h(p)}</p>`).join('')}</section>`
}
