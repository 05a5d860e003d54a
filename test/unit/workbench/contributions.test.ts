import { describe, expect, it } from 'vitest'
import { Contributions, type Contribution } from '../../../src/renderer/workbench/contributions'

const View = () => null
const icon = null as never

describe('Contributions', () => {
  it('orders views and sections, and lets a feature add sections to another view', () => {
    const features: Contribution[] = [
      { id: 'share', sections: [{ view: 'people', order: 10, component: View }] },
      {
        id: 'people',
        views: [{ id: 'people', title: 'People', keybinding: 'Mod+1', order: 20, icon }],
        sections: [{ view: 'people', order: 0, component: View }],
      },
      { id: 'first', views: [{ id: 'first', title: 'First', keybinding: 'Mod+2', order: 10, icon }] },
    ]
    const c = new Contributions(features)
    expect(c.views.map((v) => v.id)).toEqual(['first', 'people'])
    expect(c.sectionsOf('people').map((s) => s.order)).toEqual([0, 10])
    expect(c.view('nope')).toBeNull()
  })

  it('refuses a view or editor contributed twice', () => {
    const v = { id: 'x', title: 'X', keybinding: 'Mod+1', order: 1, icon }
    expect(
      () =>
        new Contributions([
          { id: 'a', views: [v] },
          { id: 'b', views: [v] },
        ]),
    ).toThrow(/twice/)
    const e = { kind: 'k', component: View }
    expect(
      () =>
        new Contributions([
          { id: 'a', editors: [e] },
          { id: 'b', editors: [e] },
        ]),
    ).toThrow(/twice/)
  })
})
