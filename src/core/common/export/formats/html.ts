import { CARD_KIND_INFO } from '../../../../shared/model/cardKinds'
import { wordsOf, type Words } from './words'
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
  rankedPains,
} from './common'
import { contributionsChart, topPainsChart, voiceBalanceChart } from './charts'
import { escapeHtml as h } from './escape'
import { REPORT_CSS } from './htmlStyle'
import { commentsHtml } from './comments'
import { decisionTables, hasDecisions } from './decisions'
import { logoHtml, PHOTOS_CSS, photosSection, type ReportImages } from './photosHtml'

/** No network, no script: the report cannot fetch anything even if a bug let markup through. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/**
 * A self-contained HTML report: inline CSS and SVG only, every user text escaped and marked
 * dir="auto" so right-to-left text lays out correctly, print-ready on A4 (the matrix on landscape).
 */
export function htmlReport(m: ExportModel, images: ReportImages = {}): string {
  const w = wordsOf(m)
  const roles = activeRoles(m)
  const pains = rankedPains(m)
  const r = m.report
  const org = `${logoHtml(images, r.organisation)}${r.organisation ? `<p class="org" dir="auto">${h(r.organisation)}</p>` : ''}`
  const body = [
    `<header>${org}<h1 dir="auto">${h(m.session.title)}</h1><p class="meta">${w.h('report.subtitle')}${m.session.createdAt ? ` · ${w.h('report.heldOn', { date: m.session.createdAt.slice(0, 10) })}` : ''}</p>${facts(m, w)}</header>`,
    r.summary ? `<section><h2>${w.h('report.section.summary')}</h2>${paras(r.summary)}</section>` : '',
    context(m, w),
    footer(m, w),
    shows(m, 'board') ? board(m, w) : '',
    shows(m, 'board') ? photosSection(m, images) : '',
    shows(m, 'themes') ? themesSection(m, w) : '',
    shows(m, 'pains')
      ? `<section><h2>${w.h('report.section.pains')}</h2>${topPainsChart(pains, roles, w)}${painsTable(pains, roles, w)}</section>`
      : '',
    shows(m, 'decisions') && hasDecisions(m) ? decisionsSection(m, roles, w) : '',
    shows(m, 'contributions')
      ? `<section><h2>${w.h('report.section.contributions')}</h2>${contributionsChart(m, roles, w)}${contributionsTable(m, w)}</section>`
      : '',
    shows(m, 'actions')
      ? `<section><h2>${w.h('report.section.actions')}</h2>${actionTable(m, w)}</section>`
      : '',
    shows(m, 'actions') && m.links.length > 0
      ? `<section><h2>${w.h('report.section.links')}</h2>${linksTable(m, w)}</section>`
      : '',
    shows(m, 'comments') ? commentsHtml(m, ht) : '',
    shows(m, 'voice')
      ? `<section><h2>${w.h('report.section.voice')}</h2>${voiceBalanceChart(m, roles, w)}${voiceTables(m, roles, w)}</section>`
      : '',
    shows(m, 'checkpoints')
      ? `<section><h2>${w.h('report.section.checkpoints')}</h2>${checkpointTable(m, w)}</section>`
      : '',
  ]
    .filter(Boolean)
    .join('\n')
  return `<!DOCTYPE html>
<html lang="${w.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Copro Studio ${h(m.generator.appVersion)}">
<title>${h(w.t('report.title', { title: m.session.title }))}</title>
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

function context(m: ExportModel, w: Words): string {
  const r = m.report
  const roles = whoTookPart(m, w)
  const parts: [string, string][] = [
    [w.h('report.section.purpose'), paras(r.purpose)],
    [
      w.h('report.section.whoTookPart'),
      (r.whoTookPart ? paras(r.whoTookPart) : '') + (roles ? w.p('report.byRole', { roles }) : ''),
    ],
    [w.h('report.section.nextSteps'), paras(r.nextSteps)],
  ]
  const body = parts
    .filter(([, v]) => v)
    .map(([k, v]) => `<h3>${k}</h3>${v}`)
    .join('')
  return body ? `<section><h2>${w.h('report.section.about')}</h2>${body}</section>` : ''
}

function facts(m: ExportModel, w: Words): string {
  const votes = m.cards.reduce((n, c) => n + c.votes.total, 0)
  const rows: [string, string][] = [
    ...(m.session.createdAt
      ? [[w.h('report.fact.held'), h(m.session.createdAt.slice(0, 10))] as [string, string]]
      : []),
    [w.h('report.fact.participants'), String(m.participants.length)],
    [
      w.h('report.fact.cards'),
      w.h('report.fact.cardsLine', {
        cards: m.cards.length,
        votes,
        actions: m.actions.length,
        links: m.links.length,
      }),
    ],
    [w.h('report.fact.names'), w.h(m.namesIncluded ? 'report.fact.namesShown' : 'report.fact.namesHidden')],
  ]
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`
}

