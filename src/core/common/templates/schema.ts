import { z } from 'zod'
import { CardKind } from '../../../shared/model/cardKinds'
import { STRUCTURE_LIMITS, StructureSize } from '../../../shared/model/structure'
import { SEED_LABELS } from './seeds'
import { multiLine, multiLineRequired, singleLine } from '../text/fields'
import { Language } from '../../../shared/i18n/languages'
import { TemplateTranslations, unknownTranslationIds } from './translations'

/** The template file format (docs/formats/template.md). Version 1. */
export const TEMPLATE_FORMAT_VERSION = 1

export const TEMPLATE_LIMITS = {
  /** A template file may hold at most this many bytes (UTF-8). */
  maxBytes: 1024 * 1024,
  /** JSON nesting deeper than this is rejected before anything else is read. */
  maxDepth: 32,
  /** No JSON array in a template may be longer than this (the schema's own limits are lower). */
  maxArrayLength: 1000,
  /** No JSON object in a template may hold more keys than this. */
  maxObjectKeys: 200,
  maxStages: STRUCTURE_LIMITS.maxStages,
  maxLanes: STRUCTURE_LIMITS.maxLanes,
  maxZones: STRUCTURE_LIMITS.maxZones,
  maxActivities: 100,
  maxSources: 10,
  maxDurationMinutes: 480,
  labelMax: STRUCTURE_LIMITS.labelMax,
  promptMax: STRUCTURE_LIMITS.promptMax,
  nameMax: 120,
  purposeMax: 1000,
  titleMax: 200,
  instructionsMax: 2000,
  contentNoteMax: 1000,
  citationMax: 1000,
  /** Zone positions are relative to the template's origin, from 0 to this. */
  zoneCoordMax: 100_000,
} as const

/** Default sizes (board units) used when a template leaves them out. */
export const TEMPLATE_DEFAULTS = {
  stageWidth: 480,
  laneHeight: 340,
  headerHeight: 180,
  laneHeaderWidth: 300,
  zoneWidth: 640,
  zoneHeight: 480,
} as const

/** Ids that could clash with JavaScript object internals if a consumer uses ids as object keys. */
const RESERVED_IDS = new Set(['constructor', 'prototype'])

export const TemplateId = z
  .string()
  .min(1)
  .max(STRUCTURE_LIMITS.idMax)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, starting with a letter or digit')
  .refine((s) => !RESERVED_IDS.has(s), 'this id is reserved; choose another')

const ZoneCoord = z.number().finite().min(0).max(TEMPLATE_LIMITS.zoneCoordMax)

const itemShape = {
  id: TemplateId,
  label: singleLine(TEMPLATE_LIMITS.labelMax),
  /** What we ask people, in plain words. May be '' (then the label speaks for itself). */
  prompt: multiLine(TEMPLATE_LIMITS.promptMax),
  /** Easy-read version of the prompt: short sentences, common words. Required when prompt is not ''. */
  easyRead: multiLine(TEMPLATE_LIMITS.promptMax),
  /** Card kinds this stage, lane or zone expects (hints for the composer and exports). */
  kinds: z.array(CardKind).max(7),
  /** The kind the card composer starts with here (a lane's wins over a stage's in a grid cell). */
  suggestedKind: CardKind.optional(),
}

export const TemplateStage = z.strictObject({ ...itemShape, width: StructureSize.optional() })
export const TemplateLane = z.strictObject({ ...itemShape, height: StructureSize.optional() })
export const TemplateZone = z.strictObject({
  ...itemShape,
  x: ZoneCoord,
  y: ZoneCoord,
  w: StructureSize.optional(),
  h: StructureSize.optional(),
})
export type TemplateStage = z.infer<typeof TemplateStage>
export type TemplateLane = z.infer<typeof TemplateLane>
export type TemplateZone = z.infer<typeof TemplateZone>

export const TemplateGrid = z.strictObject({
  type: z.literal('grid'),
  headerHeight: StructureSize.optional(),
  laneHeaderWidth: StructureSize.optional(),
  stages: z.array(TemplateStage).min(1).max(TEMPLATE_LIMITS.maxStages),
  lanes: z.array(TemplateLane).min(1).max(TEMPLATE_LIMITS.maxLanes),
})
export const TemplateZones = z.strictObject({
  type: z.literal('zones'),
  zones: z.array(TemplateZone).min(1).max(TEMPLATE_LIMITS.maxZones),
})
export const TemplateStructure = z.discriminatedUnion('type', [TemplateGrid, TemplateZones])
export type TemplateGrid = z.infer<typeof TemplateGrid>
export type TemplateZones = z.infer<typeof TemplateZones>
export type TemplateStructure = z.infer<typeof TemplateStructure>

