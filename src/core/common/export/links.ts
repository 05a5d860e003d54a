import { ARROW_SHAPE_TYPE, ArrowBindingRecord } from '../cards/cardRecord'
import type { ExportLink } from './schema'
import { cmp } from '../text/compare'
import { linkKindOf } from '../cards/link'
import type { CardKind } from '../cards/card'

/**
 * Links between cards: tldraw arrows whose start and end are both bound to (surviving) cards.
 * tldraw 3.x stores each bound end as a `binding` record {type:'arrow', fromId: arrow, toId: shape,
 * props.terminal: 'start'|'end'}. Direction is start → end; the kind is on the arrow (cards/link.ts,
 * ADR 0035).
 */
export function findLinks(
  records: readonly unknown[],
  cardKinds: ReadonlyMap<string, CardKind>,
): ExportLink[] {
  const arrows = new Map<string, unknown>()
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const r of records) {
    if (typeof r !== 'object' || r === null) continue
    const rec = r as { typeName?: unknown; type?: unknown; id?: unknown; meta?: unknown }
    if (rec.typeName === 'shape' && rec.type === ARROW_SHAPE_TYPE && typeof rec.id === 'string') {
      arrows.set(rec.id, rec.meta)
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
    const from = cardKinds.get(e.start)
    const to = cardKinds.get(e.end)
    if (!from || !to) continue
    links.push({
      arrowId,
      fromCardId: e.start,
      toCardId: e.end,
      kind: linkKindOf(arrows.get(arrowId), from, to),
    })
  }
  return links.sort((a, b) => cmp(a.arrowId, b.arrowId))
}
