import { z } from 'zod'
import { Language } from '../../../shared/i18n/languages'
import { multiLine, singleLine } from '../text/fields'

/**
 * A template's text in other languages (docs/formats/template.md, "Languages"; ADR 0045). A template
 * is written in one language (`language`, English when left out); `translations` gives, per other
 * language, the same texts keyed by where they are: the template's own texts, each stage, lane or
 * zone by id, each activity by id. Anything left out reads in the template's own language.
 */
const LIMITS = {
  name: 120,
  purpose: 1000,
  label: 80,
  prompt: 500,
  title: 200,
  instructions: 2000,
  note: 1000,
  summary: 600,
  framework: 200,
} as const

export const ItemTranslation = z.strictObject({
  label: singleLine(LIMITS.label).optional(),
  prompt: multiLine(LIMITS.prompt).optional(),
  easyRead: multiLine(LIMITS.prompt).optional(),
})
export const ActivityTranslation = z.strictObject({
  title: singleLine(LIMITS.title).optional(),
  instructions: multiLine(LIMITS.instructions).optional(),
  contentNote: multiLine(LIMITS.note).optional(),
})
export const TemplateTranslation = z.strictObject({
  name: singleLine(LIMITS.name).optional(),
  purpose: multiLine(LIMITS.purpose).optional(),
  purposeEasyRead: multiLine(LIMITS.purpose).optional(),
  contentNote: multiLine(LIMITS.note).optional(),
  frameworkName: singleLine(LIMITS.framework).optional(),
  exportSummary: multiLine(LIMITS.summary).optional(),
  /** Stages, lanes and zones, by id. */
  items: z.record(z.string().max(64), ItemTranslation).optional(),
  /** Agenda activities, by id. */
  activities: z.record(z.string().max(64), ActivityTranslation).optional(),
})
export type TemplateTranslation = z.infer<typeof TemplateTranslation>
export const TemplateTranslations = z.partialRecord(Language, TemplateTranslation)
export type TemplateTranslations = z.infer<typeof TemplateTranslations>

interface Identified {
  readonly id: string
}
/** The parts of a template's structure a translation refers to. */
export type TranslatableStructure =
  | { readonly type: 'grid'; readonly stages: readonly Identified[]; readonly lanes: readonly Identified[] }
  | { readonly type: 'zones'; readonly zones: readonly Identified[] }

function structureIds(s: TranslatableStructure): string[] {
  return (s.type === 'grid' ? [...s.stages, ...s.lanes] : s.zones).map((x) => x.id)
}

/** Ids a translation names that the template does not have (checked with the template's other cross-field rules). */
export function unknownTranslationIds(
  t: { readonly structure: TranslatableStructure; readonly agenda: readonly { readonly id: string }[] },
  tr: TemplateTranslation,
): { kind: 'items' | 'activities'; id: string }[] {
  const itemIds = new Set(structureIds(t.structure))
  const activityIds = new Set(t.agenda.map((a) => a.id))
  return [
    ...Object.keys(tr.items ?? {})
      .filter((id) => !itemIds.has(id))
      .map((id) => ({ kind: 'items' as const, id })),
    ...Object.keys(tr.activities ?? {})
      .filter((id) => !activityIds.has(id))
      .map((id) => ({ kind: 'activities' as const, id })),
  ]
}
