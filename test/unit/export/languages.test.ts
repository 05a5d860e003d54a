import { describe, expect, it } from 'vitest'
import { buildExportModel } from '../../../src/core/common/export'
import { htmlReport } from '../../../src/core/common/export/formats/html'
import { markdownReport } from '../../../src/core/common/export/formats/markdown'
import { youSaidWeDidHtml } from '../../../src/core/common/export/formats/easyRead'
import { cardsRows } from '../../../src/core/common/export/formats/csv'
import { writeReportSettings, DEFAULT_REPORT } from '../../../src/core/common/export/report'
import { writeSessionLanguage } from '../../../src/core/common/session/language'
import { buildGridSession, FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'

describe('the report in Welsh, or Welsh and English side by side', () => {
  it('is English by default, with <html lang="en">', () => {
    const { doc } = buildGridSession()
    const m = buildExportModel(doc, FIXTURE_EXPORT_OPTS)
    expect(m.report.languages).toEqual(['en'])
    const html = htmlReport(m)
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<h2>Journey matrix</h2>')
  })

  it('in Welsh: every heading of the report is Welsh, card text stays as written', () => {
    const { doc } = buildGridSession()
    const m = buildExportModel(doc, { ...FIXTURE_EXPORT_OPTS, languages: ['cy'] })
    const html = htmlReport(m)
    expect(html).toContain('<html lang="cy">')
    expect(html).toContain('<h2>Matrics y daith</h2>')
    expect(html).toContain('<h2>Cynllun gweithredu</h2>')
    expect(html).toContain('<h2>Am yr adroddiad hwn</h2>')
    expect(html).not.toMatch(/<h2>(Journey matrix|Action plan|About this report)<\/h2>/)
    expect(html).toContain('I had to tell my story five times') // the people's words are not translated
    const md = markdownReport(m)
    expect(md).toContain('## Matrics y daith')
    expect(md).toContain('**Cyfranogwyr:**')
    expect(youSaidWeDidHtml(m)).toContain('<h1>Dywedoch chi, gwnaethom ni</h1>')
    // CSV is data: its columns stay English whatever the report's language
    expect(cardsRows(m)[0]).toContain('Text')
  })

  it('side by side: Welsh leads, English follows, each marked with its language', () => {
    const { doc } = buildGridSession()
    writeReportSettings(doc, { ...DEFAULT_REPORT, languages: ['cy', 'en'] })
    const m = buildExportModel(doc, FIXTURE_EXPORT_OPTS)
    expect(m.report.languages).toEqual(['cy', 'en'])
    const html = htmlReport(m)
    expect(html).toContain('<html lang="cy">')
    expect(html).toContain(
      '<h2><span lang="cy">Matrics y daith</span><span class="sep" aria-hidden="true"> / </span><span lang="en" class="alt">Journey matrix</span></h2>',
    )
    expect(html).toContain('<p lang="cy">Mae cyfranogwyr yn ymddangos dan ffugenw')
    expect(html).toContain('<p lang="en">Participants appear as pseudonyms')
    expect(markdownReport(m)).toContain('## Matrics y daith / Journey matrix')
  })

  it("follows the session's language when the facilitator chose none", () => {
    const { doc } = buildGridSession()
    writeSessionLanguage(doc, 'cy') // where the facilitator's choice is stored (workshop map)
    expect(buildExportModel(doc, FIXTURE_EXPORT_OPTS).report.languages).toEqual(['cy'])
  })

  it('an explicit report language wins over the session language', () => {
    const { doc } = buildGridSession()
    writeSessionLanguage(doc, 'cy')
    writeReportSettings(doc, { ...DEFAULT_REPORT, languages: ['en', 'cy'] })
    expect(buildExportModel(doc, FIXTURE_EXPORT_OPTS).report.languages).toEqual(['en', 'cy'])
    writeReportSettings(doc, { ...DEFAULT_REPORT, languages: [] })
    const m = buildExportModel(doc, FIXTURE_EXPORT_OPTS)
    expect(m.report.languages).toEqual(['cy'])
    expect(htmlReport(m)).toContain('<h2>Cynllun gweithredu</h2>')
  })
})
