import { Language, LANGUAGES } from '../../../shared/i18n/languages'
import type { Template, TemplateActivity, TemplateStage } from './schema'
import type { TemplateTranslation } from './translations'

/**
 * Reading a template in a language (translations.ts holds the format): which languages it has, what a
 * translation lacks (`copro templates check`), and the template with its texts in one language.
 */
type Item = Pick<TemplateStage, 'id' | 'label' | 'prompt' | 'easyRead'>

function items(t: Pick<Template, 'structure'>): Item[] {
  return t.structure.type === 'grid' ? [...t.structure.stages, ...t.structure.lanes] : t.structure.zones
}

/** The languages a template can be read in: its own first, then its translations. */
export function templateLanguages(t: Pick<Template, 'language' | 'translations'>): Language[] {
  const own = t.language
  return [own, ...Language.options.filter((l) => l !== own && t.translations[l] !== undefined)]
}

/** One text a translation lacks: where it is (a JSON path) and the text in the template's own language. */
export interface MissingText {
  readonly path: string
  readonly source: string
}

/**
 * What a translation into `lang` lacks: every non-empty text of the template with no text in `lang`
 * (nothing when `lang` is the template's own language).
 */
export function missingTexts(t: Template, lang: Language): MissingText[] {
  if (lang === t.language) return []
  const tr = t.translations[lang] ?? {}
  const out: MissingText[] = []
  const need = (path: string, source: string, have: string | undefined): void => {
    if (source.trim() !== '' && (have === undefined || have.trim() === '')) out.push({ path, source })
  }
  need('name', t.name, tr.name)
  need('purpose', t.purpose, tr.purpose)
  need('purposeEasyRead', t.purposeEasyRead, tr.purposeEasyRead)
  need('contentNote', t.contentNote, tr.contentNote)
  need('frameworkName', t.framework.name, tr.frameworkName)
  need('exportSummary', t.exportHints.summary, tr.exportSummary)
  for (const it of items(t)) {
    const x = tr.items?.[it.id]
    need(`items.${it.id}.label`, it.label, x?.label)
    need(`items.${it.id}.prompt`, it.prompt, x?.prompt)
    need(`items.${it.id}.easyRead`, it.easyRead, x?.easyRead)
  }
  for (const a of t.agenda) {
    const x = tr.activities?.[a.id]
    need(`activities.${a.id}.title`, a.title, x?.title)
    need(`activities.${a.id}.instructions`, a.instructions, x?.instructions)
    need(`activities.${a.id}.contentNote`, a.contentNote, x?.contentNote)
  }
  return out
}

const pick = (own: string, tr: string | undefined): string =>
  tr !== undefined && tr.trim() !== '' ? tr : own

function localizeItem<T extends Item>(it: T, tr: TemplateTranslation): T {
  const x = tr.items?.[it.id]
  if (!x) return it
  return {
    ...it,
    label: pick(it.label, x.label),
    prompt: pick(it.prompt, x.prompt),
    easyRead: pick(it.easyRead, x.easyRead),
  }
}

function localizeActivity(a: TemplateActivity, tr: TemplateTranslation): TemplateActivity {
  const x = tr.activities?.[a.id]
  if (!x) return a
  return {
    ...a,
    title: pick(a.title, x.title),
    instructions: pick(a.instructions, x.instructions),
    contentNote: pick(a.contentNote, x.contentNote),
  }
}

/**
 * The template as read in `lang`: every text that has a translation uses it, the rest stays in the
 * template's own language. The result's `language` says which language it mostly reads in.
 */
export function localizeTemplate(t: Template, lang: Language): Template {
  const tr = lang === t.language ? undefined : t.translations[lang]
  if (!tr) return t
  const s = t.structure
  const structure =
    s.type === 'grid'
      ? {
          ...s,
          stages: s.stages.map((x) => localizeItem(x, tr)),
          lanes: s.lanes.map((x) => localizeItem(x, tr)),
        }
      : { ...s, zones: s.zones.map((x) => localizeItem(x, tr)) }
  return {
    ...t,
    language: lang,
    name: pick(t.name, tr.name),
    purpose: pick(t.purpose, tr.purpose),
    purposeEasyRead: pick(t.purposeEasyRead, tr.purposeEasyRead),
    contentNote: pick(t.contentNote, tr.contentNote),
    framework: { ...t.framework, name: pick(t.framework.name, tr.frameworkName) },
    exportHints: { ...t.exportHints, summary: pick(t.exportHints.summary, tr.exportSummary) },
    structure,
    agenda: t.agenda.map((a) => localizeActivity(a, tr)),
  }
}

/** A language's name in English, for messages such as "missing Welsh (cy)". */
export function languageLabel(lang: Language): string {
  const l = LANGUAGES.find((x) => x.code === lang)
  return l ? `${l.englishName} (${lang})` : lang
}
