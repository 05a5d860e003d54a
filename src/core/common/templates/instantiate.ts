import type { BoardStructure, GridStructure, ZoneStructure } from '../../../shared/model/structure'
import type { Activity, Agenda } from '../facilitation/schema'
import { TEMPLATE_DEFAULTS, type Template, type TemplateActivity, type TemplateStructure } from './schema'

export interface Point {
  readonly x: number
  readonly y: number
}

export interface InstantiateOptions {
  /** Where the structure's top-left corner goes on the board (default 0, 0). */
  readonly origin?: Point
}

export interface Instance {
  readonly structure: BoardStructure
  readonly agenda: Agenda
}

/** The largest |origin| accepted: keeps every instantiated coordinate inside the board's limits. */
export const MAX_ORIGIN = 500_000

/**
 * Lays a (validated) template out on the board: stage columns left to right and lane rows top to
 * bottom from `origin`, with the lane headers on the left and stage headers on top; or the zones at
 * their positions relative to `origin`. Missing sizes take TEMPLATE_DEFAULTS. The agenda's
 * activities start not yet begun (currentIndex -1).
 */
export function instantiateTemplate(template: Template, options: InstantiateOptions = {}): Instance {
  const origin = options.origin ?? { x: 0, y: 0 }
  if (!isOrigin(origin)) throw new RangeError(`origin must be finite and within ±${MAX_ORIGIN}`)
  return {
    structure: instantiateStructure(template.structure, origin),
    agenda: { activities: template.agenda.map(toActivity), currentIndex: -1 },
  }
}

function isOrigin(p: Point): boolean {
  return (
    Number.isFinite(p.x) && Number.isFinite(p.y) && Math.abs(p.x) <= MAX_ORIGIN && Math.abs(p.y) <= MAX_ORIGIN
  )
}

export function instantiateStructure(s: TemplateStructure, origin: Point): BoardStructure {
  if (s.type === 'grid') {
    const grid: GridStructure = {
      type: 'grid',
      x: origin.x,
      y: origin.y,
      headerHeight: s.headerHeight ?? TEMPLATE_DEFAULTS.headerHeight,
      laneHeaderWidth: s.laneHeaderWidth ?? TEMPLATE_DEFAULTS.laneHeaderWidth,
      stages: s.stages.map((st) => ({
        id: st.id,
        label: st.label,
        prompt: st.prompt,
        easyRead: st.easyRead,
        kinds: [...st.kinds],
        ...(st.suggestedKind ? { suggestedKind: st.suggestedKind } : {}),
        width: st.width ?? TEMPLATE_DEFAULTS.stageWidth,
      })),
      lanes: s.lanes.map((l) => ({
        id: l.id,
        label: l.label,
        prompt: l.prompt,
        easyRead: l.easyRead,
        kinds: [...l.kinds],
        ...(l.suggestedKind ? { suggestedKind: l.suggestedKind } : {}),
        height: l.height ?? TEMPLATE_DEFAULTS.laneHeight,
      })),
    }
    return grid
  }
  const zones: ZoneStructure = {
    type: 'zones',
    zones: s.zones.map((z) => ({
      id: z.id,
      label: z.label,
      prompt: z.prompt,
      easyRead: z.easyRead,
      kinds: [...z.kinds],
      ...(z.suggestedKind ? { suggestedKind: z.suggestedKind } : {}),
      x: origin.x + z.x,
      y: origin.y + z.y,
      w: z.w ?? TEMPLATE_DEFAULTS.zoneWidth,
      h: z.h ?? TEMPLATE_DEFAULTS.zoneHeight,
    })),
  }
  return zones
}

function toActivity(a: TemplateActivity): Activity {
  return {
    id: a.id,
    title: a.title,
    durationMs: Math.round(a.durationMinutes * 60_000),
    instructions: a.instructions,
    private: a.private,
    contentNote: a.contentNote,
    targetId: a.targetId,
  }
}
