import type { ExportModel } from '../schema'
import { authorLabel, cellLabel } from './common'
import { escapeMarkdown as md } from './escape'
import { wordsOf } from './words'

/**
 * The Markdown report's photos: each photo card and picture as an image that points at its file in the
 * export's `photos/` folder (written beside report.md), its caption as the image's text alternative.
 */
export function photosMarkdown(m: ExportModel): string[] {
  const cards = m.cards.filter((c) => c.photo)
  const pictures = (m.images ?? []).filter((p) => p.file)
  if (cards.length === 0 && pictures.length === 0) return []
  const alt = (s: string) => md(s.replace(/[[\]\n\r]/g, ' '))
  return [
    `## ${wordsOf(m).t('report.section.photos')}`,
    '',
    ...cards.flatMap((c) => [
      `![${alt(c.text)}](${c.photo!.file})`,
      '',
      `${md(c.text)} — ${md(cellLabel(c.cell, wordsOf(m)))} · ${md(authorLabel(c.author, wordsOf(m)))}`,
      '',
    ]),
    ...pictures.flatMap((p) => [
      `![${alt(p.description)}](${p.file!})`,
      '',
      `${md(p.description)} — ${md(cellLabel(p.cell, wordsOf(m)))}`,
      '',
    ]),
  ]
}
