import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createTemplateRegistry,
  formatProblem,
  instantiateTemplate,
  parseTemplate,
  TEMPLATE_LIMITS,
  type TemplateResult,
} from '../../../src/core/common/templates'

const base = JSON.parse(
  readFileSync(join(__dirname, '../../../workshop-templates/idea-sorter.json'), 'utf8'),
) as Record<string, unknown>
const withChange = (change: (t: Record<string, any>) => void): string => {
  const t = structuredClone(base) as Record<string, any>
  change(t)
  return JSON.stringify(t)
}

function problemsOf(r: TemplateResult): string[] {
  expect(r.ok).toBe(false)
  return r.ok ? [] : r.problems.map((p) => formatProblem('t.json', p))
}

describe('hostile template files are rejected with a clear error, never a crash', () => {
  const cases: [string, string, RegExp][] = [
    ['empty file', '', /\$: the file is empty/],
    ['not JSON', 'hello', /\$: not valid JSON: unexpected "h"; expected a value \(line 1, column 1\)/],
    [
      'truncated JSON',
      '{"formatVersion": 1, "id": "x"',
      /not valid JSON: unexpected end of file; expected , or \}/,
    ],
    ['trailing garbage', '{} {}', /after the end of the JSON value/],
    ['single quotes', "{'a': 1}", /expected a key in double quotes/],
    ['NaN literal', '{"a": NaN}', /expected a value/],
    ['number too large', '{"a": 1e999}', /\$\.a: not valid JSON: a number is too large/],
    ['raw control char in string', '{"a": "x\u0001y"}', /raw control character/],
    ['bad escape', '{"a": "\\q"}', /unknown escape/],
    [
      'deep nesting (10,000 levels)',
      '['.repeat(10_000) + ']'.repeat(10_000),
      /nesting is deeper than 32 levels/,
    ],
    [
      'deep nesting, objects',
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      /nesting is deeper than 32 levels/,
    ],
    [
      '__proto__ key',
      '{"__proto__": {"polluted": true}}',
      /\$\.__proto__: not valid JSON: the key "__proto__" is not allowed/,
    ],
    [
      'nested constructor key',
      '{"structure": {"constructor": {"prototype": 1}}}',
      /\$\.structure\.constructor: .*"constructor" is not allowed/,
    ],
    [
      'prototype key',
      withChange((t) => (t.framework.prototype = 1)).replace('"prototype"', '"prototype"'),
      /"prototype" is not allowed/,
    ],
    ['duplicate key', '{"id": "a", "id": "b"}', /\$\.id: not valid JSON: the key "id" appears twice/],
    [
      'huge array',
      `{"agenda": [${Array(200_000).fill('0').join(',')}]}`,
      /\$\.agenda: not valid JSON: a list holds more than 1000 items/,
    ],
    [
      'too many keys',
      `{${Array.from({ length: 300 }, (_, i) => `"k${i}":0`).join(',')}}`,
      /more than 200 keys/,
    ],
    [
      'over 1 MB',
      `{"purpose": "${'x'.repeat(TEMPLATE_LIMITS.maxBytes)}"}`,
      /\$: the file is larger than 1048576 bytes/,
    ],
    ['over 1 MB in UTF-8 but not in characters', `"${'é'.repeat(600_000)}"`, /larger than 1048576 bytes/],
    ['a JSON array instead of an object', '[]', /\$: should be an object, not a list/],
    ['null', 'null', /\$: should be an object, not null/],
    [
      'wrong types',
      withChange((t) => {
        t.durationMinutes = '90'
        t.agenda = {}
      }),
      /\$\.durationMinutes: should be a number, not text[\s\S]*\$\.agenda: should be a list, not an object/,
    ],
    [
      'newer format version',
      withChange((t) => (t.formatVersion = 2)),
      /\$\.formatVersion: this template uses format version 2/,
    ],
    ['unknown field', withChange((t) => (t.colour = 'red')), /\$\.colour: unknown field/],
    [
      'unknown structure type',
      withChange((t) => (t.structure.type = 'circle')),
      /\$\.structure\.type: must be "grid" \(stages × lanes\) or "zones", not "circle"/,
    ],
    [
      'too many stages',
      withChange((t) => {
        t.structure.stages = Array.from({ length: 51 }, (_, i) => ({ ...t.structure.stages[0], id: `s${i}` }))
      }),
      /\$\.structure\.stages: holds more than 50 items/,
    ],
    ['no lanes', withChange((t) => (t.structure.lanes = [])), /\$\.structure\.lanes: needs at least 1 item/],
    [
      'label too long',
      withChange((t) => (t.structure.stages[0].label = 'x'.repeat(121))),
      /stages\[0\]\.label: is longer than 120 characters/,
    ],
    [
      'size out of range',
      withChange((t) => (t.structure.stages[0].width = 1e9)),
      /stages\[0\]\.width: must be at most 20000/,
    ],
    [
      'negative duration',
      withChange((t) => (t.agenda[0].durationMinutes = -5)),
      /agenda\[0\]\.durationMinutes: must be at least 0/,
    ],
    [
      'control character in a label',
      withChange((t) => (t.structure.stages[0].label = 'Adds\u0007')),
      /stages\[0\]\.label: must be one line of plain text without control characters \(found U\+0007 at character 5\)/,
    ],
    [
      'line break in a label',
      withChange((t) => (t.name = 'two\nlines')),
      /\$\.name: must be one line .*U\+000A/,
    ],
    [
      'bidi override in a prompt',
      withChange((t) => (t.structure.lanes[0].prompt = 'abc\u202Edef')),
      /lanes\[0\]\.prompt: must be plain text .*U\+202E/,
    ],
    [
      'lone surrogate',
      withChange((t) => (t.structure.lanes[0].label = 'bad \uD800 char')),
      /lanes\[0\]\.label: holds a broken character/,
    ],
    [
      'blank label',
      withChange((t) => (t.structure.lanes[0].label = '   ')),
      /lanes\[0\]\.label: must not be empty or only spaces/,
    ],
    [
      'duplicate stage/lane ids',
      withChange((t) => (t.structure.lanes[0].id = t.structure.stages[0].id)),
      /\$\.structure\.lanes\[0\]\.id: duplicate id "adds" \(already used at \$\.structure\.stages\[0\]\.id\)/,
    ],
    [
      'duplicate activity ids',
      withChange((t) => (t.agenda[1].id = t.agenda[0].id)),
      /\$\.agenda\[1\]\.id: duplicate activity id/,
    ],
    [
      'reserved id',
      withChange((t) => (t.structure.stages[0].id = 'constructor')),
      /stages\[0\]\.id: this id is reserved/,
    ],
    [
      'bad id characters',
      withChange((t) => (t.id = 'Idea Sorter')),
      /\$\.id: use lower-case letters, digits and dashes/,
    ],
    [
      'dangling target',
      withChange((t) => (t.agenda[0].targetId = 'nowhere')),
      /agenda\[0\]\.targetId: "nowhere" is not the id of a stage, lane or zone/,
    ],
    [
      'dangling export hint',
      withChange((t) => (t.exportHints.painIds = ['nowhere'])),
      /exportHints\.painIds\[0\]: "nowhere" is not the id/,
    ],
    [
      'missing easy-read',
      withChange((t) => (t.structure.stages[0].easyRead = '')),
      /stages\[0\]\.easyRead: needs an easy-read version/,
    ],
    [
      'repeated card kind',
      withChange((t) => (t.structure.stages[0].kinds = ['idea', 'idea'])),
      /stages\[0\]\.kinds\[1\]: card kind "idea" is listed twice/,
    ],
    [
      'unknown card kind',
      withChange((t) => (t.structure.stages[0].kinds = ['banana'])),
      /stages\[0\]\.kinds\[0\]: must be "pain" or "gain"/,
    ],
    [
      'unknown seed',
      withChange((t) => (t.framework.sources[0].seed = 'S9')),
      /framework\.sources\[0\]\.seed: must be "S0" or/,
    ],
  ]

  it.each(cases)('%s', (_name, text, expected) => {
    const r = parseTemplate(text, 't.json')
    const lines = problemsOf(r)
    expect(lines.join('\n')).toMatch(expected)
    for (const line of lines) expect(line).toMatch(/^t\.json: \$[^:]*: \S/)
  })

  it('every problem is reported, not only the first (up to a cap)', () => {
    const text = withChange((t) => {
      t.name = ''
      t.durationMinutes = 0
      t.structure.stages[0].label = ''
      t.extra = 1
    })
    const lines = problemsOf(parseTemplate(text))
    expect(lines.length).toBeGreaterThanOrEqual(4)
    const many = withChange((t) => {
      t.structure.stages = Array.from({ length: 50 }, (_, i) => ({
        id: `s${i}`,
        label: 1,
        prompt: 2,
        easyRead: 3,
        kinds: 4,
      }))
    })
    const capped = problemsOf(parseTemplate(many))
    expect(capped.length).toBe(101)
    expect(capped[100]).toMatch(/… and \d+ more problems/)
  })

  it('prototype-pollution attempts change nothing', () => {
    const before = ({} as Record<string, unknown>).polluted
    for (const text of [
      '{"__proto__": {"polluted": 1}}',
      '{"a": {"__proto__": {"polluted": 1}}}',
      '{"constructor": {"prototype": {"polluted": 1}}}',
    ])
      parseTemplate(text)
    expect(({} as Record<string, unknown>).polluted).toBe(before)
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('markup in labels and prompts is accepted as plain text, unchanged, and stays plain text on the board', () => {
    const markup = '<script>alert("x")</script><img src=x onerror=alert(1)> & <b>bold</b>'
    const text = withChange((t) => {
      t.name = markup.slice(0, 100)
      t.structure.stages[0].label = markup.slice(0, 120)
      t.structure.stages[0].prompt = markup
      t.agenda[0].instructions = markup
    })
    const r = parseTemplate(text)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.template.name).toBe(markup.slice(0, 100))
    const { structure, agenda } = instantiateTemplate(r.template)
    expect(structure.type === 'grid' && structure.stages[0]!.prompt).toBe(markup)
    expect(agenda.activities[0]!.instructions).toBe(markup)
  })

  it('a byte-order mark at the start is allowed', () => {
    expect(parseTemplate('\uFEFF' + JSON.stringify(base)).ok).toBe(true)
  })

  it('the registry keeps the first of two templates with the same id and reports the second', () => {
    const text = JSON.stringify(base)
    const reg = createTemplateRegistry([
      { name: 'a.json', text },
      { name: 'b.json', text },
      { name: 'c.json', text: '{' },
    ])
    expect(reg.templates.map((t) => t.id)).toEqual(['idea-sorter'])
    expect(reg.byId.get('idea-sorter')).toBe(reg.templates[0])
    expect(reg.rejected.map((r) => r.name)).toEqual(['b.json', 'c.json'])
    expect(reg.rejected[0]!.problems[0]!.message).toMatch(
      /another template \(a\.json\) already has the id "idea-sorter"/,
    )
  })

  it('non-string input is refused, not thrown', () => {
    expect(parseTemplate(undefined as unknown as string).ok).toBe(false)
    expect(parseTemplate(42 as unknown as string).ok).toBe(false)
  })
})
