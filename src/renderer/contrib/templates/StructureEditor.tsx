import { useEffect, useId, useRef, useState } from 'react'
import type { BoardStructure, StructureItem } from '../../../shared/model/structure'
import { structureBounds } from '../../../core/common/board/attribution'
import type { StructureEdit } from '../../../core/common/board/structureEdits'
import { TEMPLATE_DEFAULTS } from '../../../core/common/templates'
import { useStructure } from '../../board/structure/useStructure'
import type { ActiveBoardApi } from '../../workbench/activeBoard'
import { useServices } from '../../workbench/context'
import { idFromLabel, structureIds } from './structureIds'

type Kind = 'stage' | 'lane' | 'zone'
const PLURAL: Record<Kind, string> = { stage: 'Stages', lane: 'Lanes', zone: 'Zones' }

/**
 * "Board structure": the open board's stages and lanes (or zones). Facilitators can add, rename,
 * reorder and remove them and edit their prompts; cards move so they stay in their cells.
 */
export function StructureEditor({ board }: { board: ActiveBoardApi }) {
  const structure = useStructure(board.doc)
  const canEdit = board.canEditStructure()
  const { store } = useServices()
  return (
    <div className="structure-editor" data-testid="structure-editor">
      {structure && (
        <div className="view-actions">
          <button type="button" className="button small" onClick={() => board.zoomToStructure()}>
            Show the whole structure
          </button>
          {canEdit && board.structureUndoDepth() > 0 && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                const r = board.undoStructureEdit()
                if (!r.ok) store.notify('error', `Could not undo: ${r.message}`)
                else store.announce('Undid the last structure change.')
              }}
            >
              Undo last structure change
            </button>
          )}
        </div>
      )}
      {!structure ? (
        <p className="muted">
          This board has no stages, lanes or zones. Start a session from a template to get them.
        </p>
      ) : !canEdit ? (
        <>
          <p className="muted">Only facilitators can change the board structure.</p>
          <Summary structure={structure} />
        </>
      ) : structure.type === 'grid' ? (
        <>
          <ItemList kind="stage" items={structure.stages} structure={structure} board={board} />
          <ItemList kind="lane" items={structure.lanes} structure={structure} board={board} />
        </>
      ) : (
        <ItemList kind="zone" items={structure.zones} structure={structure} board={board} />
      )}
    </div>
  )
}

function Summary({ structure }: { structure: BoardStructure }) {
  const items = structure.type === 'grid' ? [...structure.stages, ...structure.lanes] : structure.zones
  return (
    <ul className="structure-list">
      {items.map((x) => (
        <li key={x.id}>{x.label}</li>
      ))}
    </ul>
  )
}

function useApply(board: ActiveBoardApi) {
  const { store } = useServices()
  return (edit: StructureEdit, done: string): boolean => {
    const r = board.editStructure(edit)
    if (!r.ok) {
      store.notify('error', `Could not change the board structure: ${r.message}`)
      return false
    }
    const moved = r.moves.length - r.displaced.length
    let text = done
    if (moved > 0) text += ` ${moved} card${moved === 1 ? '' : 's'} moved to stay in their cells.`
    if (r.displaced.length > 0) {
      const n = r.displaced.length
      text += ` ${n} card${n === 1 ? ' was' : 's were'} moved beside the board because their place was removed.`
      store.notify('info', text)
    } else store.announce(text)
    return true
  }
}

