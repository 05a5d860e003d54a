import { parseTemplate } from './parse'
import type { TemplateProblem } from './result'
import type { Template } from './schema'

export interface TemplateSourceText {
  /** File name (or any label) used in problem reports. */
  readonly name: string
  readonly text: string
}

export interface TemplateFileProblems {
  readonly name: string
  readonly problems: readonly TemplateProblem[]
}

export interface TemplateRegistry {
  /** Valid templates in the order given; the first wins when two share an id. */
  readonly templates: readonly Template[]
  readonly byId: ReadonlyMap<string, Template>
  /** Files that were rejected, with every problem found. */
  readonly rejected: readonly TemplateFileProblems[]
}

/** A registry built from template texts (pure; see core/node/templates/loadShipped for reading files). */
export function createTemplateRegistry(sources: readonly TemplateSourceText[]): TemplateRegistry {
  const templates: Template[] = []
  const byId = new Map<string, Template>()
  const firstFile = new Map<string, string>()
  const rejected: TemplateFileProblems[] = []
  for (const source of sources) {
    const result = parseTemplate(source.text, source.name)
    if (!result.ok) {
      rejected.push({ name: source.name, problems: result.problems })
      continue
    }
    const id = result.template.id
    const other = firstFile.get(id)
    if (other !== undefined) {
      rejected.push({
        name: source.name,
        problems: [{ path: '$.id', message: `another template (${other}) already has the id "${id}"` }],
      })
      continue
    }
    firstFile.set(id, source.name)
    byId.set(id, result.template)
    templates.push(result.template)
  }
  return { templates, byId, rejected }
}

export interface TemplateSummary {
  readonly id: string
  readonly name: string
  readonly purpose: string
  readonly framework: string
  readonly durationMinutes: number
  readonly layout: 'grid' | 'zones'
  readonly stages: number
  readonly lanes: number
  readonly zones: number
  readonly activities: number
}

/** What a gallery or `copro templates list` shows about a template. */
export function summarizeTemplate(t: Template): TemplateSummary {
  const s = t.structure
  return {
    id: t.id,
    name: t.name,
    purpose: t.purpose,
    framework: t.framework.name,
    durationMinutes: t.durationMinutes,
    layout: s.type,
    stages: s.type === 'grid' ? s.stages.length : 0,
    lanes: s.type === 'grid' ? s.lanes.length : 0,
    zones: s.type === 'zones' ? s.zones.length : 0,
    activities: t.agenda.length,
  }
}
