import { COPRO_ROLE_INFO, type CoproRole } from '../../../../shared/model/roles'
import type { ExportCard, ExportModel } from '../schema'
import { percent, roleShort } from './common'
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

function legend(roles: readonly CoproRole[]): string {
  return `<ul class="legend">${roles
    .map(
      (r) =>
        `<li><svg width="12" height="12" aria-hidden="true" xmlns="http://www.w3.org/2000/svg"><rect width="12" height="12" fill="${COPRO_ROLE_INFO[r].colour}"/></svg> ${h(roleShort(r))}</li>`,
    )
    .join('')}</ul>`
}

/** Top pains by votes, one stacked bar per pain split by the voters' roles. */
export function topPainsChart(pains: readonly ExportCard[], roles: readonly CoproRole[], limit = 10): string {
  const top = pains.filter((p) => p.votes.total > 0).slice(0, limit)
  if (!top.length) return '<p class="empty">No votes on pains yet.</p>'
  const max = Math.max(...top.map((p) => p.votes.total))
  const rows = top
    .map((p, i) => {
      const split = roles.filter((r) => p.votes.byRole[r] > 0)
      const words = split.map((r) => `${roleShort(r)} ${p.votes.byRole[r]}`).join(', ')
      const bar = svgBar(
        split.map((r) => ({
          value: p.votes.byRole[r],
          colour: COPRO_ROLE_INFO[r].colour,
          label: `${roleShort(r)}: ${p.votes.byRole[r]}`,
        })),
        max,
        `${p.votes.total} votes: ${words}`,
      )
      return `<tr><th scope="row" class="rank">${i + 1}</th><td class="label" dir="auto">${h(p.text)}</td><td>${bar}</td><td class="value"><strong>${p.votes.total}</strong> <span class="split">(${h(words)})</span></td></tr>`
    })
    .join('')
  return `<figure class="chart"><figcaption>Top pains by votes, split by the role of the voter</figcaption>${legend(roles)}<table class="chart-table"><tbody>${rows}</tbody></table></figure>`
}

/** Number of contribution cards offered by each role. */
export function contributionsChart(m: ExportModel, roles: readonly CoproRole[]): string {
  const counts = roles.map((r) => ({
    r,
    n: m.cards.filter((c) => c.kind === 'contribution' && c.author.coproRole === r).length,
  }))
  const max = Math.max(0, ...counts.map((c) => c.n))
  if (max === 0) return '<p class="empty">No contributions offered yet.</p>'
  const rows = counts
    .map(
      ({ r, n }) =>
        `<tr><th scope="row" class="label">${h(COPRO_ROLE_INFO[r].label)}</th><td>${svgBar([{ value: n, colour: COPRO_ROLE_INFO[r].colour, label: `${roleShort(r)}: ${n}` }], max, `${roleShort(r)}: ${n} contributions`)}</td><td class="value"><strong>${n}</strong></td></tr>`,
    )
    .join('')
  return `<figure class="chart"><figcaption>Contributions offered, by role</figcaption><table class="chart-table"><tbody>${rows}</tbody></table></figure>`
}

/** Share of cards, votes and words per role: three labelled bars per role. */
export function voiceBalanceChart(m: ExportModel, roles: readonly CoproRole[]): string {
  const rows = m.voiceBalance.byRole
    .filter((t) => roles.includes(t.coproRole))
    .map((t) => {
      const colour = COPRO_ROLE_INFO[t.coproRole].colour
      const measures: [string, number, number][] = [
        ['Cards', t.cardShare, t.cards],
        ['Votes', t.voteShare, t.votes],
        ['Words', t.wordShare, t.words],
      ]
      return measures
        .map(
          ([name, share, n], i) =>
            `<tr${i === 0 ? ' class="group-start"' : ''}>${i === 0 ? `<th scope="rowgroup" rowspan="3" class="label">${h(t.coproRoleLabel)}</th>` : ''}<td class="measure">${name}</td><td>${svgBar([{ value: share, colour, label: `${name} ${percent(share)}` }], 1, `${t.coproRoleLabel}: ${name.toLowerCase()} ${percent(share)}`)}</td><td class="value"><strong>${percent(share)}</strong> (${n})</td></tr>`,
        )
        .join('')
    })
    .join('')
  return `<figure class="chart"><figcaption>Voice balance: each role's share of cards, votes and words</figcaption><table class="chart-table"><tbody>${rows}</tbody></table></figure>`
}
