import notices from '../../../../THIRD_PARTY_NOTICES.md?raw'
import './notices.css'

/** Third-party notices, including tldraw's licence text, which must ship verbatim with the app. */
export function NoticesPage() {
  return (
    <div className="notices-page">
      <pre tabIndex={0} aria-label="Third-party notices">
        {notices}
      </pre>
    </div>
  )
}
