import { useId, useRef, useState } from 'react'

/** A link in a read-only text box with a Copy button (falls back to selecting the text). */
export function CopyLink({ label, url, testId }: { label: string; url: string; testId: string }) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [said, setSaid] = useState('')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setSaid('Copied.')
    } catch {
      input.current?.focus()
      input.current?.select()
      setSaid('Selected: press Ctrl+C (or ⌘C) to copy.')
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
          Copy
        </button>
      </div>
      <p className="help" role="status">
        {said}
      </p>
    </div>
  )
}
