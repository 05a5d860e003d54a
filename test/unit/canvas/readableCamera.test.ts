import { describe, expect, it } from 'vitest'
import { cameraToFit, READABLE_TEXT_PX, readableCamera } from '../../../src/renderer/board/structure/camera'

const vp = { w: 1200, h: 800 }
const toScreen = (p: { x: number; y: number }, c: { x: number; y: number; z: number }) => ({
  x: (p.x + c.x) * c.z,
  y: (p.y + c.y) * c.z,
})

describe('readableCamera (Tab to a card)', () => {
  it('keeps the camera when the card is in view and readable', () => {
    const cam = { x: 0, y: 0, z: 1 }
    expect(readableCamera({ x: 100, y: 100, w: 200, h: 140, fontSize: 24 }, cam, vp)).toBe(cam)
  })

  it('zooms in until the text is readable and centres the card', () => {
    const card = { x: 5000, y: 3000, w: 200, h: 140, fontSize: 20 }
    const c = readableCamera(card, { x: 0, y: 0, z: 0.3 }, vp)
    expect(c.z * card.fontSize).toBeGreaterThanOrEqual(READABLE_TEXT_PX)
    const centre = toScreen({ x: card.x + card.w / 2, y: card.y + card.h / 2 }, c)
    expect(centre.x).toBeCloseTo(vp.w / 2)
    expect(centre.y).toBeCloseTo(vp.h / 2)
  })

  it('never zooms out, and never zooms in past a card that fills the view', () => {
    const big = { x: 0, y: 0, w: 1000, h: 700, fontSize: 14 }
    const c = readableCamera(big, { x: 0, y: 0, z: 0.2 }, vp)
    expect(c.z).toBeLessThanOrEqual((vp.h - 96) / big.h + 1e-9)
    expect(readableCamera(big, { x: 0, y: 0, z: 3 }, vp).z).toBe(3)
  })

  it('brings a readable card that is out of view into the middle without zooming', () => {
    const card = { x: -4000, y: 0, w: 200, h: 140, fontSize: 36 }
    const c = readableCamera(card, { x: 0, y: 0, z: 1 }, vp)
    expect(c.z).toBe(1)
    expect(toScreen({ x: card.x + 100, y: card.y + 70 }, c).x).toBeCloseTo(600)
  })
})

describe('cameraToFit (the wall fits the board beside its panel)', () => {
  it('fits the bounds into the part of the view the insets leave free, centred there', () => {
    const bounds = { x: 100, y: 50, w: 2700, h: 2220 }
    const view = { w: 1920, h: 1080 }
    const insets = { top: 0, right: 0, bottom: 0, left: 460 }
    const c = cameraToFit(bounds, view, insets, 24)
    const tl = toScreen({ x: bounds.x, y: bounds.y }, c)
    const br = toScreen({ x: bounds.x + bounds.w, y: bounds.y + bounds.h }, c)
    // inside the free part, with the margin
    expect(tl.x).toBeGreaterThanOrEqual(460 + 24 - 1e-6)
    expect(tl.y).toBeGreaterThanOrEqual(24 - 1e-6)
    expect(br.x).toBeLessThanOrEqual(1920 - 24 + 1e-6)
    expect(br.y).toBeLessThanOrEqual(1080 - 24 + 1e-6)
    // as large as it can be: it touches the free part on one axis
    expect(Math.min(tl.y - 24, 1080 - 24 - br.y)).toBeCloseTo(0)
    // centred in the free part
    expect((tl.x + br.x) / 2).toBeCloseTo(460 + (1920 - 460) / 2)
  })
})
