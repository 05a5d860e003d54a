import { describe, expect, it } from 'vitest'
import { cleanText } from '../../../src/core/common/text/sanitize'
import { countWords } from '../../../src/core/common/text/words'
import { escapeHtml, escapeMarkdown } from '../../../src/core/common/export'

describe('export text helpers', () => {
  it('counts words in spaced and unspaced scripts', () => {
    expect(countWords("I don't know")).toBe(3)
    expect(countWords('co-production works')).toBe(3)
    expect(countWords('الانتظار طويل جدا')).toBe(3)
    expect(countWords('שלום עולם')).toBe(2)
    expect(countWords('我们需要更多的支持')).toBeGreaterThan(1)
    expect(countWords('😟 🎉')).toBe(0)
    expect(countWords('')).toBe(0)
  })

  it('removes bidi overrides and control characters, keeps RTL marks and newlines', () => {
    expect(cleanText('a\u202Eb\u2066c\u2069\u0000d\r\ne\rf\u200Fg\th')).toBe('abcd\ne\nf\u200Fg\th')
  })

  it('escapes HTML and Markdown', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    expect(escapeMarkdown('[x](y) *b* _i_ `c` | ~s~ <b> & \\')).toBe(
      '\\[x\\](y) \\*b\\* \\_i\\_ \\`c\\` \\| \\~s\\~ &lt;b&gt; &amp; \\\\',
    )
    expect(escapeMarkdown('# h\n- l\n+ l\n12. n\n3) n\n= x')).toBe(
      '\\# h<br>\\- l<br>\\+ l<br>12\\. n<br>3\\) n<br>\\= x',
    )
    expect(escapeMarkdown('a - b. 1. c')).toBe('a - b. 1. c')
  })
})
