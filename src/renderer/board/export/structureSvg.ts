import type { BoardStructure } from '../../../shared/model/structure'
import { structureLayout, type LayoutBox } from '../../../core/common/templates/preview'

/**
 * The board structure (stage and lane headers, cell grid, or zones) as an SVG group in page
 * coordinates, to lay under the cards in an exported image. The canvas draws the structure as HTML
 * outside tldraw's shapes, so tldraw's own export does not include it. Pure: builds a string, every
 * label XML-escaped.
 */
export function structureSvgGroup(structure: BoardStructure): string {
  const parts: string[] = ['<g class="copro-structure" data-copro-structure="true">']
  const prompts = promptsById(structure)
  for (const box of structureLayout(structure)) parts.push(boxSvg(box, prompts.get(box.id) ?? ''))
  parts.push('</g>')
  return parts.join('')
}

const COLORS = {
  header: '#eef1f5',
  zone: '#f7f8fa',
  cell: '#ffffff',
  line: '#9aa3af',
  label: '#1f2933',
  prompt: '#4b5563',
} as const

const LABEL_SIZE = 18
const PROMPT_SIZE = 13
const PAD = 10

function boxSvg(box: LayoutBox, prompt: string): string {
  const { x, y, w, h } = box
  const fill = box.role === 'cell' ? COLORS.cell : box.role === 'zone' ? COLORS.zone : COLORS.header
  const rect = `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${fill}" stroke="${COLORS.line}" stroke-width="1"/>`
  if (!box.label) return rect
  // A nested <svg> clips its content to the box, so a long label cannot spill over its neighbours.
  const lines: string[] = []
  let ty = PAD + LABEL_SIZE
  for (const line of wrap(box.label, w - 2 * PAD, LABEL_SIZE * 1.12).slice(0, 3)) {
    lines.push(textLine(line, ty, LABEL_SIZE, COLORS.label, 'bold'))
    ty += LABEL_SIZE * 1.25
  }
  if (prompt) {
    ty += 4
    for (const line of wrap(prompt, w - 2 * PAD, PROMPT_SIZE)) {
      if (ty > h - PAD) break
      lines.push(textLine(line, ty, PROMPT_SIZE, COLORS.prompt, 'normal'))
      ty += PROMPT_SIZE * 1.3
    }
  }
  return (
    rect +
    `<svg x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" overflow="hidden">` +
    lines.join('') +
    '</svg>'
  )
}

function textLine(text: string, y: number, size: number, fill: string, weight: string): string {
  return (
    `<text x="${PAD}" y="${num(y)}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" ` +
    `font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(text)}</text>`
  )
}

function promptsById(structure: BoardStructure): Map<string, string> {
  const items = structure.type === 'grid' ? [...structure.stages, ...structure.lanes] : structure.zones
  return new Map(items.map((i) => [i.id, i.prompt]))
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** A string's grapheme clusters (what a reader sees as one character: an emoji, a letter with accents). */
function graphemes(s: string): string[] {
  return Array.from(graphemeSegmenter.segment(s), (g) => g.segment)
}

/**
 * Greedy word wrap by an estimated glyph width, counted in grapheme clusters; words longer than a line
 * are cut between clusters only (never inside a surrogate pair, an emoji sequence or a combining mark).
 */
export function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(4, Math.floor(width / (size * 0.56)))
  const out: string[] = []
  for (const para of clean(text).split('\n')) {
    let line: string[] = []
    for (const word of para.split(/\s+/).filter(Boolean)) {
      let w = graphemes(word)
      while (w.length > perLine) {
        if (line.length) out.push(line.join(''))
        out.push(w.slice(0, perLine).join(''))
        w = w.slice(perLine)
        line = []
      }
      if (!line.length) line = w
      else if (line.length + 1 + w.length <= perLine) line = [...line, ' ', ...w]
      else {
        out.push(line.join(''))
        line = w
      }
    }
    if (line.length) out.push(line.join(''))
  }
  return out
}

/** Removes characters XML 1.0 cannot carry and bidi embeddings/overrides/isolates. */
function clean(s: string): string {
  return s.replace(UNSAFE, '')
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g

export function escapeXml(s: string): string {
  return clean(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

const num = (n: number): string => String(Math.round(n * 100) / 100)
