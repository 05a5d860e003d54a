import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { pickHost } from './host'
import { Workbench } from './workbench/Workbench'
import './workbench/workbench.css'

const root = createRoot(document.getElementById('root')!)
const host = pickHost()
if ('error' in host) {
  root.render(
    <main className="fatal">
      <h1>Copro Studio</h1>
      <p role="alert">{host.error}</p>
    </main>,
  )
} else {
  root.render(
    <StrictMode>
      <Workbench host={host} />
    </StrictMode>,
  )
}
