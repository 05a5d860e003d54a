import { describe, expect, it } from 'vitest'
import { structureSvgGroup, wrap, escapeXml } from '../../../src/renderer/board/export/structureSvg'
import { frameChoices, frameRect, frameSlug } from '../../../src/renderer/board/export/frames'
import { fileBase } from '../../../src/renderer/features/export/exportFiles'
import type { BoardStructure } from '../../../src/shared/model/structure'
import { structureBounds } from '../../../src/core/common/structure/attribution'

const item = (id: string, label: string, prompt = '') => ({ id, label, prompt, easyRead: '', kinds: [] })

const grid: BoardStructure = {
  type: 'grid',
  x: 100,
  y: 50,
  headerHeight: 80,
  laneHeaderWidth: 200,
  stages: [
    { ...item('before', 'Before <visit>', 'What happens first?'), width: 300 },
    { ...item('during', 'During & after'), width: 400 },
  ],
  lanes: [
    { ...item('users', 'People who use it'), height: 150 },
    { ...item('staff', 'Staff'), height: 250 },
  ],
}

const zones: BoardStructure = {
  type: 'zones',
  zones: [
    { ...item('now', 'Now'), x: 0, y: 0, w: 500, h: 400 },
    { ...item('next', 'Next'), x: 600, y: -100, w: 300, h: 300 },
  ],
}

describe('structure drawn into board pictures', () => {
  it('draws every header, cell and zone with escaped labels and prompts', () => {
    const svg = structureSvgGroup(grid)
    // corner + 2 stage headers + 2 lane headers + 4 cells
    expect(svg.match(/<rect /g)).toHaveLength(9)
    expect(svg).toContain('Before &lt;visit&gt;')
    expect(svg).toContain('During &amp; after')
    expect(svg).toContain('What happens first?')
    expect(svg).not.toContain('<visit>')
    // the lane header sits at the grid's left edge below the stage headers
    expect(svg).toContain('<rect x="100" y="130" width="200" height="150"')
    const z = structureSvgGroup(zones)
    expect(z.match(/<rect /g)).toHaveLength(2)
    expect(z).toContain('>Next</text>')
  })

  it('hostile labels are escaped, and bidi and control characters removed', () => {
    const hostile: BoardStructure = {
      type: 'zones',
      zones: [{ ...item('x', '</g><script>alert(1)</script>\u202e\u0007"\''), x: 0, y: 0, w: 400, h: 300 }],
    }
    const svg = structureSvgGroup(hostile)
    expect(svg).not.toContain('<script')
    expect(svg.includes('\u202e') || svg.includes('\u0007')).toBe(false)
    expect(escapeXml(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;')
  })

  it('wraps long text to the box width and cuts words longer than a line', () => {
    const lines = wrap('one two three four five six seven eight nine ten', 100, 16)
    expect(lines.length).toBeGreaterThan(2)
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(Math.floor(100 / (16 * 0.56)))
    expect(wrap('x'.repeat(50), 100, 16).join('')).toBe('x'.repeat(50))
    expect(wrap('a\nb', 500, 16)).toEqual(['a', 'b'])
  })

  it('cuts long words only between grapheme clusters (emoji, astral, combining marks)', () => {
    const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    const clusters = (s: string) => Array.from(seg.segment(s), (g) => g.segment)
    const words = [
      '😀'.repeat(40), // astral: surrogate pairs
      '👩🏽‍🚀'.repeat(15), // ZWJ sequence with a skin tone
      '🇬🇧🇫🇷'.repeat(12), // flags: regional indicator pairs
      'e\u0301'.repeat(30), // e + combining acute
      '𝒳a'.repeat(25), // mathematical script capital (astral) mixed with ASCII
    ]
    for (const word of words) {
      const lines = wrap(word, 100, 16)
      expect(lines.length).toBeGreaterThan(1)
      expect(lines.join('')).toBe(word)
      for (const l of lines) {
        // no lone surrogate
        expect(l, JSON.stringify(l)).not.toMatch(
          /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
        )
        expect(l).not.toContain('\uFFFD')
        // every line is whole clusters of the word: no cluster is cut
        expect(clusters(l).every((c) => clusters(word).includes(c))).toBe(true)
        expect(clusters(l).length).toBeLessThanOrEqual(Math.floor(100 / (16 * 0.56)))
      }
    }
  })
})

describe('frames of the board', () => {
  it('lists stages and lanes of a grid, zones of a zone board', () => {
    expect(frameChoices(grid).map((c) => c.label)).toEqual([
      'Stage: Before <visit>',
      'Stage: During & after',
      'Lane: People who use it',
      'Lane: Staff',
    ])
    expect(frameChoices(zones).map((c) => c.frame)).toEqual([
      { type: 'zone', id: 'now' },
      { type: 'zone', id: 'next' },
    ])
    expect(frameChoices(null)).toEqual([])
  })

  it('a stage is its column with the header, a lane its row with the header, a zone itself', () => {
    const all = structureBounds(grid)
    expect(frameRect(grid, { type: 'stage', id: 'during' })).toEqual({ x: 600, y: 50, w: 400, h: all.h })
    expect(frameRect(grid, { type: 'lane', id: 'staff' })).toEqual({ x: 100, y: 280, w: all.w, h: 250 })
    expect(frameRect(zones, { type: 'zone', id: 'next' })).toEqual({ x: 600, y: -100, w: 300, h: 300 })
    expect(frameRect(grid, { type: 'stage', id: 'gone' })).toBeNull()
    expect(frameRect(grid, { type: 'zone', id: 'now' })).toBeNull()
    expect(frameRect(null, { type: 'zone', id: 'now' })).toBeNull()
    expect(frameSlug(null)).toBe('board')
    expect(frameSlug({ type: 'lane', id: 'staff' })).toBe('lane-staff')
  })
})

describe('export file names', () => {
  it('are safe on every system', () => {
    expect(fileBase('Export files: café/queue')).toBe('Export files café queue')
    expect(fileBase('..\\..\\etc')).toBe('etc')
    expect(fileBase('a\u202eb\u0000c')).toBe('a b c')
    expect(fileBase('   ')).toBe('session')
    expect(fileBase('x'.repeat(300))).toHaveLength(80)
  })
})
