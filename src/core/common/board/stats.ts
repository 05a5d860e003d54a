import type * as Y from 'yjs'
import { readSession } from '../export/readDoc'
import { DOC_KEYS } from './docSchema'
import { selectCards } from './records'

/** The counts the Sessions view shows: valid cards on the board and registered participants. */
export function boardStats(doc: Y.Doc): { cardCount: number; participantCount: number } {
  return {
    cardCount: selectCards(readSession(doc).records).cards.length,
    participantCount: doc.getMap(DOC_KEYS.participants).size,
  }
}