function cardItem(c: ExportCard, w: Words): string {
  const info = CARD_KIND_INFO[c.kind]
  const votes = c.votes.total
    ? ` <span class="votes">${w.h('report.votes', { count: c.votes.total })}</span>`
    : ''
  const photo = c.photo ? `<span class="kind">${w.h('report.photo')}</span> ` : ''
  return `<li style="background:${info.colour}"><span class="kind">${info.icon} ${h(w.kind(c.kind))}:</span> ${photo}<bdi dir="auto">${ht(c.text)}</bdi>${votes}</li>`
}

const cardList = (cards: readonly ExportCard[], w: Words): string =>
  cards.length ? `<ul class="cards">${cards.map((c) => cardItem(c, w)).join('')}</ul>` : ''

function board(m: ExportModel, w: Words): string {
  const s = m.structure
  const unplaced = m.cards.filter((c) => c.cell.type === 'unplaced')
  const rest = unplaced.length
    ? `<h3>${w.h(s ? 'report.section.unplaced' : 'report.section.cards')}</h3>${cardList(unplaced, w)}`
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
          `<tr><th scope="row" dir="auto">${h(l.label)}</th>${s.stages.map((st) => `<td>${cardList(cells.get(`${l.id}\u0000${st.id}`) ?? [], w)}</td>`).join('')}</tr>`,
      )
      .join('')
    return `<section${s.stages.length > 4 ? ' class="wide"' : ''}><h2>${w.h('report.section.matrix')}</h2><table class="matrix">${head}<tbody>${rows}</tbody></table>${rest}</section>`
  }
  if (s?.type === 'zones') {
    const zones = s.zones
      .map((z) => {
        const list = m.cards.filter((c) => c.cell.type === 'zone' && c.cell.zoneId === z.id)
        return `<h3 dir="auto">${h(z.label)}</h3>${list.length ? cardList(list, w) : w.p('report.empty.cards', undefined, 'empty')}`
      })
      .join('')
    return `<section><h2>${w.h('report.section.board')}</h2>${zones}${rest}</section>`
  }
  return `<section><h2>${w.h('report.section.cards')}</h2>${cardList(m.cards, w)}</section>`
}

function themesSection(m: ExportModel, w: Words): string {
  if (!m.themes.length) return ''
  const cards = cardIndex(m)
  const items = m.themes
    .map((t) => {
      const list = t.cardIds.map((id) => cards.get(id)).filter((c): c is ExportCard => c !== undefined)
      const meta = w.h('report.themeMeta', {
        cards: w.t('report.cards', { count: t.cardIds.length }),
        byRole: byRoleSplit(t.cardIds.length, t.cardsByRole, w),
        votes: byRoleSplit(t.votes.total, t.votes.byRole, w),
      })
      return `<h3 dir="auto">${h(t.name)}</h3><p class="meta">${meta}</p>${cardList(list, w)}`
    })
    .join('')
  return `<section><h2>${w.h('report.section.themes')}</h2>${items}</section>`
}

function decisionsSection(m: ExportModel, roles: readonly CoproRole[], w: Words): string {
  const items = decisionTables(m, roles, w)
    .map((t) => {
      const head = `<tr>${t.header.map((x, i) => `<th${t.numeric.includes(i) ? ' class="num"' : ''}>${h(x)}</th>`).join('')}</tr>`
      const rows = t.rows
        .map((r) => `<tr>${r.map((x, i) => (t.numeric.includes(i) ? num(h(x)) : txt(x))).join('')}</tr>`)
        .join('')
      return `<h3 dir="auto">${h(t.title)}</h3><p class="meta">${h(t.about)}</p><table><thead>${head}</thead><tbody>${rows}</tbody></table>`
    })
    .join('')
  return `<section><h2>${w.h('report.section.decisions')}</h2>${items}</section>`
}

const th = (w: Words, key: Parameters<Words['h']>[0], cls = ''): string =>
  `<th${cls ? ` class="${cls}"` : ''}>${w.h(key)}</th>`

function painsTable(pains: readonly ExportCard[], roles: readonly CoproRole[], w: Words): string {
  if (!pains.length) return w.p('report.empty.pains', undefined, 'empty')
  const head = `<tr><th class="num">#</th>${th(w, 'report.col.pain')}${th(w, 'report.col.where')}${th(w, 'report.col.votes', 'num')}${roles.map((r) => `<th class="num">${h(w.roleShort(r))}</th>`).join('')}</tr>`
  const rows = pains
    .map(
      (c, i) =>
        `<tr>${num(i + 1)}${txt(c.text)}${txt(cellLabel(c.cell, w))}${num(c.votes.total)}${roles.map((r) => num(c.votes.byRole[r])).join('')}</tr>`,
    )
    .join('')
  return `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`
}

function contributionsTable(m: ExportModel, w: Words): string {
  const list = m.cards.filter((c) => c.kind === 'contribution')
  if (!list.length) return ''
  const rows = list
    .map(
      (c) =>
        `<tr>${txt(c.text)}${txt(w.role(c.author.coproRole))}${txt(authorLabel(c.author, w))}${txt(cellLabel(c.cell, w))}${num(c.votes.total)}</tr>`,
    )
    .join('')
  return `<table><thead><tr>${th(w, 'report.col.contribution')}${th(w, 'report.col.offeredBy')}${th(w, 'report.col.author')}${th(w, 'report.col.where')}${th(w, 'report.col.votes', 'num')}</tr></thead><tbody>${rows}</tbody></table>`
}

