import {
  createTLSchema,
  createTLStore,
  defaultBindingSchemas,
  defaultShapeSchemas,
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import { cardShapeProps } from './cardSchema'

/**
 * The board's tldraw schema without React: default shapes and bindings plus the card. The editor builds
 * the same schema from its shape utils (a test checks the two serialize identically).
 */
export function createBoardSchema() {
  return createTLSchema({
    shapes: { ...defaultShapeSchemas, [CARD_SHAPE_TYPE]: { props: cardShapeProps } },
    bindings: defaultBindingSchemas,
  })
}

/** A headless store for Node (tests, benchmarks, exports). */
export function createBoardStore(): TLStore {
  return createTLStore({ schema: createBoardSchema() })
}

/** The id of the single page every board uses. */
export const BOARD_PAGE_ID = PageRecordType.createId('page')

/** The two records a fresh board needs: the document and its page. */
export function initialBoardRecords(): TLRecord[] {
  return [
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({ id: BOARD_PAGE_ID, name: 'Board', index: 'a1' as never }),
  ]
}
