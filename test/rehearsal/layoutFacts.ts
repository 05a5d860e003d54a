import type { Page } from '@playwright/test'

/**
 * Layout facts of one screen, read from the DOM only (what a person would see), for the rehearsal:
 * overlapping cards, cards outside every cell, the smallest card text on screen, horizontal overflow,
 * tap targets under 44 CSS px, the board under the controls over it, links drawn through cards, and
 * overlays (votes, results, comments badges) over a card's text. Each fact lists its offenders so a screenshot can be checked against it.
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
  /** Cards and structure headers (stage, lane) under a control over the canvas: the toolbar, the activity banner. */
  boardUnderControls: string[]
  /** Links whose line runs through (or under) a card that is not one of its two ends. */
  linksCrossingCards: string[]
  /**
   * Controls and badges drawn over the canvas (vote buttons, results, comments badges, the moderation
   * pill) whose box covers a card's text, as "overlay over card".
   */
  overlaysCoveringCardText: string[]
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

    // controls drawn over the canvas (marked data-copro-covers; by class too, for screens from before)
    const overlap = (a: Box, b: Box, min = 4) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > min &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > min
    const board = scope?.closest('.copro-board') ?? scope
    const covers = board
      ? [...board.querySelectorAll('[data-copro-covers], .copro-toolbar, .facil-banner')]
          .filter(visible)
          .map(box)
      : []
    const headers = layer
      ? [...layer.querySelectorAll('[data-structure-role="stage"], [data-structure-role="lane"]')]
          .filter(visible)
          .map((el) => ({ name: label(el).slice(0, 30), b: box(el) }))
      : []
    const boardUnderControls = [...cards, ...headers]
      .filter((c) => covers.some((k) => overlap(c.b, k)))
      .map((c) => c.name)

    // links: sample each arrow's drawn path; a point inside another card's text counts as a crossing
    const texts = cards
      .map((c) => ({ name: c.name, card: c.b, t: c.el.querySelector('.copro-card__text') }))
      .filter((c): c is { name: string; card: Box; t: Element } => !!c.t && visible(c.t))
      .map((c) => ({ ...c, tb: box(c.t) }))
    const within = (p: { x: number; y: number }, b: Box, by = 0) =>
      p.x > b.left + by && p.x < b.right - by && p.y > b.top + by && p.y < b.bottom - by
    const linksCrossingCards: string[] = []
    // (an arrow's own box is as tall as its line is steep, 0 px for a level one: only culled ones go)
    const arrowEls = scope
      ? [...scope.querySelectorAll('.tl-shape[data-shape-type="arrow"]')].filter(
          (el) => getComputedStyle(el).display !== 'none',
        )
      : []
    for (const a of arrowEls) {
      // the line itself: not the clip path (defs), not the faint hint drawn while it is selected
      const path = [...a.querySelectorAll<SVGPathElement>('svg > g path')]
        .filter((pe) => !pe.closest('defs, .tl-arrow-hint') && pe.getTotalLength() > 0)
        .sort((x, y) => y.getTotalLength() - x.getTotalLength())[0]
      const m = path?.getScreenCTM()
      if (!path || !m) continue
      const len = path.getTotalLength()
      const pts: { x: number; y: number }[] = []
      for (let d = 0; d <= len; d += 4) {
        const q = path.getPointAtLength(d)
        pts.push({ x: m.a * q.x + m.c * q.y + m.e, y: m.b * q.x + m.d * q.y + m.f })
      }
      const first = pts[0]
      const last = pts[pts.length - 1]
      if (!first || !last) continue
      // the link's own cards: those its ends touch
      const own = (c: Box) =>
        [first, last].some(
          (p) => p.x >= c.left - 8 && p.x <= c.right + 8 && p.y >= c.top - 8 && p.y <= c.bottom + 8,
        )
      // through its text, or under the card (drawn over the line, it hides where the link goes)
      const crossed = texts.filter((c) => !own(c.card) && pts.some((p) => within(p, c.card, 2)))
      const linkLabel = (a.querySelector('.tl-arrow-label') as HTMLElement | null)?.innerText.trim() || 'link'
      for (const c of crossed) linksCrossingCards.push(`${linkLabel} → through "${c.name}"`)
    }

    // overlays over card text: anything drawn over the canvas for a card (data-overlay-card; by class
    // too, for screens from before) whose box meets a card's text box
    const cardTexts = cards
      .map((c) => ({ name: c.name, t: c.el.querySelector('[data-testid="card-text"]') }))
      .filter((c): c is { name: string; t: Element } => !!c.t && visible(c.t))
      .map((c) => ({ name: c.name, b: box(c.t) }))
    const overlayEls = board
      ? [
          ...board.querySelectorAll(
            '[data-overlay-card], .facil-vote, .cmt-canvas__badge, [data-testid="moderation-badge"]',
          ),
        ].filter((el, _, all) => visible(el) && !all.some((o) => o !== el && o.contains(el)))
      : []
    const overlaysCoveringCardText: string[] = []
    const at = (b: Box) =>
      `(${Math.round(b.left)},${Math.round(b.top)})–(${Math.round(b.right)},${Math.round(b.bottom)})`
    for (const o of overlayEls) {
      const ob = box(o)
      for (const c of cardTexts)
        if (overlap(ob, c.b, 1))
          overlaysCoveringCardText.push(`${label(o)} ${at(ob)} over "${c.name}" ${at(c.b)}`)
    }

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
      boardUnderControls,
      linksCrossingCards,
      overlaysCoveringCardText,
    }
  })
}
