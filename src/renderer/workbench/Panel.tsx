import { useServices } from './context'
import { useWorkbench } from './store'
import { useT } from '../device/i18n'
import { uiDateLocale } from '../device/i18n/uiT'

/** The bottom panel: a log of what happened (notices, warnings, errors). Toggle with Mod+J. */
export function Panel() {
  const { store } = useServices()
  const t = useT()
  const open = useWorkbench(store, (s) => s.panelOpen)
  const notices = useWorkbench(store, (s) => s.notices)
  if (!open) return null
  return (
    <section className="panel" aria-labelledby="panel-title" data-testid="panel">
      <header className="panel-header">
        <h2 id="panel-title">{t('workbench.panel.title')}</h2>
        <button
          type="button"
          className="icon-button"
          onClick={() => store.set({ panelOpen: false })}
          aria-label={t('workbench.panel.close')}
        >
          ×
        </button>
      </header>
      <ol className="panel-body">
        {notices.length === 0 && <li className="muted">{t('workbench.panel.empty')}</li>}
        {notices.map((n) => (
          <li key={n.id} className={`notice notice-${n.level}`}>
            <time dateTime={new Date(n.at).toISOString()}>
              {new Date(n.at).toLocaleTimeString(uiDateLocale())}
            </time>{' '}
            {n.text}
          </li>
        ))}
      </ol>
    </section>
  )
}
