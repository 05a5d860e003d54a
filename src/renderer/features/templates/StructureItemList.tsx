import { useEffect, useId, useRef, useState } from 'react'
import type { BoardStructure } from '../../../shared/model/structure'
import type { StructureEdit } from '../../../core/common/structure/edits'
import type { SessionBoard } from '../../session/BoardSession'
import { useServices } from '../../workbench/context'
import { AddItem } from './AddStructureItem'
import { ItemForm } from './StructureItemForm'
import { sizeOf, type Kind, type SizedItem } from './structureItem'
import { useT } from '../../device/i18n'

function useApply(board: SessionBoard) {
  const { store } = useServices()
  const t = useT()
  return (edit: StructureEdit, done: string): boolean => {
    const r = board.editStructure(edit)
    if (!r.ok) {
      store.notify('error', t('templates.structure.changeFailed', { error: r.message }))
      return false
    }
    const moved = r.moves.length - r.displaced.length
    let text = done
    if (moved > 0) text += ` ${t('templates.structure.cardsMoved', { count: moved })}`
    if (r.displaced.length > 0) {
      const n = r.displaced.length
      text += ` ${t('templates.structure.cardsDisplaced', { count: n })}`
      store.notify('info', text)
    } else store.announce(text)
    return true
  }
}

/** One section of the editor (stages, lanes or zones): a row per item with its actions, then the add form. */
export function ItemList({
  kind,
  items,
  structure,
  board,
}: {
  kind: Kind
  items: readonly SizedItem[]
  structure: BoardStructure
  board: SessionBoard
}) {
  const apply = useApply(board)
  const t = useT()
  const [editing, setEditingState] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const listRef = useRef<HTMLOListElement>(null)
  const returnFocusTo = useRef<string | null>(null)
  const setEditing = (id: string | null) => {
    if (id === null) returnFocusTo.current = editing
    setEditingState(id)
  }
  useEffect(() => {
    const id = returnFocusTo.current
    if (editing !== null || id === null) return
    returnFocusTo.current = null
    const item = [...(listRef.current?.children ?? [])].find(
      (el) => (el as HTMLElement).dataset.structureItem === id,
    )
    item?.querySelector<HTMLButtonElement>('button')?.focus()
  }, [editing])
  const headingId = useId()
  const move = (id: string, toIndex: number, label: string, dir: 'up' | 'down') =>
    apply(
      kind === 'stage' ? { type: 'moveStage', id, toIndex } : { type: 'moveLane', id, toIndex },
      t('templates.structure.moved', { label, dir }),
    )
  const remove = (id: string, label: string) => {
    const edit: StructureEdit =
      kind === 'stage'
        ? { type: 'removeStage', id }
        : kind === 'lane'
          ? { type: 'removeLane', id }
          : { type: 'removeZone', id }
    if (apply(edit, t('templates.structure.removed', { kind, label }))) heading.current?.focus()
  }
  return (
    <section className="structure-section" aria-labelledby={headingId}>
      <h4 id={headingId} ref={heading} tabIndex={-1} className="structure-heading">
        {t('templates.structure.heading', { kind })}
      </h4>
      <ol ref={listRef} className="structure-list" data-testid={`structure-${kind}s`}>
        {items.map((item, i) => (
          <li key={item.id} className="structure-item" data-structure-item={item.id}>
            {editing === item.id ? (
              <ItemForm
                kind={kind}
                initial={{ ...item, ...sizeOf(kind, item) }}
                submitText={t('templates.item.save')}
                onCancel={() => setEditing(null)}
                onSubmit={(v) => {
                  let ok = true
                  if (v.label !== item.label)
                    ok = apply(
                      { type: 'rename', id: item.id, label: v.label },
                      t('templates.structure.renamed', { label: v.label }),
                    )
                  if (ok && (v.prompt !== item.prompt || v.easyRead !== item.easyRead))
                    ok = apply(
                      { type: 'editText', id: item.id, prompt: v.prompt, easyRead: v.easyRead },
                      t('templates.structure.promptUpdated', { label: v.label }),
                    )
                  const before = sizeOf(kind, item)
                  if (ok && (v.w !== before.w || v.h !== before.h || v.x !== before.x || v.y !== before.y)) {
                    const resize: StructureEdit | null =
                      kind === 'stage' && v.w !== undefined
                        ? { type: 'resizeStage', id: item.id, width: v.w }
                        : kind === 'lane' && v.h !== undefined
                          ? { type: 'resizeLane', id: item.id, height: v.h }
                          : kind === 'zone' && v.w !== undefined && v.h !== undefined
                            ? {
                                type: 'setZoneRect',
                                id: item.id,
                                x: v.x ?? item.x!,
                                y: v.y ?? item.y!,
                                w: v.w,
                                h: v.h,
                              }
                            : null
                    if (resize) ok = apply(resize, t('templates.structure.resized', { label: v.label }))
                  }
                  if (ok) setEditing(null)
                }}
              />
            ) : (
              <>
                <span className="structure-item__label" dir="auto">
                  {item.label}
                </span>
                {item.prompt && (
                  <span className="structure-item__prompt" dir="auto">
                    {item.prompt}
                  </span>
                )}
                <span className="row-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('templates.item.editLabel', { label: item.label })}
                    onClick={() => setEditing(item.id)}
                  >
                    {t('templates.item.edit')}
                  </button>
                  {kind !== 'zone' && (
                    <>
                      <button
                        type="button"
                        className="button small"
                        aria-label={t('templates.item.upLabel', { label: item.label })}
                        aria-disabled={i === 0}
                        onClick={() => i > 0 && move(item.id, i - 1, item.label, 'up')}
                      >
                        {t('templates.item.up')}
                      </button>
                      <button
                        type="button"
                        className="button small"
                        aria-label={t('templates.item.downLabel', { label: item.label })}
                        aria-disabled={i === items.length - 1}
                        onClick={() => i < items.length - 1 && move(item.id, i + 1, item.label, 'down')}
                      >
                        {t('templates.item.down')}
                      </button>
                    </>
                  )}
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('templates.item.removeLabel', { label: item.label })}
                    aria-disabled={items.length <= 1}
                    onClick={() => items.length > 1 && remove(item.id, item.label)}
                  >
                    {t('templates.item.remove')}
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
      <AddItem kind={kind} items={items} structure={structure} apply={apply} />
    </section>
  )
}
