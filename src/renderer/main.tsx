import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { pickHost } from './host'
import { readJoinCodePage, readJoinLink } from './guest/joinLink'
import { Workbench } from './workbench/Workbench'
import { FEATURES } from './features'
import { DeviceLanguage } from './device/i18n'
import './workbench/theme.css'
import './workbench/workbench.css'
import './workbench/palette.css'
import './workbench/controls.css'
import { uiT as t } from './device/i18n/uiT'

const root = createRoot(document.getElementById('root')!)
// A guest join link (`?join=<sessionId>&token=…`) opens the guest app, which has no app API.
const join = readJoinLink()
// The join-code page (`/join`, `/?code=…`) for guests who cannot scan the QR code.
const codePage = join ? null : readJoinCodePage()
if (codePage) {
  void import('./guest/JoinCodeScreen').then(({ JoinCodeScreen }) =>
    root.render(
      <StrictMode>
        <DeviceLanguage>
          <JoinCodeScreen initialCode={codePage.code} />
        </DeviceLanguage>
      </StrictMode>,
    ),
  )
} else if (join) {
  void import('./guest/GuestApp').then(({ GuestApp }) =>
    root.render(
      <StrictMode>
        <DeviceLanguage>
          <GuestApp link={join} />
        </DeviceLanguage>
      </StrictMode>,
    ),
  )
} else {
  const host = pickHost()
  if ('error' in host) {
    root.render(
      <main className="fatal">
        <h1>{t('app.name')}</h1>
        <p role="alert">{host.error}</p>
      </main>,
    )
  } else {
    root.render(
      <StrictMode>
        <DeviceLanguage>
          <Workbench host={host} features={FEATURES} />
        </DeviceLanguage>
      </StrictMode>,
    )
  }
}
