import { ARROW_SHAPE_TYPE, ArrowBindingRecord } from '../cards/cardRecord'
import type { ExportLink } from './schema'
import { cmp } from '../text/compare'

/**
 * Links between cards: tldraw arrows whose start and end are both bound to (surviving) cards.
 * tldraw 3.x stores each bound end as a `binding` record {type:'arrow', fromId: arrow, toId: shape,
 * props.terminal: 'start'|'end'}. Direction is start → end.
 */
export function findLinks(records: readonly unknown[], cardIds: ReadonlySet<string>): ExportLink[] {
  const arrows = new Set<string>()
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const r of records) {
    if (typeof r !== 'object' || r === null) continue
    const rec = r as { typeName?: unknown; type?: unknown; id?: unknown }
    if (rec.typeName === 'shape' && rec.type === ARROW_SHAPE_TYPE && typeof rec.id === 'string') {
      arrows.add(rec.id)
    } else if (rec.typeName === 'binding' && rec.type === 'arrow') {
      const p = ArrowBindingRecord.safeParse(r)
      if (!p.success) continue
      const e = ends.get(p.data.fromId) ?? {}
      e[p.data.props.terminal] = p.data.toId
      ends.set(p.data.fromId, e)
    }
  }
  const links: ExportLink[] = []
  for (const [arrowId, e] of ends) {
    if (!arrows.has(arrowId) || !e.start || !e.end || e.start === e.end) continue
    if (!cardIds.has(e.start) || !cardIds.has(e.end)) continue
    links.push({ arrowId, fromCardId: e.start, toCardId: e.end })
  }
  return links.sort((a, b) => cmp(a.arrowId, b.arrowId))
}
