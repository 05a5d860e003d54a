import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runSessionsCommand } from '../../../src/cli/commands/sessions'
import { cliLanguage } from '../../../src/cli/words'

const saved = process.env.COPRO_LANG
afterEach(() => {
  if (saved === undefined) delete process.env.COPRO_LANG
  else process.env.COPRO_LANG = saved
})

describe('the command line speaks the terminal’s language', () => {
  it('picks COPRO_LANG, else LC_ALL / LC_MESSAGES / LANG, else English', () => {
    expect(cliLanguage({ LANG: 'cy_GB.UTF-8' })).toBe('cy')
    expect(cliLanguage({ LANG: 'C.UTF-8' })).toBe('en')
    expect(cliLanguage({ LC_ALL: 'C', LANG: 'cy_GB.UTF-8' })).toBe('cy')
    expect(cliLanguage({ COPRO_LANG: 'en', LANG: 'cy_GB.UTF-8' })).toBe('en')
    expect(cliLanguage({})).toBe('en')
  })

  it('says its messages in Welsh, with the command names as they are', async () => {
    process.env.COPRO_LANG = 'cy'
    const dataDir = await mkdtemp(join(tmpdir(), 'copro-cli-cy-'))
    const out: string[] = []
    const err: string[] = []
    expect(
      await runSessionsCommand(['list'], { out: (s) => out.push(s), err: (s) => err.push(s), dataDir }),
    ).toBe(0)
    expect(out).toEqual(['Dim sesiynau.'])
    expect(
      await runSessionsCommand(['create'], { out: (s) => out.push(s), err: (s) => err.push(s), dataDir }),
    ).toBe(2)
    expect(err.join('\n')).toContain('Mae angen --title ar copro sessions create.')
    expect(err.join('\n')).toContain('Defnydd: copro sessions')
  })
})
