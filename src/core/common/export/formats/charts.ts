import { COPRO_ROLE_INFO, type CoproRole } from '../../../../shared/model/roles'
import type { ExportCard, ExportModel } from '../schema'
import { percent } from './common'
import type { Words } from './words'
import { escapeHtml as h } from './escape'

/**
 * Inline SVG charts for the HTML report. User text never goes inside an SVG: labels sit in HTML cells
 * (dir="auto", escaped), and every bar is followed by its values in words, so colour is never the
 * only cue.
 */
const BAR_W = 260
const BAR_H = 16

function svgBar(
  segments: readonly { value: number; colour: string; label: string }[],
  max: number,
  title: string,
): string {
  let x = 0
  const rects = segments
    .filter((s) => s.value > 0)
    .map((s) => {
      const w = max > 0 ? (s.value / max) * BAR_W : 0
      const r = `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${BAR_H}" fill="${s.colour}" stroke="#fff" stroke-width="1"><title>${h(s.label)}</title></rect>`
      x += w
      return r
    })
    .join('')
  return `<svg class="bar" width="${BAR_W}" height="${BAR_H}" viewBox="0 0 ${BAR_W} ${BAR_H}" role="img" aria-label="${h(title)}" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="${BAR_W}" height="${BAR_H}" fill="#f1f1f1"/>${rects}</svg>`
}

function legend(roles: readonly CoproRole[], w: Words): string {
  return `<ul class="legend">${roles
    .map(
      (r) =>
        `<li><svg width="12" height="12" aria-hidden="true" xmlns="http://www.w3.org/2000/svg"><rect width="12" height="12" fill="${COPRO_ROLE_INFO[r].colour}"/></svg> ${h(w.roleShort(r))}</li>`,
    )
    .join('')}</ul>`
}

/** Top pains by votes, one stacked bar per pain split by the voters' roles. */
export function topPainsChart(
  pains: readonly ExportCard[],
  roles: readonly CoproRole[],
  w: Words,
  limit = 10,
): string {
  const top = pains.filter((p) => p.votes.total > 0).slice(0, limit)
  if (!top.length) return w.p('report.chart.noPainVotes', undefined, 'empty')
  const max = Math.max(...top.map((p) => p.votes.total))
  const rows = top
    .map((p, i) => {
      const split = roles.filter((r) => p.votes.byRole[r] > 0)
      const words = split.map((r) => `${w.roleShort(r)} ${p.votes.byRole[r]}`).join(', ')
      const bar = svgBar(
        split.map((r) => ({
          value: p.votes.byRole[r],
          colour: COPRO_ROLE_INFO[r].colour,
          label: `${w.roleShort(r)}: ${p.votes.byRole[r]}`,
        })),
        max,
        w.t('report.chart.painVotes', { count: p.votes.total, split: words }),
      )
      return `<tr><th scope="row" class="rank">${i + 1}</th><td class="label" dir="auto">${h(p.text)}</td><td>${bar}</td><td class="value"><strong>${p.votes.total}</strong> <span class="split">(${h(words)})</span></td></tr>`
    })
    .join('')
  return `<figure class="chart"><figcaption>${w.h('report.chart.topPains')}</figcaption>${legend(roles, w)}<table class="chart-table"><tbody>${rows}</tbody></table></figure>`
}

/** Number of contribution cards offered by each role. */
export function contributionsChart(m: ExportModel, roles: readonly CoproRole[], w: Words): string {
  const counts = roles.map((r) => ({
    r,
    n: m.cards.filter((c) => c.kind === 'contribution' && c.author.coproRole === r).length,
  }))
  const max = Math.max(0, ...counts.map((c) => c.n))
  if (max === 0) return w.p('report.chart.noContributions', undefined, 'empty')
  const rows = counts
    .map(
      ({ r, n }) =>
        `<tr><th scope="row" class="label">${h(w.role(r))}</th><td>${svgBar([{ value: n, colour: COPRO_ROLE_INFO[r].colour, label: `${w.roleShort(r)}: ${n}` }], max, w.t('report.chart.contributionsOf', { role: w.roleShort(r), count: n }))}</td><td class="value"><strong>${n}</strong></td></tr>`,
    )
    .join('')
  return `<figure class="chart"><figcaption>${w.h('report.chart.contributions')}</figcaption><table class="chart-table"><tbody>${rows}</tbody></table></figure>`
}

/** Share of cards, votes and words per role: three labelled bars per role. */
export function voiceBalanceChart(m: ExportModel, roles: readonly CoproRole[], w: Words): string {
  const rows = m.voiceBalance.byRole
    .filter((t) => roles.includes(t.coproRole))
    .map((t) => {
      const colour = COPRO_ROLE_INFO[t.coproRole].colour
      const measures: [string, number, number][] = [
        [w.t('report.col.cards'), t.cardShare, t.cards],
        [w.t('report.col.votes'), t.voteShare, t.votes],
        [w.t('report.col.words'), t.wordShare, t.words],
      ]
      return measures
        .map(
          ([name, share, n], i) =>
            `<tr${i === 0 ? ' class="group-start"' : ''}>${i === 0 ? `<th scope="rowgroup" rowspan="3" class="label">${h(w.role(t.coproRole))}</th>` : ''}<td class="measure">${h(name)}</td><td>${svgBar([{ value: share, colour, label: `${name} ${percent(share)}` }], 1, `${w.role(t.coproRole)}: ${name} ${percent(share)}`)}</td><td class="value"><strong>${percent(share)}</strong> (${n})</td></tr>`,
        )
        .join('')
    })
    .join('')
  return `<figure class="chart"><figcaption>${w.h('report.chart.voice')}</figcaption><table class="chart-table"><tbody>${rows}</tbody></table></figure>`
}