function actionTable(m: ExportModel, w: Words): string {
  if (!m.actions.length) return w.p('report.empty.actions', undefined, 'empty')
  const cards = cardIndex(m)
  const rows = m.actions
    .map((a) => {
      const pains = a.addressesPainIds.map((id) => `<li dir="auto">${h(cards.get(id)!.text)}</li>`).join('')
      return `<tr>${txt(a.text)}${a.owner ? txt(a.owner) : `<td class="empty">${w.h('report.unassigned')}</td>`}<td class="date">${h(a.due) || '—'}</td><td>${pains ? `<ul>${pains}</ul>` : '—'}</td>${txt(cellLabel(a.cell, w))}${num(a.votes.total)}</tr>`
    })
    .join('')
  return `<table><thead><tr>${th(w, 'report.col.action')}${th(w, 'report.col.owner')}${th(w, 'report.col.due')}${th(w, 'report.col.addresses')}${th(w, 'report.col.where')}${th(w, 'report.col.votes', 'num')}</tr></thead><tbody>${rows}</tbody></table>`
}

function linksTable(m: ExportModel, w: Words): string {
  const rows = linkRows(m, w)
  if (!rows.length) return w.p('report.empty.links', undefined, 'empty')
  const card = (c: ExportCard): string => `<td dir="auto">${h(w.kind(c.kind))}: ${h(c.text)}</td>`
  const body = rows.map((r) => `<tr>${card(r.from)}<td>${h(r.kind)}</td>${card(r.to)}</tr>`).join('')
  return `<table><thead><tr>${th(w, 'report.col.from')}${th(w, 'report.col.link')}${th(w, 'report.col.to')}</tr></thead><tbody>${body}</tbody></table>`
}

function voiceTables(m: ExportModel, roles: readonly CoproRole[], w: Words): string {
  const vb = m.voiceBalance
  const rows = vb.byRole
    .filter((t) => roles.includes(t.coproRole))
    .map(
      (t) =>
        `<tr>${txt(w.role(t.coproRole))}${num(t.participants)}${num(t.cards)}${num(percent(t.cardShare))}${num(t.votes)}${num(percent(t.voteShare))}${num(t.words)}${num(percent(t.wordShare))}</tr>`,
    )
    .join('')
  const share = th(w, 'report.col.share', 'num')
  let out = `<table><thead><tr>${th(w, 'report.col.role')}${th(w, 'report.col.people', 'num')}${th(w, 'report.col.cards', 'num')}${share}${th(w, 'report.col.votes', 'num')}${share}${th(w, 'report.col.words', 'num')}${share}</tr></thead><tbody>${rows}</tbody></table>`
  if (vb.byArea.length) {
    const stage = vb.byArea[0]!.type === 'stage'
    const areaRows = vb.byArea
      .map(
        (a) =>
          `<tr>${txt(a.label)}${roles.map((r) => num(a.byRole.find((t) => t.coproRole === r)!.cards)).join('')}<td>${h(a.notYetHeard.map((r) => w.roleShort(r)).join(', ') || '—')}</td></tr>`,
      )
      .join('')
    out += `<h3>${w.h(stage ? 'report.perStage' : 'report.perZone')}</h3><table><thead><tr>${th(w, stage ? 'report.col.stage' : 'report.col.zone')}${roles.map((r) => `<th class="num">${h(w.roleShort(r))}</th>`).join('')}${th(w, 'report.col.notYetHeard')}</tr></thead><tbody>${areaRows}</tbody></table>`
  }
  return out
}

function checkpointTable(m: ExportModel, w: Words): string {
  if (!m.checkpoints.length) return w.p('report.empty.checkpoints', undefined, 'empty')
  const rows = m.checkpoints
    .map(
      (c) =>
        `<tr>${txt(c.name)}<td class="date">${h(c.createdAt.replace('T', ' ').slice(0, 16))}</td>${txt(checkpointReason(c.reason, w))}</tr>`,
    )
    .join('')
  return `<table><thead><tr>${th(w, 'report.col.checkpoint')}${th(w, 'report.col.saved')}${th(w, 'report.col.reason')}</tr></thead><tbody>${rows}</tbody></table>`
}

function footer(m: ExportModel, w: Words): string {
  const o = m.omitted
  const parts = [w.p('report.about.pseudonyms')]
  if (o.withdrawnParticipants)
    parts.push(
      w.p('report.about.withdrawn', {
        people: o.withdrawnParticipants,
        cards: o.withdrawnCards,
        ballots: o.withdrawnBallots,
      }),
    )
  if (o.invalidRecords) parts.push(w.p('report.about.damaged', { count: o.invalidRecords }))
  return `<section class="about"><h2>${w.h('report.section.aboutReport')}</h2>${parts.join('')}</section>`
}
