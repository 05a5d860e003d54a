import { describe, expect, it } from 'vitest'
import { buildExportModel, ExportModel } from '../../../src/core/common/export'
import { renderFormat } from '../../../src/core/common/export/formats'
import { addComment, toggleMeToo } from '../../../src/core/common/session/comments'
import { buildGridSession, FIXTURE_EXPORT_OPTS, PEOPLE } from '../../fixtures/docs/buildDoc'

// Issue 17 item 3: comments and "me too"s in every export, under the cards' consent rules; withdrawn
// participants' comments and reactions leave; the report shows "me too" by role and no internal ids.

function session() {
  const { doc, ids } = buildGridSession()
  const P = PEOPLE
  const top = addComment(doc, { cardId: ids.c1!, author: P.ana, text: 'Same for my dad' }, 10, 'comment:1')
  addComment(
    doc,
    { cardId: ids.c1!, parentId: top.id, author: P.anon, text: 'And me, twice' },
    11,
    'comment:2',
  )
  addComment(doc, { cardId: ids.c1!, author: P.gone, text: 'Withdrawn words' }, 12, 'comment:3')
  addComment(doc, { cardId: 'shape:nowhere', author: P.ana, text: 'On no card' }, 13, 'comment:4')
  for (const p of [P.ana, P.anon, P.staff, P.gone]) toggleMeToo(doc, ids.c1!, p, 20)
  // a reaction that claims another role is counted with the registry's
  toggleMeToo(doc, ids.c2!, { id: P.carer.id, coproRole: 'manager-commissioner' }, 21)
  return { doc, ids }
}

describe('comments and "me too" in exports', () => {
  it('the model carries comments with consent-aware authors and "me too" counts by registry role', () => {
    const { doc, ids } = session()
    const m = buildExportModel(doc, { ...FIXTURE_EXPORT_OPTS, includeNames: true })
    expect(ExportModel.safeParse(m).success).toBe(true)
    expect(m.comments.map((c) => [c.id, c.parentId, c.author.name, c.author.anonymous])).toEqual([
      ['comment:1', null, 'Ana Lopes', false],
      ['comment:2', 'comment:1', null, true],
    ])
    expect(m.comments[1]!.author.pseudonym).toBeNull()
    expect(m.meToo).toEqual([
      {
        cardId: ids.c1,
        total: 3,
        byRole: expect.objectContaining({ 'service-user': 2, 'frontline-staff': 1 }) as unknown,
      },
      { cardId: ids.c2, total: 1, byRole: expect.objectContaining({ 'carer-family': 1 }) as unknown },
    ])
    // without names requested, nobody is named
    const anonymous = buildExportModel(doc, FIXTURE_EXPORT_OPTS)
    expect(anonymous.comments.map((c) => c.author.name)).toEqual([null, null])
    expect(anonymous.comments[0]!.author.pseudonym).toMatch(/^Participant \d+$/)
  })

  it('writes comments.csv and me-too.csv, the report section, and leaves the withdrawn out everywhere', () => {
    const { doc } = session()
    const m = buildExportModel(doc, FIXTURE_EXPORT_OPTS)
    const files = Object.fromEntries(renderFormat(m, 'csv').map((f) => [f.name, f.text]))
    const comments = files['comments.csv']!.split('\r\n')
    expect(comments[0]).toBe(
      '\uFEFFCard ID,Card,Comment ID,Reply to,Comment,Author role,Author,Written at,Edited at',
    )
    expect(comments).toHaveLength(4) // header, two comments, final line break
    expect(comments[2]).toContain('Anonymous')
    expect(files['me-too.csv']!.split('\r\n')[1]).toMatch(/,3,2,0,1,0,0,0$/)
    const html = renderFormat(m, 'html')[0]!.text
    expect(html).toContain('<h2>Comments and “me too”</h2>')
    expect(html).toContain('Me too: 3 (Service user 2, Staff 1)')
    expect(html).toContain('Same for my dad')
    expect(html).not.toContain('comment:1')
    expect(html).not.toContain('shape:')
    const md = renderFormat(m, 'md')[0]!.text
    expect(md).toContain('- **Anonymous** (Person who uses the service): And me, twice')
    for (const text of [html, md, files['comments.csv']!, renderFormat(m, 'json')[0]!.text])
      expect(text).not.toContain('Withdrawn words')
  })

  it('the facilitator can leave the section out of the report', () => {
    const { doc } = session()
    const m = buildExportModel(doc, FIXTURE_EXPORT_OPTS)
    const without = {
      ...m,
      report: { ...m.report, sections: m.report.sections.filter((s) => s !== 'comments') },
    }
    expect(renderFormat(without, 'html')[0]!.text).not.toContain('Comments and “me too”')
  })
})
