import type { ExportCard, ExportModel } from '../schema'
import { cardIndex, rankedPains } from './common'
import { wordsOf, type Words } from './words'
import { escapeHtml as h } from './escape'
import { logoHtml, PHOTOS_CSS, type ReportImages } from './photosHtml'

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

const CSS = `
@page { size: A4; margin: 14mm; }
html { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 16pt; line-height: 1.5; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 180mm; }
h1 { font-size: 26pt; margin: 0 0 6pt; }
h2 { font-size: 20pt; margin: 16pt 0 6pt; }
p, li { word-break: normal; overflow-wrap: break-word; hyphens: none; }
ul { list-style: none; padding: 0; margin: 0; }
li { margin: 0 0 8pt; padding-inline-start: 1.6em; text-indent: -1.6em; }
.icon { display: inline-block; width: 1.6em; text-indent: 0; }
.org { font-weight: 600; }
.small { font-size: 13pt; color: #333; }
`

/** Whose words may be quoted: only people who agreed to be named (anonymous cards are described). */
const quotable = (c: ExportCard): boolean => !c.author.anonymous && c.author.name !== null

/**
 * "You said, we did": an easy-read one-pager for the people who took part — large type, short plain
 * sentences, an icon per line, the most important things people raised (by theme when there are themes)
 * and what will be done about them. People's own words are quoted only when they agreed to be named;
 * otherwise the page says what the card was about (its theme or its place on the board).
 */
export function youSaidWeDidHtml(m: ExportModel, images: ReportImages = {}): string {
  const w = wordsOf(m)
  const cards = cardIndex(m)
  const said: string[] = []
  if (m.themes.length)
    for (const t of m.themes.slice(0, 5))
      said.push(
        `<li><span class="icon" aria-hidden="true">💬</span>${h(t.name)} <span class="small">(${w.h('report.cards', { count: t.cardIds.length })})</span></li>`,
      )
  else
    for (const c of rankedPains(m).slice(0, 5))
      said.push(
        `<li><span class="icon" aria-hidden="true">💬</span>${quotable(c) ? `“${h(c.text)}”` : w.h('easy.hardAt', { where: c.cell.type === 'unplaced' ? w.t('easy.thisService') : c.cell.type === 'cell' ? c.cell.stageLabel : c.cell.zoneLabel })}</li>`,
      )
  const did = m.actions.slice(0, 6).map((a) => {
    const who = a.owner ? ` ${w.h('easy.willDo', { who: a.owner })}` : ''
    const when = a.due ? ` ${w.h('easy.by', { date: a.due })}` : ''
    const why = a.addressesPainIds.length
      ? ` <span class="small">${w.h('easy.about', {
          list: a.addressesPainIds
            .map((id) => cards.get(id))
            .filter((c): c is ExportCard => c !== undefined)
            .map((c) => (quotable(c) ? c.text : w.t('easy.aProblem')))
            .join('; '),
        })}</span>`
      : ''
    return `<li><span class="icon" aria-hidden="true">✅</span><bdi dir="auto">${h(a.text)}</bdi>.${who}${when}.${why}</li>`
  })
  const org = `${logoHtml(images, m.report.organisation)}${m.report.organisation ? `<p class="org">${h(m.report.organisation)}</p>` : ''}`
  const next = m.report.nextSteps
    ? `<h2><span aria-hidden="true">➡️</span> ${w.h('easy.next')}</h2><p dir="auto">${h(m.report.nextSteps)}</p>`
    : ''
  return `<!DOCTYPE html>
<html lang="${w.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(w.t('easy.pageTitle', { title: m.session.title }))}</title>
<style>${CSS}${PHOTOS_CSS}</style>
</head>
<body>
${org}<h1>${w.h('easy.title')}</h1>
${m.session.createdAt ? w.p('easy.thanksOn', { title: m.session.title, date: m.session.createdAt.slice(0, 10) }) : w.p('easy.thanks', { title: m.session.title })}
<h2><span aria-hidden="true">🗣️</span> ${w.h('easy.youSaid')}</h2>
${said.length ? `<ul>${said.join('')}</ul>` : w.p('easy.stillReading')}
${decided(m, w)}
<h2><span aria-hidden="true">🛠️</span> ${w.h('easy.weWill')}</h2>
${did.length ? `<ul>${did.join('')}</ul>` : w.p('easy.soon')}
${next}
${w.p('easy.ownWords', undefined, 'small')}
</body>
</html>
`
}

/**
 * "What we chose together": for each closed voting round (any way to decide), the card chosen most, in
 * words people read easily — quoted only when its author agreed to be named, otherwise by its place.
 */
function decided(m: ExportModel, w: Words): string {
  const cards = cardIndex(m)
  const items = m.votingRounds
    .filter((r) => r.status === 'closed' && r.results.length > 0)
    .slice(0, 4)
    .map((r) => {
      const top = cards.get(r.results[0]!.cardId)
      if (!top) return ''
      const where =
        top.cell.type === 'cell' ? top.cell.stageLabel : top.cell.type === 'zone' ? top.cell.zoneLabel : ''
      const what = quotable(top)
        ? `“${top.text}”`
        : where
          ? w.t('easy.aCard', { where })
          : w.t('easy.aProblem')
      return `<li><span class="icon" aria-hidden="true">🗳️</span><bdi dir="auto">${h(r.title)}</bdi>: ${w.h('easy.topChoice', { what })}</li>`
    })
    .filter(Boolean)
  return items.length
    ? `<h2><span aria-hidden="true">🗳️</span> ${w.h('easy.decided')}</h2>\n<ul>${items.join('')}</ul>`
    : ''
}
