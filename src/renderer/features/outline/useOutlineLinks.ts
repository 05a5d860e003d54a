import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { CARD_KIND_INFO } from '../../../shared/model/cardKinds'
import type { CardRecord } from '../../../core/common/cards/cardRecord'
import type { SessionBoard } from '../../session/BoardSession'
import type { LinkTarget, OutlineLink } from './OutlineCardLinks'

/**
 * The board's links for the outline, per card, re-read when the document changes (arrows and bindings
 * are not cards). Each card keeps its array while its links read the same, so its item does not
 * re-render.
 */
export function useOutlineLinks(
  board: SessionBoard,
  cards: readonly CardRecord[],
): {
  linksByCard: ReadonlyMap<string, readonly OutlineLink[]>
  linkTargets(cardId: string): LinkTarget[]
} {
  const [docTick, setDocTick] = useState(0)
  useEffect(() => board.cards.subscribe(() => setDocTick((n) => n + 1)), [board])
  const linkCache = useRef(new Map<string, { key: string; links: OutlineLink[] }>())
  const linksByCard = useMemo(() => {
    void docTick
    const label = new Map(cards.map((c) => [c.id, `${CARD_KIND_INFO[c.props.kind].label}: ${c.props.text}`]))
    const per = new Map<string, OutlineLink[]>()
    const push = (id: string, l: OutlineLink) => per.set(id, [...(per.get(id) ?? []), l])
    for (const l of board.links.list()) {
      const a = label.get(l.fromCardId)
      const b = label.get(l.toCardId)
      if (a === undefined || b === undefined) continue
      push(l.fromCardId, { arrowId: l.arrowId, dir: 'to', otherId: l.toCardId, other: b, kind: l.kind })
      push(l.toCardId, { arrowId: l.arrowId, dir: 'from', otherId: l.fromCardId, other: a, kind: l.kind })
    }
    // keep each card's array while its links read the same, so its outline item does not re-render
    const next = new Map<string, { key: string; links: OutlineLink[] }>()
    for (const [id, links] of per) {
      const key = JSON.stringify(links)
      const prev = linkCache.current.get(id)
      next.set(id, prev && prev.key === key ? prev : { key, links })
    }
    linkCache.current = next
    return new Map([...next].map(([id, v]) => [id, v.links]))
  }, [board, cards, docTick])
  const linkTargets = useCallback(
    (id: string): LinkTarget[] =>
      cards
        .filter((c) => c.id !== id)
        .map((c) => ({
          id: c.id,
          kind: c.props.kind,
          label: `${CARD_KIND_INFO[c.props.kind].label}: ${c.props.text}`,
        })),
    [cards],
  )
  return { linksByCard, linkTargets }
}
