import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { readJoinLink } from './guest/joinLink'
import { PhoneApp } from './guest/phone/PhoneApp'
import { DeviceLanguage } from './device/i18n'
import { boardViewUrl, pickView } from './guest/phone/screenChoice'
import './workbench/theme.css'
import './guest/guest.css'

/**
 * The participant page (participant.html): what a join link opens. Phones get the participant screen;
 * wider screens go on to the full canvas (index.html) unless the person picked this screen. Nothing here
 * imports tldraw or the workbench (ADR 0036; the bundle budget is checked by bench/phoneJoin.bench.ts).
 */
const link = readJoinLink()
if (!link) {
  window.location.replace('/')
} else if (
  link.sessionId &&
  pickView(new URLSearchParams(window.location.search), window.screen) === 'board'
) {
  window.location.replace(boardViewUrl(link.sessionId))
} else {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <DeviceLanguage>
        <PhoneApp link={link} />
      </DeviceLanguage>
    </StrictMode>,
  )
}
