import type * as Y from 'yjs'
import type { BoardStructure, CellRef } from '../../../shared/model/structure'
import type { CardKind } from '../../../core/common/cards/card'
import { cardBounds, selectCards } from '../../../core/common/cards/cardRecord'
import { currentActivity } from '../../../core/common/facilitation/agenda'
import type { Activity, Agenda, RevealState, TimerState } from '../../../core/common/facilitation/schema'
import { readAgenda, readReveal, readTimer } from '../../../core/common/facilitation/state'
import { readRecords, readStructure, readWithdrawn } from '../../../core/common/session/read'
import { createAttributor, cellKey } from '../../../core/common/structure/attribution'
import { cellName } from '../../../core/common/structure/cellLabel'
import { readRounds, readShowResults, type VotingRound } from '../../../core/common/voting/round'
import { roundResults, type RoundResults } from '../../../core/common/voting/tally'
import { isEligible } from '../../../core/common/voting/eligibility'

/**
 * What the phone shows, read from the session document in one pass (through the core readers: the
 * phone knows no Y.Doc key). Recomputed when the document changes; every read validates, so a bad
 * value is left out rather than crashing the screen.
 */
export interface PhoneCardView {
  readonly id: string
  readonly kind: CardKind
  readonly text: string
  readonly authorId: string
  readonly authorName: string
  readonly cell: CellRef
  readonly cellKey: string
  readonly createdAt: number
  /** A photo card's image (its asset id), or undefined for a text card. */
  readonly photoId?: string
}

export interface CellChoice {
  readonly ref: CellRef
  readonly key: string
  readonly label: string
}

export interface PhoneSnapshot {
  readonly structure: BoardStructure | null
  readonly agenda: Agenda
  readonly activity: Activity | null
  readonly timer: TimerState
  readonly revealed: RevealState
  /** Cards in reading order: cell by cell (structure order), oldest first within a cell. */
  readonly cards: readonly PhoneCardView[]
  /** Every cell of the structure in reading order (stage by stage, lane by lane; or zone order). */
  readonly cells: readonly CellChoice[]
  /** The open voting round (the latest opened), or null. */
  readonly openRound: VotingRound | null
  /** Ids of the cards that may take dots in the open round. */
  readonly eligible: ReadonlySet<string>
  /** The closed round whose results the facilitator shows, with its results (voting/tally.ts). */
  readonly results: { readonly round: VotingRound; readonly results: RoundResults } | null
  readonly withdrawn: ReadonlySet<string>
}

/** The cells of a structure, in the order a person reads the board. */
export function cellsOf(structure: BoardStructure | null): CellChoice[] {
  if (!structure) return []
  const refs: CellRef[] =
    structure.type === 'zones'
      ? structure.zones.map((z) => ({ type: 'zone', zoneId: z.id }))
      : structure.stages.flatMap((s) =>
          structure.lanes.map((l): CellRef => ({ type: 'cell', stageId: s.id, laneId: l.id })),
        )
  return refs.map((ref) => ({ ref, key: cellKey(ref), label: cellName(structure, ref) }))
}

export function readPhoneSnapshot(doc: Y.Doc): PhoneSnapshot {
  const structure = readStructure(doc)
  const attribute = createAttributor(structure)
  const cells = cellsOf(structure)
  const order = new Map(cells.map((c, i) => [c.key, i]))
  const { cards: records } = selectCards(readRecords(doc))
  const cards = records
    .map((r): PhoneCardView => {
      const cell = attribute(cardBounds(r))
      return {
        id: r.id,
        kind: r.props.kind,
        text: r.props.text,
        authorId: r.props.authorId,
        authorName: r.props.authorName,
        cell,
        cellKey: cellKey(cell),
        createdAt: r.props.createdAt,
        ...(r.props.photo ? { photoId: r.props.photo.assetId } : {}),
      }
    })
    .sort(
      (a, b) =>
        (order.get(a.cellKey) ?? cells.length) - (order.get(b.cellKey) ?? cells.length) ||
        a.createdAt - b.createdAt ||
        (a.id < b.id ? -1 : 1),
    )
  const open = readRounds(doc).filter((r) => r.status === 'open')
  const openRound = open[open.length - 1] ?? null
  const eligible = new Set(
    openRound ? records.filter((r) => isEligible(openRound, r, structure)).map((r) => r.id) : [],
  )
  const agenda = readAgenda(doc)
  const shown = readShowResults(doc)
  const resultsRound = readRounds(doc).find((r) => r.id === shown && r.status === 'closed')
  return {
    structure,
    agenda,
    activity: currentActivity(agenda),
    timer: readTimer(doc),
    revealed: readReveal(doc),
    cards,
    cells,
    openRound,
    eligible,
    results: resultsRound ? { round: resultsRound, results: roundResults(doc, resultsRound.id) } : null,
    withdrawn: readWithdrawn(doc),
  }
}
