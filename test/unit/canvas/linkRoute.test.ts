import { describe, expect, it } from 'vitest'
import {
  routeLink,
  segmentCrossesBox,
  type Box,
  type Point,
} from '../../../src/renderer/board/links/linkRoute'

const at = (b: Box, n: Point): Point => ({ x: b.x + n.x * b.w, y: b.y + n.y * b.h })
const label = { w: 130, h: 40 }

describe('segmentCrossesBox', () => {
  const box = { x: 0, y: 0, w: 100, h: 100 }
  it('sees a line through the box, and not one beside it or ending at its edge', () => {
    expect(segmentCrossesBox({ x: -50, y: 50 }, { x: 150, y: 50 }, box)).toBe(true)
    expect(segmentCrossesBox({ x: -50, y: -10 }, { x: 150, y: -10 }, box)).toBe(false)
    expect(segmentCrossesBox({ x: -50, y: 50 }, { x: 0, y: 50 }, box)).toBe(false)
    expect(segmentCrossesBox({ x: 20, y: 20 }, { x: 30, y: 30 }, box)).toBe(true)
  })
})

describe('routeLink (a link goes round other cards, its label on no card)', () => {
  it('joins two cards side by side at the middles of the sides that face each other', () => {
    const r = routeLink({ x: 0, y: 0, w: 100, h: 100 }, { x: 300, y: 0, w: 100, h: 100 }, [], label)
    expect(r.start.x).toBeGreaterThan(0.95)
    expect(r.start.y).toBe(0.5)
    expect(r.end.x).toBeLessThan(0.05)
    expect(r.end.y).toBe(0.5)
    expect(r.labelPosition).toBe(0.5)
    expect(r.crossings).toBe(0)
  })

  it('does not strike through a card that lies between them (the rehearsal: Send letters → Letters arrive late, past Tenants can test)', () => {
    const send = { x: 420, y: 150, w: 100, h: 100 }
    const tenants = { x: 310, y: 150, w: 100, h: 100 }
    const letters = { x: 0, y: 0, w: 100, h: 100 }
    const neverKnow = { x: 110, y: 0, w: 100, h: 100 }
    const centre = { x: 0.5, y: 0.5 }
    // centre to centre (what tldraw draws for an imprecise binding) crosses Tenants
    expect(segmentCrossesBox(at(send, centre), at(letters, centre), tenants)).toBe(true)
    const r = routeLink(send, letters, [tenants, neverKnow], label)
    expect(r.crossings).toBe(0)
    const a = at(send, r.start)
    const b = at(letters, r.end)
    expect(segmentCrossesBox(a, b, tenants)).toBe(false)
    expect(segmentCrossesBox(a, b, neverKnow)).toBe(false)
    // the label sits on the line, on no card
    const mid = { x: a.x + (b.x - a.x) * r.labelPosition, y: a.y + (b.y - a.y) * r.labelPosition }
    for (const c of [send, tenants, letters, neverKnow]) {
      const lb = { x: mid.x - label.w / 2, y: mid.y - label.h / 2, w: label.w, h: label.h }
      const overlap = lb.x < c.x + c.w && c.x < lb.x + lb.w && lb.y < c.y + c.h && c.y < lb.y + lb.h
      expect(overlap).toBe(false)
    }
  })

  it('never runs back over its own cards', () => {
    const from = { x: 0, y: 0, w: 100, h: 100 }
    const to = { x: 0, y: 300, w: 100, h: 100 }
    const r = routeLink(from, to, [], label)
    const a = at(from, r.start)
    const b = at(to, r.end)
    expect(segmentCrossesBox(a, b, { x: 3, y: 3, w: 94, h: 94 })).toBe(false)
    expect(segmentCrossesBox(a, b, { x: 3, y: 303, w: 94, h: 94 })).toBe(false)
    expect(r.start).toEqual({ x: 0.5, y: 0.98 })
    expect(r.end).toEqual({ x: 0.5, y: 0.02 })
  })

  it('moves the label off a card that sits on the middle of the line', () => {
    const from = { x: 0, y: 0, w: 100, h: 100 }
    const to = { x: 600, y: 0, w: 100, h: 100 }
    // a card just under the line's middle: the line passes above it, the label would cover it
    const under = { x: 330, y: 60, w: 60, h: 100 }
    const r = routeLink(from, to, [under], label)
    expect(r.crossings).toBe(0)
    expect(r.labelPosition).not.toBe(0.5)
  })

  it('with no free spot (cards side by side), puts the label where it covers the least of them', () => {
    const from = { x: 0, y: 0, w: 100, h: 100 }
    const to = { x: 116, y: 0, w: 200, h: 100 }
    const r = routeLink(from, to, [], label)
    // the line is 16 px long: every spot covers some of both cards; the smallest total is chosen
    const a = at(from, r.start)
    const b = at(to, r.end)
    const area = (t: number) => {
      const cx = a.x + (b.x - a.x) * t
      const cy = a.y + (b.y - a.y) * t
      const lb = { x: cx - label.w / 2, y: cy - label.h / 2, w: label.w, h: label.h }
      return [from, to].reduce(
        (sum, c) =>
          sum +
          Math.max(0, Math.min(lb.x + lb.w, c.x + c.w) - Math.max(lb.x, c.x)) *
            Math.max(0, Math.min(lb.y + lb.h, c.y + c.h) - Math.max(lb.y, c.y)),
        0,
      )
    }
    for (const t of [0.18, 0.34, 0.5, 0.66, 0.82])
      expect(area(r.labelPosition)).toBeLessThanOrEqual(area(t) + 1e-6)
  })

  it('counts the crossings it could not avoid', () => {
    const from = { x: 0, y: 0, w: 100, h: 100 }
    const to = { x: 600, y: 0, w: 100, h: 100 }
    const wall = { x: 300, y: -1000, w: 50, h: 2100 }
    expect(routeLink(from, to, [wall], label).crossings).toBe(1)
  })
})
