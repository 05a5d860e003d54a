import type { Page } from '@playwright/test'
import { CARD_DEFAULT_SIZE } from '../../src/core/common/cards/card'
import type { GridStructure } from '../../src/shared/model/structure'
import { expect, hook } from './fixtures'

/** Cards on the wall (wall.spec.ts): seeded into cells, flowed into slots, measured as drawn. */

export interface Seed {
  kind: string
  text: string
  x: number
  y: number
}

/** `n` cards dropped into the cell (stage i, lane j) at the default size, `cols` to a row. */
export function cellCards(
  g: GridStructure,
  i: number,
  j: number,
  n: number,
  cols: number,
  texts: string[],
): Seed[] {
  const x0 = g.x + g.laneHeaderWidth + g.stages.slice(0, i).reduce((a, s) => a + s.width, 0)
  const y0 = g.y + g.headerHeight + g.lanes.slice(0, j).reduce((a, l) => a + l.height, 0)
  const dx = g.stages[i]!.width / cols
  const dy = g.lanes[j]!.height / Math.ceil(n / cols)
  const kinds = ['pain', 'gain', 'idea', 'quote', 'question', 'contribution']
  return Array.from({ length: n }, (_, k) => ({
    kind: kinds[(i + j + k) % kinds.length]!,
    text: texts[(i * 7 + j * 3 + k) % texts.length]!,
    // the card's top-left corner, so that its centre is well inside the cell
    x: x0 + (k % cols) * dx + 8,
    y: y0 + Math.floor(k / cols) * dy + 8,
  }))
}

/**
 * Waits until the board has flowed the seeded cards into slots: every card (every cell here has the
 * same size and count) has one size, not the default size it was seeded at.
 */
export async function waitForFlow(page: Page): Promise<void> {
  const seeded = `${CARD_DEFAULT_SIZE.w}×${CARD_DEFAULT_SIZE.h}`
  await expect
    .poll(async () => {
      const cards = await hook(page, (h) => h.cards())
      return [...new Set(cards.map((c) => `${Math.round(c.w)}×${Math.round(c.h)}`))]
    })
    .toEqual([expect.not.stringMatching(seeded)])
}

export /** Every card as drawn: its text's font size and line boxes on screen, and its box on screen. */
async function measureCards(page: Page) {
  const z = await hook(page, (h) => h.camera().z)
  const drawn = await page.locator('.tl-shapes .copro-card').evaluateAll((els) =>
    els.map((el) => {
      const text = el.querySelector<HTMLElement>('.copro-card__text')
      const range = document.createRange()
      if (text) range.selectNodeContents(text)
      const rects = text ? [...range.getClientRects()] : []
      const lines = rects.map((r) => r.height)
      const box = el.getBoundingClientRect()
      const head = el.querySelector('.copro-card__head')!.getBoundingClientRect()
      const foot = el.querySelector('.copro-card__foot')!.getBoundingClientRect()
      const area = text?.getBoundingClientRect()
      return {
        text: text?.innerText ?? '',
        shown: !!text && getComputedStyle(text).display !== 'none',
        fontSize: text ? parseFloat(getComputedStyle(text).fontSize) : 0,
        minLine: lines.length ? Math.min(...lines) : 0,
        clipped: !!text && text.scrollHeight > text.clientHeight + 1,
        more: !!el.querySelector('[data-testid="card-more"]'),
        // the text's box sits between the head and the footer, inside the card (it clips its lines)
        inChrome:
          !!area &&
          area.top >= head.bottom - 0.5 &&
          area.bottom <= foot.top + 0.5 &&
          area.left >= box.left - 0.5 &&
          area.right <= box.right + 0.5,
        box: { x: box.x, y: box.y, w: box.width, h: box.height },
      }
    }),
  )
  return { z, drawn }
}

export function overlaps(boxes: Array<{ x: number; y: number; w: number; h: number }>): number {
  let n = 0
  for (let a = 0; a < boxes.length; a++)
    for (let b = a + 1; b < boxes.length; b++) {
      const p = boxes[a]!
      const q = boxes[b]!
      const ix = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x)
      const iy = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y)
      if (ix > 0.5 && iy > 0.5) n++
    }
  return n
}
