import { describe, expect, it } from 'vitest'
import { buildExportModel } from '../../../src/core/common/export'
import { youSaidWeDidHtml } from '../../../src/core/common/export/formats/easyRead'
import { groupAsTheme } from '../../../src/core/common/themes/theme'
import { buildGridSession, FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'

describe('You said, we did (easy read)', () => {
  it('lists the top pains and the actions; quotes only people who agreed to be named', () => {
    const { doc } = buildGridSession()
    const anonymous = youSaidWeDidHtml(buildExportModel(doc, FIXTURE_EXPORT_OPTS))
    expect(anonymous).toContain('<h1>You said, we did</h1>')
    expect(anonymous).toContain('Rewrite the letters in plain language with people who use the service')
    expect(anonymous).toContain('Sam Patel will do this by 2026-03-31')
    // names not requested: nobody is quoted, their point is described by place
    expect(anonymous).not.toContain('I had to tell my story five times')
    expect(anonymous).toContain('Something was hard at “Applying”.')
    // with names: Ana agreed to be named, so her words may be quoted; the anonymous card still is not
    const named = youSaidWeDidHtml(buildExportModel(doc, { ...FIXTURE_EXPORT_OPTS, includeNames: true }))
    expect(named).toContain('“The letter uses words I don&#39;t understand”')
    expect(named).not.toContain('I had to tell my story five times')
  })

  it('says what people raised by theme when there are themes', () => {
    const { doc, ids } = buildGridSession()
    groupAsTheme(doc, { id: 't', name: 'Telling my story again', cardIds: [ids.c2!, ids.c5!], createdAt: 1 })
    const html = youSaidWeDidHtml(buildExportModel(doc, FIXTURE_EXPORT_OPTS))
    expect(html).toContain('Telling my story again <span class="small">(2 cards)</span>')
  })
})