export const TemplateActivity = z.strictObject({
  id: TemplateId,
  title: singleLine(TEMPLATE_LIMITS.titleMax),
  durationMinutes: z.number().finite().min(0).max(TEMPLATE_LIMITS.maxDurationMinutes),
  instructions: multiLine(TEMPLATE_LIMITS.instructionsMax),
  /** Private writing: new cards stay on their author's device until the facilitator reveals them. */
  private: z.boolean().default(false),
  /** Shown before the activity starts, for sensitive topics. */
  contentNote: multiLine(TEMPLATE_LIMITS.contentNoteMax).default(''),
  /** A stage, lane or zone id where the simple composer puts new cards during this activity. */
  targetId: TemplateId.nullable().default(null),
})
export type TemplateActivity = z.infer<typeof TemplateActivity>

export const TemplateSource = z.strictObject({
  /** Which seed document (see domain-digest.md); left out for sources outside the seeds. */
  seed: z.enum(SEED_LABELS).optional(),
  title: singleLine(300),
  /** Where in the document: section, table, box or case study. */
  location: multiLine(300).default(''),
  /** Full citation text. */
  citation: multiLineRequired(TEMPLATE_LIMITS.citationMax),
})
export type TemplateSource = z.infer<typeof TemplateSource>

export const TemplateFramework = z.strictObject({
  name: singleLine(200),
  /** Framework numbers in domain-digest.md §2 (e.g. "F15"), for provenance. */
  refs: z.array(singleLine(20)).max(20).default([]),
  sources: z.array(TemplateSource).max(TEMPLATE_LIMITS.maxSources).default([]),
})
export type TemplateFramework = z.infer<typeof TemplateFramework>

const IdList = z.array(TemplateId).max(TEMPLATE_LIMITS.maxStages + TEMPLATE_LIMITS.maxLanes)

/** How exports should read the board. Every id names a stage, lane or zone of this template. */
export const TemplateExportHints = z.strictObject({
  /** Cards here are pains, barriers, risks or concerns. */
  painIds: IdList.default([]),
  /** Cards here are things that work, evidence or benefits. */
  gainIds: IdList.default([]),
  /** Cards here are contributions, assets, offers or commitments. */
  contributionIds: IdList.default([]),
  /** Cards here are ideas or proposals. */
  ideaIds: IdList.default([]),
  /** Card kinds that form the action plan. */
  actionPlanKinds: z.array(CardKind).max(7).default(['action']),
  /** Stages, lanes or zones whose cards all belong in the action plan, whatever their kind. */
  actionPlanIds: IdList.default([]),
  /** The axis reports group by first. */
  primaryAxis: z.enum(['stages', 'lanes', 'zones']).optional(),
  /** One or two plain sentences on what the export is for. */
  summary: multiLine(600).default(''),
})
export type TemplateExportHints = z.infer<typeof TemplateExportHints>

const EXPORT_HINT_DEFAULTS: TemplateExportHints = {
  painIds: [],
  gainIds: [],
  contributionIds: [],
  ideaIds: [],
  actionPlanKinds: ['action'],
  actionPlanIds: [],
  summary: '',
}

const TemplateObject = z.strictObject({
  /** Lets editors find the JSON Schema; ignored otherwise. */
  $schema: z.string().max(500).optional(),
  formatVersion: z.literal(TEMPLATE_FORMAT_VERSION),
  id: TemplateId,
  name: singleLine(TEMPLATE_LIMITS.nameMax),
  /** What the template is for, in plain language. */
  purpose: multiLineRequired(TEMPLATE_LIMITS.purposeMax),
  /** Easy-read version of the purpose. */
  purposeEasyRead: multiLine(TEMPLATE_LIMITS.purposeMax).default(''),
  framework: TemplateFramework,
  /** The whole workshop, in minutes. */
  durationMinutes: z.number().int().min(5).max(TEMPLATE_LIMITS.maxDurationMinutes),
  /** A note shown before the workshop starts, when its topic may be sensitive. */
  contentNote: multiLine(TEMPLATE_LIMITS.contentNoteMax).default(''),
  structure: TemplateStructure,
  agenda: z.array(TemplateActivity).max(TEMPLATE_LIMITS.maxActivities),
  exportHints: TemplateExportHints.default(EXPORT_HINT_DEFAULTS),
  /** The language the template's texts are written in (English when left out). */
  language: Language.default('en'),
  /** The same texts in other languages (translations.ts; docs/formats/template.md, "Languages"). */
  translations: TemplateTranslations.default({}),
})

