import { useId, useState } from 'react'
import type { ItemValues, Kind } from './structureItem'
import { useT } from '../../device/i18n'

const SIZE_MIN = 40
const SIZE_MAX = 20000
const COORD_MAX = 1_000_000

/** The form to add or edit a stage, lane or zone: name, prompts and (when editing) size and position. */
export function ItemForm({
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
  const t = useT()
  return (
    <form
      className="structure-form"
      onSubmit={(e) => {
        e.preventDefault()
        const label = v.label.trim()
        if (!label) return setError(t('templates.item.nameMissing'))
        setError(null)
        const prompt = v.prompt.trim()
        // templates need an easy-read text for every prompt; the prompt stands in until one is written
        for (const n of [v.w, v.h])
          if (n !== undefined && !(Number.isFinite(n) && n >= SIZE_MIN && n <= SIZE_MAX))
            return setError(t('templates.item.sizeRange', { min: SIZE_MIN, max: SIZE_MAX }))
        for (const n of [v.x, v.y])
          if (n !== undefined && !(Number.isFinite(n) && Math.abs(n) <= COORD_MAX))
            return setError(t('templates.item.positionRange', { max: COORD_MAX }))
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
        {t('templates.item.name', { kind })}
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
        {t('templates.item.prompt')}
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
        {t('templates.item.easyRead')}
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
        {t('templates.item.easyReadHelp')}
      </p>
      {initial.w !== undefined && (
        <>
          <label className="field-label" htmlFor={`${id}-w`}>
            {t('templates.item.width')}
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
            {t('templates.item.height')}
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
            {t('templates.item.left')}
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
            {t('templates.item.top')}
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
            {t('common.cancel')}
          </button>
        )}
      </span>
    </form>
  )
}
