import type { Page } from '@playwright/test'

/**
 * Layout facts of one screen, read from the DOM only (what a person would see), for the rehearsal:
 * overlapping cards, cards outside every cell, the smallest card text on screen, horizontal overflow and
 * tap targets under 44 CSS px. Each fact lists its offenders so a screenshot can be checked against it.
 */
export interface LayoutFacts {
  viewport: { width: number; height: number }
  cardsOnScreen: number
  /** Pairs of cards whose on-screen boxes overlap by more than 1 px each way. */
  overlappingCards: { a: string; b: string }[]
  /** Cards not wholly inside one cell (grid: a stage column × a lane row; zones: a zone box). */
  cardsOutsideCells: string[]
  /** The smallest rendered card text, in CSS px on screen (font size × canvas zoom); null when no card shows text. */
  smallestCardTextPx: number | null
  /** Cards that show only their kind (far-zoom view) instead of their text. */
  cardsShowingKindOnly: number
  /** Page wider than the viewport (px of horizontal scroll), 0 when none. */
  horizontalOverflowPx: number
  /** Visible controls smaller than 44×44 CSS px (WCAG 2.5.5), by accessible-ish name. */
  smallTapTargets: { name: string; width: number; height: number }[]
  /** Controls cut off at the left or right edge of the screen (clipped, so no page overflow shows it). */
  controlsCutOff: string[]
}

export function layoutFacts(page: Page): Promise<LayoutFacts> {
  return page.evaluate(() => {
    // The screen's width: a phone browser widens innerWidth to fit content that is too wide (it zooms
    // out), so the layout viewport's clientWidth is the width a person actually has.
    const screenW = document.documentElement.clientWidth
    type Box = { left: number; top: number; right: number; bottom: number }
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) return false
      const s = getComputedStyle(el)
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) return false
      return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < screenW
    }
    const box = (el: Element): Box => {
      const r = el.getBoundingClientRect()
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
    }
    const label = (el: Element): string =>
      (
        el.getAttribute('aria-label') ||
        (el as HTMLElement).innerText ||
        el.getAttribute('title') ||
        el.getAttribute('data-testid') ||
        el.tagName.toLowerCase()
      )
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 60)

    // Only the board in the visible tab (hidden tabs keep their boards mounted).
    const scope =
      document.querySelector('[role="tabpanel"]:not([hidden]) .tl-container') ??
      document.querySelector('.tl-container')
    const cardEls = scope
      ? [...scope.querySelectorAll('.tl-shape[data-shape-type="card"]')].filter(visible)
      : []
    const cards = cardEls.map((el) => {
      const text = (el.querySelector('.copro-card__text') as HTMLElement | null)?.innerText ?? ''
      return { el, name: text.slice(0, 40) || el.getAttribute('data-shape-id') || 'card', b: box(el) }
    })

    const overlappingCards: { a: string; b: string }[] = []
    for (let i = 0; i < cards.length; i++)
      for (let j = i + 1; j < cards.length; j++) {
        const p = cards[i]!.b
        const q = cards[j]!.b
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left)
        const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top)
        if (w > 1 && h > 1) overlappingCards.push({ a: cards[i]!.name, b: cards[j]!.name })
      }

    // Cells from what is drawn: grid = stage headers' columns × lane headers' rows; zones = zone boxes.
    const layer = scope?.querySelector('[data-testid="structure-layer"]') ?? null
    const cells: Box[] = []
    if (layer) {
      const stages = [...layer.querySelectorAll('[data-structure-role="stage"]')].map(box)
      const lanes = [...layer.querySelectorAll('[data-structure-role="lane"]')].map(box)
      const layerBox = box(layer)
      for (const s of stages)
        for (const l of lanes) cells.push({ left: s.left, right: s.right, top: l.top, bottom: l.bottom })
      if (stages.length && !lanes.length)
        for (const s of stages)
          cells.push({ left: s.left, right: s.right, top: s.bottom, bottom: layerBox.bottom })
      for (const z of layer.querySelectorAll('.copro-structure__zone')) cells.push(box(z))
    }
    const inside = (c: Box, cell: Box) =>
      c.left >= cell.left - 0.5 &&
      c.right <= cell.right + 0.5 &&
      c.top >= cell.top - 0.5 &&
      c.bottom <= cell.bottom + 0.5
    const cardsOutsideCells =
      cells.length === 0
        ? []
        : cards.filter((c) => !cells.some((cell) => inside(c.b, cell))).map((c) => c.name)

    let smallest: number | null = null
    let kindOnly = 0
    for (const c of cards) {
      const textEl = c.el.querySelector('.copro-card__text') as HTMLElement | null
      if (!textEl || !visible(textEl) || textEl.innerText.trim() === '') {
        kindOnly++
        continue
      }
      // the canvas zoom: the shape's drawn width over its layout width (cards are never rotated)
      const shape = c.el as HTMLElement
      const scale = shape.offsetWidth > 0 ? shape.getBoundingClientRect().width / shape.offsetWidth : 1
      const px = parseFloat(getComputedStyle(textEl).fontSize) * scale
      smallest = smallest === null ? px : Math.min(smallest, px)
    }

    const controls = [
      ...document.querySelectorAll(
        'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], [role="radio"], [role="checkbox"]',
      ),
    ].filter(visible)
    const smallTapTargets = controls
      .filter((el) => !el.closest('.tl-watermark_SEE-LICENSE'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      // a checkbox or radio inside a label counts with its label (the label is the target)
      .map(({ el, r }) => {
        const box = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')
        const lab = box ? el.labels?.[0] : undefined
        return lab ? { el, r: lab.getBoundingClientRect() } : { el, r }
      })
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ el, r }) => ({ name: label(el), width: Math.round(r.width), height: Math.round(r.height) }))

    const controlsCutOff = controls
      .filter((el) => !el.closest('.tl-container'))
      .filter((el) => {
        const r = el.getBoundingClientRect()
        return r.right > screenW + 1 || r.left < -1
      })
      .map(label)

    return {
      viewport: { width: screenW, height: innerHeight },
      cardsOnScreen: cards.length,
      overlappingCards,
      cardsOutsideCells,
      smallestCardTextPx: smallest === null ? null : Math.round(smallest * 10) / 10,
      cardsShowingKindOnly: kindOnly,
      horizontalOverflowPx: Math.max(0, document.documentElement.scrollWidth - screenW),
      smallTapTargets,
      controlsCutOff,
    }
  })
}
