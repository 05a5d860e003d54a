/** The report's only stylesheet (inline, no fonts or images fetched). Print-ready on A4. */
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm; }
@page wide { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", sans-serif; font-size: 11pt; color: #1b1b1b; background: #fff; }
body { margin: 0 auto; max-width: 190mm; padding: 8mm 0; line-height: 1.4; }
h1 { font-size: 20pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 18pt 0 6pt; border-bottom: 1.5pt solid #1b1b1b; padding-bottom: 2pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p, li, td, th, dd, [dir="auto"], bdi { word-break: normal; overflow-wrap: break-word; hyphens: auto; }
.long { overflow-wrap: anywhere; }
td.date, td.num, .votes { white-space: nowrap; }
.org { font-weight: 600; color: #333; margin: 0 0 2pt; }
section { break-before: auto; }
.meta { color: #444; margin: 0 0 8pt; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 4pt 0 8pt; }
th, td { border: 0.75pt solid #999; padding: 3pt 4pt; vertical-align: top; text-align: start; }
thead th { background: #eee; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; }
section.wide { page: wide; }
@media screen { section.wide { max-width: none; } }
table.matrix { table-layout: fixed; font-size: 8.5pt; }
table.matrix th[scope="row"] { width: 14%; background: #f4f4f4; }
ul.cards { list-style: none; margin: 0; padding: 0; }
ul.cards li { margin: 0 0 3pt; padding: 2pt 3pt; border-radius: 2pt; border-inline-start: 3pt solid #666; }
.kind { font-weight: 600; }
.votes { color: #333; font-size: 85%; white-space: nowrap; }
.empty { color: #555; font-style: italic; }
figure.chart { margin: 6pt 0 10pt; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4pt; }
table.chart-table, table.chart-table th, table.chart-table td { border: none; padding: 2pt 4pt; vertical-align: middle; }
table.chart-table td.label, table.chart-table th.label { width: 40%; font-weight: normal; }
table.chart-table th.rank { width: 2em; text-align: end; }
table.chart-table td.measure { width: 4em; color: #333; }
table.chart-table tr.group-start td, table.chart-table tr.group-start th { border-top: 0.5pt solid #ccc; }
td.value { white-space: nowrap; font-variant-numeric: tabular-nums; }
.split { color: #333; font-size: 85%; }
svg.bar { display: block; }
ul.legend { list-style: none; padding: 0; margin: 0 0 4pt; display: flex; flex-wrap: wrap; gap: 2pt 12pt; font-size: 9pt; }
ul.legend svg { vertical-align: -1pt; }
section.about { font-size: 9pt; color: #444; }
section.about h2 { font-size: 11pt; }
`