type TemplateShape = z.infer<typeof TemplateObject>

/** The template schema: field rules plus the rules that span fields (unique ids, references). */
export const Template = TemplateObject.superRefine((t, ctx) => checkCrossFieldRules(t, ctx))
export type Template = z.infer<typeof Template>
/** What an author writes (defaults not yet applied). */
export type TemplateInput = z.input<typeof Template>

type ItemPath = (string | number)[]

interface ItemAt {
  readonly item: z.infer<typeof TemplateStage> | z.infer<typeof TemplateLane> | z.infer<typeof TemplateZone>
  readonly path: ItemPath
}

export function structureItems(s: TemplateStructure): ItemAt[] {
  if (s.type === 'grid')
    return [
      ...s.stages.map((item, i) => ({ item, path: ['structure', 'stages', i] })),
      ...s.lanes.map((item, i) => ({ item, path: ['structure', 'lanes', i] })),
    ]
  return s.zones.map((item, i) => ({ item, path: ['structure', 'zones', i] }))
}

function checkCrossFieldRules(t: TemplateShape, ctx: z.RefinementCtx): void {
  const items = structureItems(t.structure)
  const seen = new Map<string, ItemPath>()
  for (const { item, path } of items) {
    const first = seen.get(item.id)
    if (first)
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'id'],
        message: `duplicate id "${item.id}" (already used at ${formatPath([...first, 'id'])}); ids of stages, lanes and zones must all differ`,
      })
    else seen.set(item.id, path)
    if (item.prompt.trim() !== '' && item.easyRead.trim() === '')
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'easyRead'],
        message: 'needs an easy-read version of the prompt (short sentences, common words)',
      })
    const kinds = new Set<string>()
    item.kinds.forEach((k, i) => {
      if (kinds.has(k))
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'kinds', i],
          message: `card kind "${k}" is listed twice`,
        })
      kinds.add(k)
    })
  }
  const activityIds = new Set<string>()
  t.agenda.forEach((a, i) => {
    if (activityIds.has(a.id))
      ctx.addIssue({ code: 'custom', path: ['agenda', i, 'id'], message: `duplicate activity id "${a.id}"` })
    activityIds.add(a.id)
    if (a.targetId !== null && !seen.has(a.targetId))
      ctx.addIssue({
        code: 'custom',
        path: ['agenda', i, 'targetId'],
        message: `"${a.targetId}" is not the id of a stage, lane or zone in this template`,
      })
  })
  const hints = t.exportHints
  for (const key of ['painIds', 'gainIds', 'contributionIds', 'ideaIds', 'actionPlanIds'] as const) {
    hints[key].forEach((id, i) => {
      if (!seen.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['exportHints', key, i],
          message: `"${id}" is not the id of a stage, lane or zone in this template`,
        })
    })
  }
  for (const [lang, tr] of Object.entries(t.translations)) {
    if (lang === t.language)
      ctx.addIssue({
        code: 'custom',
        path: ['translations', lang],
        message: `the template is written in "${lang}"; a translation into its own language is not needed`,
      })
    if (tr)
      for (const u of unknownTranslationIds(t, tr))
        ctx.addIssue({
          code: 'custom',
          path: ['translations', lang, u.kind, u.id],
          message: `"${u.id}" is not the id of ${u.kind === 'items' ? 'a stage, lane or zone' : 'an activity'} in this template`,
        })
  }
  if (hints.primaryAxis === 'zones' && t.structure.type === 'grid')
    ctx.addIssue({ code: 'custom', path: ['exportHints', 'primaryAxis'], message: 'a grid has no zones' })
  if (hints.primaryAxis !== undefined && hints.primaryAxis !== 'zones' && t.structure.type === 'zones')
    ctx.addIssue({
      code: 'custom',
      path: ['exportHints', 'primaryAxis'],
      message: 'a zone layout has no stages or lanes',
    })
}

/** A JSON path like `$.structure.stages[2].label` (keys that are not plain names are quoted). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '$'
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`
    else if (typeof p === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p)) out += `.${p}`
    else out += `[${JSON.stringify(String(p))}]`
  }
  return out
}
