import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('third-party notices', () => {
  const md = readFileSync('THIRD_PARTY_NOTICES.md', 'utf8')
  it('ship the tldraw licence verbatim, with its watermark conditions', () => {
    expect(md).toContain('Not to disable, hide, remove, or alter the Watermark.')
    expect(md).toContain('To include a verbatim copy of this License in any distribution of the Software.')
    expect(md).toContain('tldraw 3.15.6')
  })
  it('served copy equals the repository copy', () => {
    expect(readFileSync('src/renderer/public/THIRD_PARTY_NOTICES.txt', 'utf8')).toBe(md)
  })
})
