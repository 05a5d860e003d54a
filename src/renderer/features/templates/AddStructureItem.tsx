import { useEffect, useId, useRef, useState } from 'react'
import type { BoardStructure, StructureItem } from '../../../shared/model/structure'
import { structureBounds } from '../../../core/common/structure/attribution'
import type { StructureEdit } from '../../../core/common/structure/edits'
import { TEMPLATE_DEFAULTS } from '../../../core/common/templates'
import { ItemForm } from './StructureItemForm'
import { idFromLabel, structureIds } from './structureIds'
import type { ItemValues, Kind } from './structureItem'
import { useT } from '../../device/i18n'

/** The "Add stage…" (lane, zone) button and the form it opens. */
export function AddItem({
  kind,
  items,
  structure,
  apply,
}: {
  kind: Kind
  items: readonly StructureItem[]
  structure: BoardStructure
  apply: (edit: StructureEdit, done: string) => boolean
}) {
  const [open, setOpen] = useState(false)
  const [position, setPosition] = useState<number>(items.length)
  const [formKey, setFormKey] = useState(0)
  const posId = useId()
  const t = useT()
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
        {t('templates.add.open', { kind })}
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
    if (apply(edit, t('templates.add.done', { kind, label: v.label }))) {
      setFormKey((k) => k + 1)
      setOpen(false)
    }
  }
  return (
    <div className="structure-add" aria-label={t('templates.add.group', { kind })} role="group">
      <ItemForm
        key={formKey}
        kind={kind}
        initial={{ label: '', prompt: '', easyRead: '' }}
        submitText={t('templates.add.submit', { kind })}
        onSubmit={add}
        onCancel={() => setOpen(false)}
      >
        {kind !== 'zone' && (
          <>
            <label className="field-label" htmlFor={posId}>
              {t('templates.add.where')}
            </label>
            <select
              id={posId}
              className="text-input"
              value={position}
              onChange={(e) => setPosition(Number(e.target.value))}
            >
              {items.map((x, i) => (
                <option key={x.id} value={i}>
                  {t('templates.add.before', { label: x.label })}
                </option>
              ))}
              <option value={items.length}>{t('templates.add.end')}</option>
            </select>
          </>
        )}
      </ItemForm>
      <p className="help">{t('templates.add.help', { kind })}</p>
    </div>
  )
}
