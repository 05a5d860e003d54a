import { useId, useRef, useState } from 'react'
import { useT } from '../../device/i18n'

/** A link in a read-only text box with a Copy button (falls back to selecting the text). */
export function CopyLink({ label, url, testId }: { label: string; url: string; testId: string }) {
  const id = useId()
  const t = useT()
  const input = useRef<HTMLInputElement>(null)
  const [said, setSaid] = useState('')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setSaid(t('share.link.copied'))
    } catch {
      input.current?.focus()
      input.current?.select()
      setSaid(t('share.link.selected'))
    }
  }
  return (
    <div className="share-link">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="inline-form">
        <input
          id={id}
          ref={input}
          className="text-input share-link__url"
          readOnly
          value={url}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {t('share.link.copy')}
        </button>
      </div>
      <p className="help" role="status">
        {said}
      </p>
    </div>
  )
}
