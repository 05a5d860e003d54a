import { useEffect, useRef } from 'react'
import type { ShareLinks } from '../../../shared/api'
import { JoinCodeHint } from './JoinCodeHint'
import { QrCode } from './QrCode'
import { useT } from '../../device/i18n'

/**
 * The join QR code filling the window, for a projector: as large as the smaller side of the screen
 * allows, with the link in large type underneath. Escape or "Close" returns to where you were.
 */
export function QrFullScreen({
  url,
  title,
  links,
  onClose,
}: {
  url: string
  title: string
  /** For the join code under the link. */
  links?: ShareLinks
  onClose(): void
}) {
  const close = useRef<HTMLButtonElement>(null)
  const t = useT()
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null
    close.current?.focus()
    return () => before?.focus?.()
  }, [])
  return (
    <div
      className="share-full"
      role="dialog"
      aria-modal="true"
      aria-labelledby="share-full-title"
      data-testid="share-qr-full"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          onClose()
        } else if (e.key === 'Tab') {
          e.preventDefault() // one control: focus stays on Close
          close.current?.focus()
        }
      }}
    >
      <h2 id="share-full-title" className="share-full__title">
        {t('share.full.title', { title })}
      </h2>
      <QrCode
        text={url}
        alt={t('share.full.alt', { url })}
        className="share-full__qr"
        testId="share-qr-full-image"
      />
      <p className="share-full__url" data-testid="share-qr-full-url">
        {url}
      </p>
      {links && <JoinCodeHint links={links} className="share-full__code" />}
      <button ref={close} type="button" className="share-full__close" onClick={onClose}>
        {t('share.full.close')}
      </button>
    </div>
  )
}
