import { describe, expect, it } from 'vitest'
import { terminalSafe } from '../../../src/cli/io'
import { SessionTitle } from '../../../src/shared/model/session'

process.env.COPRO_CLI_NO_MAIN = '1'
const { main } = await import('../../../src/cli/index')

const HOSTILE = [
  '\x1b[2J\x1b[H', // clear screen
  '\x1b]0;pwned\x07', // window title
  '\x1b[31mred\x1b[0m', // fake colours
  '\u009b31m', // C1 CSI
  'abc\u202Efdp.exe', // right-to-left override
  'a\u2028b',
  'x\rhidden',
]

describe('terminal output (issue 22 item 5)', () => {
  it('escapes every non-printable character visibly', () => {
    for (const s of HOSTILE) {
      const out = terminalSafe(s)
      // eslint-disable-next-line no-control-regex
      expect(out, JSON.stringify(s)).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u202E]/)
    }
    expect(terminalSafe('\x1b]0;t\x07')).toBe('\\x1b]0;t\\x07')
    expect(terminalSafe('a\u202Eb')).toBe('a\\u202eb')
  })

  it('keeps printable text, new lines, tabs, emoji and right-to-left letters', () => {
    for (const s of ['plain', 'two\nlines\tand tab', 'café 😀 👩🏽‍🚀', 'שלום', 'a\u200Fb'])
      expect(terminalSafe(s)).toBe(s)
  })

  it('the CLI escapes what it prints', async () => {
    const lines: string[] = []
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s), version: '0' }
    expect(await main(['\x1b[2J\x1b]0;pwned\x07'], io)).toBe(2)
    expect(lines.join('\n')).not.toContain('\x1b')
    expect(lines.join('\n')).toContain('\\x1b[2J')
  })
})

describe('titles on the way in (issue 22 item 5)', () => {
  it('strips control and bidi-override characters and keeps one line', () => {
    expect(SessionTitle.parse('\x1b[2JWorkshop\u202E 1\n2\t3 ')).toBe('[2JWorkshop 1 2 3')
    expect(SessionTitle.parse('ورشة عمل 😀')).toBe('ورشة عمل 😀')
    expect(SessionTitle.safeParse('\x1b\x07\u202E').success).toBe(false)
  })
})

describe('names on the way in (issue 22 item 5)', () => {
  it('a participant registered with escape sequences and a bidi override is stored clean', async () => {
    const { Participant } = await import('../../../src/shared/model/participant')
    const p = Participant.parse({
      id: 'p1',
      name: '\x1b]0;pwned\x07Sam\u202E Patel',
      anonymous: false,
      coproRole: 'frontline-staff',
      sessionRole: 'participant',
      joinedAt: 1,
    })
    expect(p.name).toBe(']0;pwnedSam Patel')
  })
})
