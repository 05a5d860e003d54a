import { CARD_KIND_INFO } from '../../../shared/model/cardKinds'
import { type CardProps } from '../../../core/common/cards/card'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'
import { escapeXml, wrap } from './structureSvg'
import { kindIconSvg } from '../../device/icons/kindIconPaths'
import { uiT } from '../../device/i18n/uiT'

/** A card to draw: its props, and its page transform as an SVG matrix (a b c d e f). */
export interface CardToDraw {
  readonly id: string
  readonly props: CardProps
  readonly matrix: readonly [number, number, number, number, number, number]
  /** The author line to print ('' for none): a consented name or a pseudonym, never a secret. */
  readonly author: string
}

const FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"
const TEXT_SIZE = 14
const LINE = TEXT_SIZE * 1.35

/**
 * Cards as plain SVG (rect + text), like the canvas shows them: kind icon and label, the author's
 * role chip, the text wrapped to the card, the author line, and owner and due date for actions.
 * Real <text> rather than tldraw's default <foreignObject> HTML: it opens in every SVG editor, is
 * searchable, and is about a hundred times faster to produce for a full board. Pure: a string.
 */
export function cardsSvgGroup(cards: readonly CardToDraw[]): string {
  const out: string[] = ['<g class="copro-cards" data-copro-cards="true">']
  for (const c of cards) out.push(cardSvg(c))
  out.push('</g>')
  return out.join('')
}

function cardSvg({ id, props, matrix, author }: CardToDraw): string {
  const { w, h } = props
  const kind = CARD_KIND_INFO[props.kind]
  const role = COPRO_ROLE_INFO[props.authorRole]
  const m = matrix.map(num).join(' ')
  const parts: string[] = [
    `<g transform="matrix(${m})" data-card-id="${escapeXml(id)}" font-family="${FONT}">`,
    `<rect width="${num(w)}" height="${num(h)}" rx="8" ry="8" fill="${kind.colour}" stroke="rgba(0,0,0,0.3)" stroke-width="1"/>`,
    // Nested <svg> clips everything to the card, as the canvas does.
    `<svg width="${num(w)}" height="${num(h)}" overflow="hidden">`,
    kindIconSvg(props.kind, 8, 8, 14, '#1a1a1a'),
    `<text x="26" y="19" font-size="12" font-weight="600" fill="#1a1a1a">${escapeXml(uiT(`kinds.${props.kind}.label`))}</text>`,
  ]
  const chipText = uiT(`roles.${props.authorRole}.short`)
  const chipW = Math.min(w * 0.55, chipText.length * 6.2 + 12)
  parts.push(
    `<rect x="${num(w - 8 - chipW)}" y="7" width="${num(chipW)}" height="16" rx="8" ry="8" fill="${role.colour}"/>`,
    `<text x="${num(w - 8 - chipW / 2)}" y="19" font-size="11" font-weight="600" fill="#ffffff" text-anchor="middle">${escapeXml(chipText)}</text>`,
  )
  const foot: string[] = []
  if (author) foot.push(author)
  if (props.kind === 'action')
    foot.push(
      uiT('board.card.owner', { owner: props.owner || '—' }),
      uiT('board.card.due', { due: props.due || '—' }),
    )
  const footLines = packLines(foot, w - 16, 11).slice(0, 3)
  const textBottom = h - 6 - footLines.length * 14
  let y = 26 + TEXT_SIZE
  for (const line of wrap(props.text, w - 16, TEXT_SIZE * 0.93)) {
    if (y > textBottom) break
    const at = rtl(line) ? `x="${num(w - 8)}" direction="rtl"` : 'x="8"'
    parts.push(`<text ${at} y="${num(y)}" font-size="${TEXT_SIZE}" fill="#1a1a1a">${escapeXml(line)}</text>`)
    y += LINE
  }
  let fy = h - 8 - (footLines.length - 1) * 14
  for (const line of footLines) {
    parts.push(`<text x="8" y="${num(fy)}" font-size="11" fill="rgba(0,0,0,0.7)">${escapeXml(line)}</text>`)
    fy += 14
  }
  parts.push('</svg></g>')
  return parts.join('')
}

/** Items (author, owner, due) on as few lines as fit, never splitting an item that fits a line. */
function packLines(items: readonly string[], width: number, size: number): string[] {
  const perLine = Math.max(4, Math.floor(width / (size * 0.56)))
  const out: string[] = []
  for (const piece of items.flatMap((i) => wrap(i, width, size))) {
    const last = out.at(-1)
    if (last !== undefined && last.length + 3 + piece.length <= perLine)
      out[out.length - 1] = `${last} · ${piece}`
    else out.push(piece)
  }
  return out
}

/** Whether a line starts (first strong letter) right-to-left: Hebrew, Arabic, Syriac, Thaana … */
function rtl(line: string): boolean {
  const m = /[\p{L}]/u.exec(line)
  return !!m && /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(m[0])
}

const num = (n: number): string => String(Math.round(n * 100) / 100)
