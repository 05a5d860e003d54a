import { useId, useState } from 'react'
import type { AppSettings, ThemeSetting } from '../../../shared/api'
import { useServices } from '../../workbench/context'
import { useWorkbench } from '../../workbench/store'
import { loadIdentity, saveIdentity } from '../../session/identity'

const THEMES: { value: ThemeSetting; label: string }[] = [
  { value: 'system', label: 'Follow my computer' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'high-contrast', label: 'High contrast' },
]

/** Settings: theme, your name on the board, and the tldraw licence key. */
export function SettingsView() {
  const { host, store } = useServices()
  const settings = useWorkbench(store, (s) => s.settings)
  const info = useWorkbench(store, (s) => s.info)
  const [key, setKey] = useState(settings.licenseKey)
  const [identity, setIdentity] = useState(loadIdentity)
  const ids = { name: useId(), key: useId(), keyHelp: useId() }
  // Optimistic: the choice shows at once (a radio must not spring back while the server answers);
  // if saving fails, the previous settings come back and the person is told.
  const save = async (patch: Partial<AppSettings>) => {
    const before = store.get().settings
    store.set({ settings: { ...before, ...patch } })
    const r = await host.call('settings.set', patch)
    if (r.ok) {
      store.set({ settings: r.value })
      store.announce('Settings saved.')
    } else {
      store.set({ settings: before })
      store.notify('error', `Could not save settings: ${r.error.message}`)
    }
  }
  return (
    <div className="view settings-view">
      <fieldset className="fieldset">
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t.value} className="radio">
            <input
              type="radio"
              name="theme"
              value={t.value}
              checked={settings.theme === t.value}
              onChange={() => void save({ theme: t.value })}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
      <form
        className="fieldset"
        onSubmit={(e) => {
          e.preventDefault()
          const next = { ...identity, name: identity.name.trim() }
          saveIdentity(next)
          setIdentity(next)
          store.announce('Your name is saved.')
        }}
      >
        <label htmlFor={ids.name} className="field-label">
          Your name on the board
        </label>
        <input
          id={ids.name}
          className="text-input"
          value={identity.name}
          maxLength={80}
          onChange={(e) => setIdentity({ ...identity, name: e.target.value })}
        />
        <button type="submit" className="button">
          Save name
        </button>
      </form>
      <form
        className="fieldset"
        onSubmit={(e) => {
          e.preventDefault()
          void save({ licenseKey: key.trim() })
        }}
      >
        <label htmlFor={ids.key} className="field-label">
          tldraw licence key (optional)
        </label>
        <p id={ids.keyHelp} className="help">
          The canvas is made with tldraw and shows a small “Made with tldraw” mark. Organisations that buy a
          tldraw licence can enter the key here to remove it.
        </p>
        <input
          id={ids.key}
          className="text-input"
          aria-describedby={ids.keyHelp}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button">
          Save key
        </button>
      </form>
      {info && (
        <p className="muted small">
          {info.name} {info.version} · {info.host === 'electron' ? 'desktop app' : 'in the browser'}
          {info.dataDir ? ` · data: ${info.dataDir}` : ''}
        </p>
      )}
    </div>
  )
}
