import { useT } from '../../device/i18n'
import { useEffect, useRef } from 'react'

/**
 * The HTML report shown in a modal dialog, inside an iframe sandboxed with no permissions at all
 * (no scripts, no same-origin access; the report needs neither). Escape or Close returns focus to
 * the button that opened it.
 */
export function ReportPreview({ html, title, onClose }: { html: string; title: string; onClose(): void }) {
  const t = useT()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    const opener = document.activeElement as HTMLElement | null
    if (!d.open) d.showModal()
    return () => opener?.focus()
  }, [])
  return (
    <dialog
      ref={ref}
      className="export-preview"
      aria-labelledby="export-preview-title"
      data-testid="export-preview"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <div className="export-preview-header">
        <h2 id="export-preview-title">{t('export.preview.title', { title })}</h2>
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
      <iframe
        className="export-preview-frame"
        sandbox=""
        srcDoc={html}
        title={t('export.preview.frame', { title })}
      />
    </dialog>
  )
}
