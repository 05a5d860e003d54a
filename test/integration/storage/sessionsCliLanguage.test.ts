import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runSessionsCommand } from '../../../src/cli/commands/sessions'
import { SessionSummary } from '../../../src/shared/model/session'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { TemplateService } from '../../../src/core/node/templates/templateService'
import { readMeta, readStructure } from '../../../src/core/common/session/read'
import { readSessionLanguage } from '../../../src/core/common/session/language'
import { instantiateTemplate } from '../../../src/core/common/templates'
import { localizeTemplate } from '../../../src/core/common/templates/localize'
import { docFrom, tempDir } from './helpers'

process.env.COPRO_CLI_NO_MAIN = '1'
const { main } = await import('../../../src/cli/index')

/** `copro sessions create --language` (issue 19): the session's language, and its template written in it. */
let dir: string
let cleanup: () => Promise<void>
const savedLang = process.env.COPRO_LANG

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  delete process.env.COPRO_LANG
})
afterEach(async () => {
  if (savedLang === undefined) delete process.env.COPRO_LANG
  else process.env.COPRO_LANG = savedLang
  await cleanup()
})

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runSessionsCommand(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    dataDir: path.join(dir, 'data'),
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** The session's document as stored on disk. */
async function storedDoc(id: string) {
  const store = await SessionStore.open(path.join(dir, 'data'))
  try {
    return docFrom(await store.load(id))
  } finally {
    await store.shutdown()
  }
}

describe('copro sessions create --language', () => {
  it('stores the language and writes the template in it, as the app does', async () => {
    const c = await run(
      'create',
      '--title',
      'Gweithdy tai',
      '--template',
      'service-journey-map',
      '--language',
      'cy',
      '--json',
    )
    expect(c.err).toBe('')
    expect(c.code).toBe(0)
    const created = SessionSummary.parse(JSON.parse(c.out))
    expect(created).toMatchObject({ title: 'Gweithdy tai', templateId: 'service-journey-map' })
    const doc = await storedDoc(created.id)
    expect(readSessionLanguage(doc)).toBe('cy')
    expect(readMeta(doc)).toMatchObject({ sessionId: created.id, title: 'Gweithdy tai' })
    const template = (await TemplateService.create({}).get('service-journey-map'))!
    const welsh = instantiateTemplate(localizeTemplate(template, 'cy')).structure
    const english = instantiateTemplate(template).structure
    expect(readStructure(doc)).toEqual(welsh)
    // it really is the Welsh text, not the English one
    expect(welsh).not.toEqual(english)
  })

  it('without --language: English, the template as written (the same path, no language stored)', async () => {
    const c = await run('create', '--title', 'Housing', '--template', 'service-journey-map', '--json')
    expect(c.code).toBe(0)
    const doc = await storedDoc(SessionSummary.parse(JSON.parse(c.out)).id)
    const template = (await TemplateService.create({}).get('service-journey-map'))!
    expect(readStructure(doc)).toEqual(instantiateTemplate(template).structure)
    expect(readSessionLanguage(doc)).toBe('en')
  })

  it('stores the language of a session with no template too', async () => {
    const c = await run('create', '--title', 'Sesiwn', '--language', 'CY', '--json')
    expect(c.code).toBe(0)
    const doc = await storedDoc(SessionSummary.parse(JSON.parse(c.out)).id)
    expect(readSessionLanguage(doc)).toBe('cy')
    expect(readStructure(doc)).toBeNull()
  })

  it('refuses a language it does not speak, naming the choices, and writes nothing', async () => {
    const c = await run('create', '--title', 'X', '--language', 'fr')
    expect(c.code).toBe(2)
    expect(c.err).toContain('Unknown language "fr": choose from en (English), cy (Cymraeg), ar (العربية).')
    expect(JSON.parse((await run('list', '--json')).out)).toEqual([])
    const missing = await run('create', '--title', 'X', '--language')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('--language needs a value.')
  })

  it('refuses a template that does not exist, and writes nothing', async () => {
    const c = await run('create', '--title', 'X', '--template', 'no-such-template')
    expect(c.code).toBe(2)
    expect(c.err).toContain('There is no template "no-such-template"')
    expect(JSON.parse((await run('list', '--json')).out)).toEqual([])
  })

  it('says it in Welsh to a Welsh terminal, the option names as they are', async () => {
    process.env.COPRO_LANG = 'cy'
    const c = await run('create', '--title', 'X', '--language', 'fr')
    expect(c.err).toContain('Iaith anhysbys "fr": dewiswch o en (English), cy (Cymraeg), ar (العربية).')
    const help = await run('help')
    expect(help.out).toContain('[--language en|cy|ar]')
    expect(help.out).toContain('Mae --language yn gosod iaith y sesiwn')
  })

  it('`copro sessions help` (and --help) from the command line gives the whole help, --language included', async () => {
    process.env.COPRO_LANG = 'cy'
    for (const ask of ['help', '--help']) {
      const lines: string[] = []
      const io = { out: (x: string) => lines.push(x), err: (x: string) => lines.push(x), version: '0' }
      expect(await main(['sessions', ask], io)).toBe(0)
      expect(lines.join('\n')).toContain('Mae --language yn gosod iaith y sesiwn')
    }
  })
})
