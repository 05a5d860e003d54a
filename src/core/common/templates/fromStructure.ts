import type { CardKind } from '../../../shared/model/cardKinds'
import type { BoardStructure } from '../../../shared/model/structure'
import type { Agenda } from '../facilitation/schema'
import { validateTemplate } from './parse'
import type { TemplateProblem } from './result'
import {
  TEMPLATE_FORMAT_VERSION,
  TemplateId,
  type Template,
  type TemplateExportHints,
  type TemplateFramework,
  type TemplateInput,
} from './schema'
import type { Point } from './instantiate'

export interface TemplateMeta {
  readonly id: string
  readonly name: string
  readonly purpose: string
  readonly purposeEasyRead?: string
  readonly framework?: TemplateFramework
  /** Defaults to the agenda's total, rounded up to whole minutes (at least 5). */
  readonly durationMinutes?: number
  readonly contentNote?: string
  readonly exportHints?: Partial<TemplateExportHints>
}

export type StructureToTemplateResult =
  | {
      readonly ok: true
      readonly template: Template
      /** Things changed on the way, in plain words (e.g. an activity pointing at a removed stage). */
      readonly notes: readonly string[]
    }
  | { readonly ok: false; readonly problems: readonly TemplateProblem[] }

const CUSTOM_FRAMEWORK: TemplateFramework = { name: 'Custom (saved from a board)', refs: [], sources: [] }

/** The top-left corner a structure is laid out from: instantiating at it reproduces the structure. */
export function structureOrigin(structure: BoardStructure): Point {
  if (structure.type === 'grid') return { x: structure.x, y: structure.y }
  return {
    x: Math.min(...structure.zones.map((z) => z.x)),
    y: Math.min(...structure.zones.map((z) => z.y)),
  }
}

/**
 * "Save board structure as template": the live structure and agenda become a template that
 * instantiates back to the same structure (at structureOrigin). Sizes are written out in full.
 * The result is validated like any template file, so a board whose text the template format does
 * not allow (e.g. a control character in a label) gives problems instead of a broken file.
 * Activity ids that are not template ids are renumbered (`activity-1`, …); an activity target that
 * no longer exists on the board becomes null. Both are reported in `notes`.
 */
export function structureToTemplate(
  structure: BoardStructure,
  agenda: Agenda,
  meta: TemplateMeta,
): StructureToTemplateResult {
  const notes: string[] = []
  const origin = structureOrigin(structure)
  const ids = new Set<string>(
    structure.type === 'grid'
      ? [...structure.stages.map((s) => s.id), ...structure.lanes.map((l) => l.id)]
      : structure.zones.map((z) => z.id),
  )
  const item = (x: {
    id: string
    label: string
    prompt: string
    easyRead: string
    kinds: readonly CardKind[]
    suggestedKind?: CardKind
  }) => ({
    id: x.id,
    label: x.label,
    prompt: x.prompt,
    easyRead: x.easyRead,
    kinds: [...x.kinds],
    ...(x.suggestedKind ? { suggestedKind: x.suggestedKind } : {}),
  })
  const templateStructure =
    structure.type === 'grid'
      ? {
          type: 'grid' as const,
          headerHeight: structure.headerHeight,
          laneHeaderWidth: structure.laneHeaderWidth,
          stages: structure.stages.map((s) => ({ ...item(s), width: s.width })),
          lanes: structure.lanes.map((l) => ({ ...item(l), height: l.height })),
        }
      : {
          type: 'zones' as const,
          zones: structure.zones.map((z) => ({
            ...item(z),
            x: z.x - origin.x,
            y: z.y - origin.y,
            w: z.w,
            h: z.h,
          })),
        }

  const usedActivityIds = new Set<string>()
  const activities = agenda.activities.map((a, i) => {
    let id = a.id
    if (!TemplateId.safeParse(id).success || usedActivityIds.has(id)) {
      let n = i + 1
      while (usedActivityIds.has(`activity-${n}`)) n++
      id = `activity-${n}`
      notes.push(`Activity "${a.title}" was given the id "${id}".`)
    }
    usedActivityIds.add(id)
    let targetId = a.targetId
    if (targetId !== null && !ids.has(targetId)) {
      notes.push(
        `Activity "${a.title}" pointed at "${targetId}", which is no longer on the board; it now has no target.`,
      )
      targetId = null
    }
    return {
      id,
      title: a.title,
      durationMinutes: a.durationMs / 60_000,
      instructions: a.instructions,
      private: a.private,
      contentNote: a.contentNote,
      targetId,
    }
  })

  const totalMinutes = Math.ceil(activities.reduce((sum, a) => sum + a.durationMinutes, 0))
  const hints = meta.exportHints ?? {}
  const keepKnown = (list: readonly string[] | undefined, key: string): string[] => {
    const kept = (list ?? []).filter((id) => ids.has(id))
    if (kept.length !== (list ?? []).length)
      notes.push(`Export hint ${key} lost ids that are no longer on the board.`)
    return kept
  }
  const input: TemplateInput = {
    formatVersion: TEMPLATE_FORMAT_VERSION,
    id: meta.id,
    name: meta.name,
    purpose: meta.purpose,
    purposeEasyRead: meta.purposeEasyRead ?? '',
    framework: meta.framework ?? CUSTOM_FRAMEWORK,
    durationMinutes: meta.durationMinutes ?? Math.min(480, Math.max(5, totalMinutes)),
    contentNote: meta.contentNote ?? '',
    structure: templateStructure,
    agenda: activities,
    exportHints: {
      painIds: keepKnown(hints.painIds, 'painIds'),
      gainIds: keepKnown(hints.gainIds, 'gainIds'),
      contributionIds: keepKnown(hints.contributionIds, 'contributionIds'),
      ideaIds: keepKnown(hints.ideaIds, 'ideaIds'),
      actionPlanKinds: [...(hints.actionPlanKinds ?? ['action'])],
      actionPlanIds: keepKnown(hints.actionPlanIds, 'actionPlanIds'),
      ...(hints.primaryAxis && (hints.primaryAxis === 'zones') === (structure.type === 'zones')
        ? { primaryAxis: hints.primaryAxis }
        : {}),
      summary: hints.summary ?? '',
    },
  }
  const result = validateTemplate(input)
  return result.ok ? { ok: true, template: result.template, notes } : result
}

/** The template as it is written to a file: stable key order, two-space indent, final newline. */
export function serializeTemplate(template: Template): string {
  return `${JSON.stringify(template, null, 2)}\n`
}
