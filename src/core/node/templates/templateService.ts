import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  createTemplateRegistry,
  parseTemplate,
  serializeTemplate,
  type Template,
  type TemplateProblem,
  type TemplateRegistry,
  type TemplateSourceText,
} from '../../common/templates'
import { writeFileAtomic } from '../storage/fsAtomic'
import { findShippedTemplatesDir, readTemplateFile } from './loadShipped'

export interface TemplateEntry {
  template: Template
  source: 'shipped' | 'custom'
}

export interface TemplateList {
  templates: TemplateEntry[]
  rejected: { name: string; problems: TemplateProblem[] }[]
}

/**
 * The templates a server offers: the shipped ones (workshop-templates/) and custom ones saved in the
 * data folder (<dataDir>/templates/<id>.json). A custom template may not reuse a shipped id.
 */
export class TemplateService {
  private constructor(
    private readonly shippedDir: string | null,
    private readonly customDir: string | null,
  ) {}

  static create(opts: { shippedDir?: string | null; dataDir?: string | null }): TemplateService {
    const shipped = opts.shippedDir === undefined ? findShippedTemplatesDir() : opts.shippedDir
    return new TemplateService(shipped, opts.dataDir ? join(opts.dataDir, 'templates') : null)
  }

  async list(): Promise<TemplateList> {
    const shipped = await this.readDir(this.shippedDir)
    const custom = await this.readDir(this.customDir)
    const templates: TemplateEntry[] = shipped.templates.map((t) => ({ template: t, source: 'shipped' }))
    const rejected = [...shipped.rejected, ...custom.rejected].map((r) => ({
      name: r.name,
      problems: [...r.problems],
    }))
    for (const t of custom.templates) {
      if (shipped.byId.has(t.id)) {
        rejected.push({
          name: `${t.id}.json`,
          problems: [{ path: '$.id', message: 'a shipped template has this id' }],
        })
      } else templates.push({ template: t, source: 'custom' })
    }
    return { templates, rejected }
  }

  async get(id: string): Promise<Template | null> {
    return (await this.list()).templates.find((e) => e.template.id === id)?.template ?? null
  }

  /** Validates a template file's text and saves it as a custom template. */
  async import(
    text: string,
    fileName: string,
  ): Promise<{ ok: true; template: Template } | { ok: false; problems: TemplateProblem[] }> {
    const parsed = parseTemplate(text, fileName)
    if (!parsed.ok) return { ok: false, problems: [...parsed.problems] }
    return this.save(parsed.template)
  }

  async save(
    template: Template,
  ): Promise<{ ok: true; template: Template } | { ok: false; problems: TemplateProblem[] }> {
    if (!this.customDir)
      return { ok: false, problems: [{ path: '$', message: 'this server keeps no custom templates' }] }
    const shipped = await this.readDir(this.shippedDir)
    if (shipped.byId.has(template.id)) {
      return {
        ok: false,
        problems: [{ path: '$.id', message: `"${template.id}" is the id of a shipped template` }],
      }
    }
    await mkdir(this.customDir, { recursive: true })
    await writeFileAtomic(join(this.customDir, `${template.id}.json`), serializeTemplate(template))
    return { ok: true, template }
  }

  private async readDir(dir: string | null): Promise<TemplateRegistry> {
    if (!dir) return createTemplateRegistry([])
    let names: string[]
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()
    } catch {
      return createTemplateRegistry([])
    }
    const sources: TemplateSourceText[] = []
    const rejected: { name: string; problems: TemplateProblem[] }[] = []
    for (const name of names) {
      const r = await readTemplateFile(join(dir, name))
      if (r.ok) sources.push({ name, text: r.text })
      else rejected.push({ name, problems: [r.problem] })
    }
    const reg = createTemplateRegistry(sources)
    return { ...reg, rejected: [...rejected, ...reg.rejected] }
  }
}
