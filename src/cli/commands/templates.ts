import { basename } from 'node:path'
import { parseTemplate } from '../../core/common/templates/parse'
import { summarizeTemplate } from '../../core/common/templates/registry'
import { formatProblem, type TemplateProblem } from '../../core/common/templates/result'
import type { Template } from '../../core/common/templates/schema'
import { languageLabel, missingTexts } from '../../core/common/templates/localize'
import { Language } from '../../shared/i18n/languages'
import { w } from '../words'
import { loadShippedTemplates, readTemplateFile } from '../../core/node/templates/loadShipped'

export const TEMPLATES_USAGE =
  'copro templates check [--languages cy,en] <file.json...> | copro templates list [--json]'

const HELP_TEXT = (): string => `${w('cli.templates.help.title')}

${w('cli.usageHeading')}
  copro templates check [--languages cy,en] <file.json...>
      ${w('cli.templates.help.check')}
      ${w('cli.templates.help.exit')}
  copro templates list [--json]
      ${w('cli.templates.help.list')}`

export interface TemplatesCommandIo {
  out(s: string): void
  err(s: string): void
}

export async function runTemplatesCommand(args: string[], io: TemplatesCommandIo): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'check':
      return check(rest, io)
    case 'list':
      return list(rest, io)
    case 'help':
    case '--help':
    case '-h':
      io.out(HELP_TEXT())
      return 0
    case undefined:
      io.err(HELP_TEXT())
      return 2
    default:
      io.err(`${w('cli.templates.unknownCommand', { sub })}\n\n${HELP_TEXT()}`)
      return 2
  }
}

async function check(args: string[], io: TemplatesCommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP_TEXT())
    return 0
  }
  const langs = takeLanguages(args, io)
  if (langs === null) return 2
  const { required, files } = langs
  const unknownFlag = files.find((f) => f.startsWith('-'))
  if (unknownFlag) {
    io.err(`${w('cli.unknownOption', { option: unknownFlag })}\n\n${HELP_TEXT()}`)
    return 2
  }
  if (files.length === 0) {
    io.err(`${w('cli.templates.atLeastOne')}\n\n${HELP_TEXT()}`)
    return 2
  }
  let failed = 0
  const idOwners = new Map<string, string>()
  for (const file of files) {
    const problems: TemplateProblem[] = []
    let template: Template | null = null
    const read = await readTemplateFile(file)
    if (!read.ok) problems.push(read.problem)
    else {
      const parsed = parseTemplate(read.text, basename(file))
      if (parsed.ok) template = parsed.template
      else problems.push(...parsed.problems)
    }
    if (template) {
      const owner = idOwners.get(template.id)
      if (owner !== undefined)
        problems.push({
          path: '$.id',
          message: `${owner} already uses the id "${template.id}"; ids must differ`,
        })
      else idOwners.set(template.id, file)
    }
    const langs = template ? languageReport(template, required) : { problems: [], note: '' }
    problems.push(...langs.problems)
    if (problems.length === 0) io.out(`${file}: ok${langs.note ? ` (${langs.note})` : ''}`)
    else {
      failed++
      for (const p of problems) io.out(formatProblem(file, p))
    }
  }
  if (failed > 0) io.err(w('cli.templates.failed', { failed, total: files.length }))
  return failed > 0 ? 1 : 0
}

/** `--languages cy,en`: the languages every file must have; the rest are the files. */
function takeLanguages(
  args: string[],
  io: TemplatesCommandIo,
): { required: Language[]; files: string[] } | null {
  const i = args.indexOf('--languages')
  if (i === -1) return { required: [], files: args }
  const value = args[i + 1] ?? ''
  const required: Language[] = []
  for (const code of value.split(',').filter(Boolean)) {
    const p = Language.safeParse(code.trim())
    if (!p.success) {
      io.err(w('cli.unknownLanguage', { language: code, languages: Language.options.join(', ') }))
      return null
    }
    required.push(p.data)
  }
  if (required.length === 0) {
    io.err(w('cli.templates.languagesList'))
    return null
  }
  return { required, files: [...args.slice(0, i), ...args.slice(i + 2)] }
}

/**
 * The template's languages, for a template that has translations or when --languages asks
 * ("languages: English (en), Welsh (cy): 3 text(s) missing"); a language in `required` with texts
 * missing is a problem naming the paths of the missing texts.
 */
function languageReport(
  t: Template,
  required: readonly Language[],
): { problems: TemplateProblem[]; note: string } {
  const problems: TemplateProblem[] = []
  const notes: string[] = []
  for (const lang of Language.options) {
    const has = lang === t.language || t.translations[lang] !== undefined
    if (!has && !required.includes(lang)) continue
    const missing = missingTexts(t, lang)
    if (missing.length === 0) notes.push(languageLabel(lang))
    else {
      notes.push(`${languageLabel(lang)}: ${missing.length} text(s) missing`)
      if (required.includes(lang))
        problems.push({
          path: `$.translations.${lang}`,
          message: `missing ${languageLabel(lang)}: ${missing
            .slice(0, 8)
            .map((m) => m.path)
            .join(', ')}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''}`,
        })
    }
  }
  const asked = required.length > 0 || Object.keys(t.translations).length > 0
  return { problems, note: asked ? `languages: ${notes.join('; ')}` : '' }
}

async function list(rest: string[], io: TemplatesCommandIo): Promise<number> {
  const json = rest.includes('--json')
  const unknown = rest.find((a) => a !== '--json')
  if (unknown !== undefined) {
    io.err(`${w('cli.unknownOption', { option: unknown })}\n\n${HELP_TEXT()}`)
    return 2
  }
  const registry = await loadShippedTemplates()
  if (!registry) {
    io.err(w('cli.templates.noFolder'))
    return 2
  }
  const summaries = registry.templates.map(summarizeTemplate)
  if (json) io.out(JSON.stringify(summaries, null, 2))
  else {
    const idWidth = Math.max(2, ...summaries.map((s) => s.id.length))
    for (const s of summaries) {
      const layout = s.layout === 'grid' ? `${s.stages} stages × ${s.lanes} lanes` : `${s.zones} zones`
      io.out(`${s.id.padEnd(idWidth)}  ${s.name} (${s.durationMinutes} min, ${layout})`)
    }
  }
  for (const r of registry.rejected) for (const p of r.problems) io.err(formatProblem(r.name, p))
  return registry.rejected.length > 0 ? 1 : 0
}
