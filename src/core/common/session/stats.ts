import type * as Y from 'yjs'
import { selectCards } from '../cards/cardRecord'
import { participantCount, readRecords } from './read'

/** The counts the Sessions view shows: valid cards on the board and registered participants. */
export function boardStats(doc: Y.Doc): { cardCount: number; participantCount: number } {
  return {
    cardCount: selectCards(readRecords(doc)).cards.length,
    participantCount: participantCount(doc),
  }
}
