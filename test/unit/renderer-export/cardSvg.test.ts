import { describe, expect, it } from 'vitest'
import { cardsSvgGroup, type CardToDraw } from '../../../src/renderer/board/export/cardSvg'
import type { CardProps } from '../../../src/core/common/cards/card'
import { KIND_ICON_PATHS } from '../../../src/renderer/device/icons/kindIconPaths'

const props = (p: Partial<CardProps>): CardProps => ({
  w: 200,
  h: 140,
  kind: 'idea',
  text: '',
  authorId: 'a1',
  authorRole: 'service-user',
  authorName: 'Secret Name',
  createdAt: 1,
  owner: '',
  due: '',
  ...p,
})

const card = (p: Partial<CardProps>, author = ''): CardToDraw => ({
  id: 'shape:abc',
  props: props(p),
  matrix: [1, 0, 0, 1, 100, 50],
  author,
})

describe('cards drawn as SVG for board pictures', () => {
  it('draws kind, role, text and the given author line, never the stored name', () => {
    const svg = cardsSvgGroup([card({ kind: 'pain', text: 'Too loud' }, 'Participant 2')])
    expect(svg).toContain('matrix(1 0 0 1 100 50)')
    // The kind is its bundled SVG icon beside the word (no emoji glyph, which fonts draw differently).
    expect(svg).toContain('>Pain</text>')
    for (const d of KIND_ICON_PATHS.pain) expect(svg).toContain(`<path d="${d}"/>`)
    expect(svg).not.toContain(`<path d="${KIND_ICON_PATHS.idea[0]}"/>`)
    expect(svg).not.toContain('⚠')
    expect(svg).toContain('>Service user</text>')
    expect(svg).toContain('>Too loud</text>')
    expect(svg).toContain('>Participant 2</text>')
    expect(svg).not.toContain('Secret Name')
    expect(svg).toContain('fill="#ffd6d6"')
  })

  it('shows owner and due date on actions', () => {
    const svg = cardsSvgGroup([card({ kind: 'action', text: 'Fix it', owner: 'Team A', due: '2026-12-01' })])
    expect(svg).toContain('Owner: Team A')
    expect(svg).toContain('Due: 2026-12-01')
  })

  it('escapes user text and lays right-to-left lines from the right edge', () => {
    const svg = cardsSvgGroup([
      card({ text: '<script>alert(1)</script> & "x"' }),
      card({ text: 'שלום עולם' }),
    ])
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;')
    expect(svg).toContain('&amp; &quot;x&quot;')
    expect(svg).toMatch(/<text x="192" direction="rtl"[^>]*>שלום עולם<\/text>/)
  })

  it('stops writing lines at the bottom of the card', () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ')
    const svg = cardsSvgGroup([card({ text: long })])
    const ys = [...svg.matchAll(/<text x="8" y="([\d.]+)" font-size="14"/g)].map((m) => Number(m[1]))
    expect(ys.length).toBeGreaterThan(3)
    expect(Math.max(...ys)).toBeLessThanOrEqual(140)
    expect(svg).not.toContain('word199')
  })
})