function ItemList({
  kind,
  items,
  structure,
  board,
}: {
  kind: Kind
  items: readonly SizedItem[]
  structure: BoardStructure
  board: ActiveBoardApi
}) {
  const apply = useApply(board)
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
  const cap = kind === 'stage' ? 'Stage' : kind === 'lane' ? 'Lane' : 'Zone'
  const move = (id: string, toIndex: number, label: string, dir: string) =>
    apply(
      kind === 'stage' ? { type: 'moveStage', id, toIndex } : { type: 'moveLane', id, toIndex },
      `Moved “${label}” ${dir}.`,
    )
  const remove = (id: string, label: string) => {
    const edit: StructureEdit =
      kind === 'stage'
        ? { type: 'removeStage', id }
        : kind === 'lane'
          ? { type: 'removeLane', id }
          : { type: 'removeZone', id }
    if (apply(edit, `Removed ${kind} “${label}”.`)) heading.current?.focus()
  }
  return (
    <section className="structure-section" aria-labelledby={headingId}>
      <h4 id={headingId} ref={heading} tabIndex={-1} className="structure-heading">
        {PLURAL[kind]}
      </h4>
      <ol ref={listRef} className="structure-list" data-testid={`structure-${kind}s`}>
        {items.map((item, i) => (
          <li key={item.id} className="structure-item" data-structure-item={item.id}>
            {editing === item.id ? (
              <ItemForm
                kind={kind}
                initial={{ ...item, ...sizeOf(kind, item) }}
                submitText="Save"
                onCancel={() => setEditing(null)}
                onSubmit={(v) => {
                  let ok = true
                  if (v.label !== item.label)
                    ok = apply({ type: 'rename', id: item.id, label: v.label }, `Renamed to “${v.label}”.`)
                  if (ok && (v.prompt !== item.prompt || v.easyRead !== item.easyRead))
                    ok = apply(
                      { type: 'editText', id: item.id, prompt: v.prompt, easyRead: v.easyRead },
                      `Updated the prompt of “${v.label}”.`,
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
                    if (resize) ok = apply(resize, `Resized or moved “${v.label}”.`)
                  }
                  if (ok) setEditing(null)
                }}
              />
            ) : (
              <>
                <span className="structure-item__label">{item.label}</span>
                {item.prompt && <span className="structure-item__prompt">{item.prompt}</span>}
                <span className="row-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Edit: ${item.label}`}
                    onClick={() => setEditing(item.id)}
                  >
                    Edit
                  </button>
                  {kind !== 'zone' && (
                    <>
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Move up: ${item.label}`}
                        aria-disabled={i === 0}
                        onClick={() => i > 0 && move(item.id, i - 1, item.label, 'up')}
                      >
                        Move up
                      </button>
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Move down: ${item.label}`}
                        aria-disabled={i === items.length - 1}
                        onClick={() => i < items.length - 1 && move(item.id, i + 1, item.label, 'down')}
                      >
                        Move down
                      </button>
                    </>
                  )}
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Remove: ${item.label}`}
                    aria-disabled={items.length <= 1}
                    onClick={() => items.length > 1 && remove(item.id, item.label)}
                  >
                    Remove
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
      <AddItem kind={kind} cap={cap} items={items} structure={structure} apply={apply} />
    </section>
  )
}

interface ItemValues {
  label: string
  prompt: string
  easyRead: string
  /** Width (stages, zones) and height (lanes, zones) in board units, when the form edits sizes. */
  w?: number
  h?: number
  /** Zones: top-left corner on the board. */
  x?: number
  y?: number
}

type SizedItem = StructureItem & {
  width?: number
  height?: number
  x?: number
  y?: number
  w?: number
  h?: number
}

const SIZE_MIN = 40
const SIZE_MAX = 20000
const COORD_MAX = 1_000_000

function sizeOf(kind: Kind, item: SizedItem): { w?: number; h?: number; x?: number; y?: number } {
  if (kind === 'stage') return { w: item.width }
  if (kind === 'lane') return { h: item.height }
  return { w: item.w, h: item.h, x: item.x, y: item.y }
}

function ItemForm({
  kind,
  initial,
  submitText,
  onSubmit,
  onCancel,
  children,
}: {
  kind: Kind
  initial: ItemValues
  submitText: string
  onSubmit: (v: ItemValues) => void
  onCancel?: () => void
  children?: React.ReactNode
}) {
  const [v, setV] = useState<ItemValues>({
    label: initial.label,
    prompt: initial.prompt,
    easyRead: initial.easyRead,
    w: initial.w,
    h: initial.h,
    x: initial.x,
    y: initial.y,
  })
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  return (
    <form
      className="structure-form"
      onSubmit={(e) => {
        e.preventDefault()
        const label = v.label.trim()
        if (!label) return setError('Give it a name.')
        setError(null)
        const prompt = v.prompt.trim()
        // templates need an easy-read text for every prompt; the prompt stands in until one is written
        for (const n of [v.w, v.h])
          if (n !== undefined && !(Number.isFinite(n) && n >= SIZE_MIN && n <= SIZE_MAX))
            return setError(`Sizes go from ${SIZE_MIN} to ${SIZE_MAX}.`)
        for (const n of [v.x, v.y])
          if (n !== undefined && !(Number.isFinite(n) && Math.abs(n) <= COORD_MAX))
            return setError(`Positions go from -${COORD_MAX} to ${COORD_MAX}.`)
        onSubmit({ label, prompt, easyRead: v.easyRead.trim() || prompt, w: v.w, h: v.h, x: v.x, y: v.y })
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) {
          e.preventDefault()
          onCancel()
        }
      }}
    >
      <label className="field-label" htmlFor={`${id}-label`}>
        Name of the {kind}
      </label>
      <input
        id={`${id}-label`}
        className="text-input"
        value={v.label}
        maxLength={120}
        autoFocus={!!onCancel}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setV({ ...v, label: e.target.value })}
      />
      {error && (
        <p id={`${id}-error`} className="help structure-error" role="alert">
          {error}
        </p>
      )}
      <label className="field-label" htmlFor={`${id}-prompt`}>
        Prompt (what we ask people)
      </label>
      <textarea
        id={`${id}-prompt`}
        className="text-input"
        rows={2}
        maxLength={600}
        value={v.prompt}
        onChange={(e) => setV({ ...v, prompt: e.target.value })}
      />
      <label className="field-label" htmlFor={`${id}-easy`}>
        Easy-read prompt
      </label>
      <textarea
        id={`${id}-easy`}
        aria-describedby={`${id}-easy-help`}
        className="text-input"
        rows={2}
        maxLength={600}
        value={v.easyRead}
        onChange={(e) => setV({ ...v, easyRead: e.target.value })}
      />
      <p id={`${id}-easy-help`} className="help">
        Short sentences and everyday words. Left empty, the prompt is used.
      </p>
      {initial.w !== undefined && (
        <>
          <label className="field-label" htmlFor={`${id}-w`}>
            Width (board units)
          </label>
          <input
            id={`${id}-w`}
            className="text-input"
            type="number"
            min={SIZE_MIN}
            max={SIZE_MAX}
            step={10}
            value={v.w ?? ''}
            onChange={(e) => setV({ ...v, w: e.target.valueAsNumber })}
          />
        </>
      )}
      {initial.h !== undefined && (
        <>
          <label className="field-label" htmlFor={`${id}-h`}>
            Height (board units)
          </label>
          <input
            id={`${id}-h`}
            className="text-input"
            type="number"
            min={SIZE_MIN}
            max={SIZE_MAX}
            step={10}
            value={v.h ?? ''}
            onChange={(e) => setV({ ...v, h: e.target.valueAsNumber })}
          />
        </>
      )}
      {initial.x !== undefined && initial.y !== undefined && (
        <>
          <label className="field-label" htmlFor={`${id}-x`}>
            Left edge (board units)
          </label>
          <input
            id={`${id}-x`}
            className="text-input"
            type="number"
            step={10}
            value={v.x ?? ''}
            onChange={(e) => setV({ ...v, x: e.target.valueAsNumber })}
          />
          <label className="field-label" htmlFor={`${id}-y`}>
            Top edge (board units)
          </label>
          <input
            id={`${id}-y`}
            className="text-input"
            type="number"
            step={10}
            value={v.y ?? ''}
            onChange={(e) => setV({ ...v, y: e.target.valueAsNumber })}
          />
        </>
      )}
      {children}
      <span className="row-actions">
        <button type="submit" className="button small primary">
          {submitText}
        </button>
        {onCancel && (
          <button type="button" className="button small" onClick={onCancel}>
            Cancel
          </button>
        )}
      </span>
    </form>
  )
}

function AddItem({
  kind,
  cap,
  items,
  structure,
  apply,
}: {
  kind: Kind
  cap: string
  items: readonly StructureItem[]
  structure: BoardStructure
  apply: (edit: StructureEdit, done: string) => boolean
}) {
  const [open, setOpen] = useState(false)
  const [position, setPosition] = useState<number>(items.length)
  const [formKey, setFormKey] = useState(0)
  const posId = useId()
  const toggle = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(false)
  useEffect(() => {
    if (!open && wasOpen.current) toggle.current?.focus()
    wasOpen.current = open
  }, [open])
  if (!open)
    return (
      <button
        ref={toggle}
        type="button"
        className="button small"
        data-testid={`structure-add-${kind}`}
        onClick={() => {
          setPosition(items.length)
          setOpen(true)
        }}
      >
        Add {kind}…
      </button>
    )
  const add = (v: ItemValues) => {
    const id = idFromLabel(v.label, structureIds(structure), kind)
    const item = { id, label: v.label, prompt: v.prompt, easyRead: v.easyRead, kinds: [] }
    const index = Math.min(position, items.length)
    let edit: StructureEdit
    if (kind === 'stage')
      edit = { type: 'addStage', index, stage: { ...item, width: TEMPLATE_DEFAULTS.stageWidth } }
    else if (kind === 'lane')
      edit = { type: 'addLane', index, lane: { ...item, height: TEMPLATE_DEFAULTS.laneHeight } }
    else {
      const b = structureBounds(structure)
      edit = {
        type: 'addZone',
        zone: {
          ...item,
          x: b.x + b.w + 80,
          y: b.y,
          w: TEMPLATE_DEFAULTS.zoneWidth,
          h: TEMPLATE_DEFAULTS.zoneHeight,
        },
      }
    }
    if (apply(edit, `Added ${kind} “${v.label}”.`)) {
      setFormKey((k) => k + 1)
      setOpen(false)
    }
  }
  return (
    <div className="structure-add" aria-label={`Add a ${kind}`} role="group">
      <ItemForm
        key={formKey}
        kind={kind}
        initial={{ label: '', prompt: '', easyRead: '' }}
        submitText={`Add ${kind}`}
        onSubmit={add}
        onCancel={() => setOpen(false)}
      >
        {kind !== 'zone' && (
          <>
            <label className="field-label" htmlFor={posId}>
              Where
            </label>
            <select
              id={posId}
              className="text-input"
              value={position}
              onChange={(e) => setPosition(Number(e.target.value))}
            >
              {items.map((x, i) => (
                <option key={x.id} value={i}>
                  Before “{x.label}”
                </option>
              ))}
              <option value={items.length}>At the end</option>
            </select>
          </>
        )}
      </ItemForm>
      <p className="help">{cap}s you add start empty; cards already on the board stay in their cells.</p>
    </div>
  )
}
