import { STRUCTURE_LIMITS, type BoardStructure } from '../../../shared/model/structure'

/** Every stage, lane and zone id in a structure. */
export function structureIds(s: BoardStructure): Set<string> {
  return new Set(
    s.type === 'grid'
      ? [...s.stages.map((x) => x.id), ...s.lanes.map((x) => x.id)]
      : s.zones.map((x) => x.id),
  )
}

/** A stable id from a label ("How it feels" → "how-it-feels"), unique among `taken`. */
export function idFromLabel(label: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || fallback
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`.slice(0, STRUCTURE_LIMITS.idMax)
    if (!taken.has(id)) return id
  }
}
