import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { BoardStructure } from '../../../shared/model/structure'
import { readStructure } from '../../../core/common/session/read'
import { observeWorkshop, readWorkshopSnapshot, type WorkshopSnapshot } from '../../session/workshop'

/** The board structure and workshop state, re-read from the document whenever they change. */
export function useWorkshop(doc: Y.Doc): { structure: BoardStructure | null; snapshot: WorkshopSnapshot } {
  const [state, setState] = useState(() => ({
    structure: readStructure(doc),
    snapshot: readWorkshopSnapshot(doc),
  }))
  useEffect(() => {
    const read = () => setState({ structure: readStructure(doc), snapshot: readWorkshopSnapshot(doc) })
    read()
    return observeWorkshop(doc, read)
  }, [doc])
  return state
}
