import type { BoardStructure, CellRef } from '../../../shared/model/structure'
import { cardBounds, type CardRecord } from '../cards/cardRecord'
import { attributeCard, cellKey } from '../structure/attribution'
import { cellName } from '../structure/cellLabel'

/**
 * Where "Suggest themes" looks: the whole board, or one cell (grid cell or zone). The scopes of a
 * structure in reading order, and the cards in one.
 */
export interface ThemeScope {
  /** 'board', or a cell key (structure/attribution.ts cellKey). */
  readonly key: string
  readonly label: string
}

export const BOARD_SCOPE: ThemeScope = { key: 'board', label: 'The whole board' }

export function themeScopes(structure: BoardStructure | null): ThemeScope[] {
  const refs: CellRef[] = []
  if (structure?.type === 'grid')
    for (const s of structure.stages)
      for (const l of structure.lanes) refs.push({ type: 'cell', stageId: s.id, laneId: l.id })
  if (structure?.type === 'zones') for (const z of structure.zones) refs.push({ type: 'zone', zoneId: z.id })
  return [BOARD_SCOPE, ...refs.map((r) => ({ key: cellKey(r), label: cellName(structure, r) }))]
}

/** The cards in a scope, in the order given. */
export function cardsInScope(
  structure: BoardStructure | null,
  cards: readonly CardRecord[],
  scopeKey: string,
): CardRecord[] {
  if (scopeKey === BOARD_SCOPE.key) return [...cards]
  return cards.filter((c) => cellKey(attributeCard(structure, cardBounds(c))) === scopeKey)
}
