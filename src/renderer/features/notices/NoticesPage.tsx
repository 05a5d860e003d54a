import notices from '../../../../THIRD_PARTY_NOTICES.md?raw'
import './notices.css'
import { useT } from '../../device/i18n'

/** Third-party notices, including tldraw's licence text, which must ship verbatim with the app. */
export function NoticesPage() {
  const t = useT()
  return (
    <div className="notices-page">
      <pre tabIndex={0} aria-label={t('notices.title')}>
        {notices}
      </pre>
    </div>
  )
}
