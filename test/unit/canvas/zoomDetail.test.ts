import { describe, expect, it } from 'vitest'
import { FAR_ZOOM_ENTER, FAR_ZOOM_LEAVE, nextCardDetail } from '../../../src/renderer/board/shapes/zoomDetail'

describe('card detail by zoom', () => {
  it('switches to far below the enter zoom and back only at the leave zoom', () => {
    expect(FAR_ZOOM_LEAVE).toBeGreaterThan(FAR_ZOOM_ENTER)
    expect(nextCardDetail('near', 1)).toBe('near')
    expect(nextCardDetail('near', FAR_ZOOM_ENTER)).toBe('near')
    expect(nextCardDetail('near', FAR_ZOOM_ENTER - 0.01)).toBe('far')
    // between the two lines the current detail is kept, whichever it is
    const between = (FAR_ZOOM_ENTER + FAR_ZOOM_LEAVE) / 2
    expect(nextCardDetail('far', between)).toBe('far')
    expect(nextCardDetail('near', between)).toBe('near')
    expect(nextCardDetail('far', FAR_ZOOM_LEAVE)).toBe('near')
    expect(nextCardDetail('far', 0.05)).toBe('far')
  })

  it('a zoom swinging across the enter line switches once each way, not on every frame', () => {
    let detail: 'near' | 'far' = 'near'
    let switches = 0
    for (let i = 0; i < 200; i++) {
      const zoom = FAR_ZOOM_ENTER + 0.02 * Math.sin(i / 5) // ±0.02 around the line
      const next = nextCardDetail(detail, zoom)
      if (next !== detail) switches++
      detail = next
    }
    expect(switches).toBe(1)
  })
})
