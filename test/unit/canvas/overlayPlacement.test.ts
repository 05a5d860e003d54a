import { describe, expect, it } from 'vitest'
import {
  COMPACT_MIN,
  placeOverlays,
  textBox,
  type Box,
  type OverlayCard,
} from '../../../src/renderer/board/canvas/overlayPlacement'

const card = (left: number, top: number, w: number, h: number, headH: number): OverlayCard => ({
  box: { left, top, right: left + w, bottom: top + h },
  headH,
})
const boxOf = (p: { left: number; top: number }, w: number, h: number): Box => ({
  left: p.left,
  top: p.top,
  right: p.left + w,
  bottom: p.top + h,
})
const meets = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5
const area = { width: 1000, height: 800 }

describe('placeOverlays', () => {
  it('puts a full-size overlay in the gap above its card when there is room', () => {
    const c = card(100, 200, 200, 150, 20)
    const [p] = placeOverlays([{ card: c, w: 44, h: 44 }], [c], area)
    expect(p).toMatchObject({ compact: false, size: 44 })
    expect(p!.left + 44).toBe(c.box.right)
    expect(p!.top + 44).toBeLessThanOrEqual(c.box.top)
  })

  it('goes beside its card when the card above leaves no room, covering neither', () => {
    const above = card(100, 100, 200, 96, 20)
    const c = card(100, 200, 200, 150, 20)
    const [p] = placeOverlays([{ card: c, w: 44, h: 44 }], [above, c], area)
    expect(p!.compact).toBe(false)
    const b = boxOf(p!, 44, 44)
    expect(meets(b, above.box) || meets(b, c.box)).toBe(false)
  })

  it('collapses to a marker as tall as the head row, on no text, when cards are packed (zoomed out)', () => {
    // a 3×3 block of 80×70 cards 4 px apart, their head rows 8 px tall (39 % zoom), in a small area
    const cards: OverlayCard[] = []
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) cards.push(card(i * 84, 10 + j * 74, 80, 70, 8))
    const out = placeOverlays(
      cards.map((c) => ({ card: c, w: 44, h: 44 })),
      cards,
      { width: 252, height: 232 },
    )
    const middle = out[4]!
    expect(middle.compact).toBe(true)
    expect(middle.size).toBe(COMPACT_MIN)
    for (const [i, p] of out.entries()) {
      const b = boxOf(p, p.size, p.size)
      for (const c of cards) expect(meets(b, textBox(c)), `overlay ${i}`).toBe(false)
    }
  })

  it('keeps off reserved boxes (the tldraw mark) and other overlays', () => {
    const c = card(700, 600, 200, 150, 20)
    const mark: Box = { left: 850, top: 700, right: 1000, bottom: 800 }
    const out = placeOverlays(
      [
        { card: c, w: 44, h: 44 },
        { card: c, w: 44, h: 44 },
      ],
      [c],
      area,
      [mark],
    )
    const [a, b] = out.map((p) => boxOf(p, p.size, p.size))
    expect(meets(a!, b!)).toBe(false)
    for (const x of [a!, b!]) expect(meets(x, mark)).toBe(false)
  })
})

describe('placeOverlays and the structure', () => {
  it('keeps a full-size overlay off a lane header, compact when nothing else is free', () => {
    // a card in the corner of a cell: a header on its left, cards above, right and below
    const c = card(200, 100, 80, 70, 8)
    const cards = [c, card(200, 0, 80, 96, 8), card(284, 100, 80, 70, 8), card(200, 174, 80, 70, 8)]
    const header: Box = { left: 100, top: 0, right: 198, bottom: 400 }
    const [p] = placeOverlays([{ card: c, w: 60, h: 44 }], cards, area, [], [header])
    expect(p!.compact).toBe(true)
    expect(meets(boxOf(p!, p!.size, p!.size), header)).toBe(false)
  })
})
