import type * as Y from 'yjs'
import { readActivity, type ActivityEntry } from '../../core/common/session/activity'
import { readTrash, type TrashEntry } from '../../core/common/session/trash'
import { restoreComment } from '../../core/common/session/comments'
import type { StructureEdit } from '../../core/common/structure/edits'
import type { SessionBoard } from './BoardSession'
import { useDocValue } from './useDoc'
import { uiT } from '../device/i18n/uiT'

/**
 * The board trash and the activity log as the renderer uses them (the Trash view, the outline): read
 * from the session document, which the relay keeps (ADR 0041); restoring goes through the board, so it
 * is undoable and the relay logs it.
 */

/** What is in the trash, most recently deleted first (re-read at most every 300 ms). */
export function useTrash(doc: Y.Doc | null): TrashEntry[] {
  return useDocValue(doc, readTrash, [], 300) ?? []
}

/** The activity log, newest first (re-read at most every 500 ms). */
export function useActivity(doc: Y.Doc | null): ActivityEntry[] {
  return useDocValue(doc, (d) => readActivity(d).reverse(), [], 500) ?? []
}

/**
 * Puts an entry back: a card with its id, place and author; a stage or lane where it stood, a zone as
 * it was. Returns a sentence for the announcer (what happened, or why not).
 */
export function restoreEntry(board: SessionBoard, entry: TrashEntry): { ok: boolean; message: string } {
  if (entry.kind === 'card') {
    const ok = board.cards.restore(entry.record)
    return ok
      ? { ok, message: uiT('trash.restored.card') }
      : {
          ok,
          message: uiT('trash.notRestored.card'),
        }
  }
  if (entry.kind === 'comment') {
    const ok = board.identity.sessionRole !== 'observer' && restoreComment(board.doc, entry.comment)
    return ok
      ? { ok, message: uiT('trash.restored.comment') }
      : { ok, message: uiT('trash.notRestored.comment') }
  }
  if (!board.canEditStructure()) return { ok: false, message: uiT('trash.notRestored.facilitatorOnly') }
  const item = entry.item as Record<string, unknown> & { id: string; label: string }
  const common = {
    id: item.id,
    label: item.label,
    prompt: String(item.prompt ?? ''),
    easyRead: String(item.easyRead ?? ''),
    kinds: (item.kinds ?? []) as never[],
  }
  const num = (k: string, d: number) => (typeof item[k] === 'number' ? (item[k] as number) : d)
  const edit: StructureEdit =
    entry.kind === 'stage'
      ? { type: 'addStage', index: entry.index, stage: { ...common, width: num('width', 400) } }
      : entry.kind === 'lane'
        ? { type: 'addLane', index: entry.index, lane: { ...common, height: num('height', 300) } }
        : {
            type: 'addZone',
            zone: { ...common, x: num('x', 0), y: num('y', 0), w: num('w', 400), h: num('h', 300) },
          }
  const r = board.editStructure(edit)
  return r.ok
    ? { ok: true, message: uiT('trash.restored.structure', { kind: entry.kind, label: String(item.label) }) }
    : { ok: false, message: uiT('trash.notRestored.structure', { kind: entry.kind, reason: r.message }) }
}
