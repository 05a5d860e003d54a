import { useId, useState, useSyncExternalStore } from 'react'
import type { AppSettings, ThemeSetting } from '../../../shared/api'
import { useServices } from '../../workbench/context'
import { useWorkbench } from '../../workbench/store'
import { loadIdentity, saveIdentity } from '../../session/identity'
import { useSessionLanguage } from '../../session/useSessionLanguage'
import { LANGUAGES } from '../../../shared/i18n'
import { languageChoice, systemLanguage, useT, type LanguageChoice } from '../../device/i18n'

/** The app's language: following the computer, or one language. */
const LANGUAGE_CHOICES = ['system', ...LANGUAGES.map((l) => l.code)] as LanguageChoice[]

/** The themes (their names: `settings.theme.<value>`). */
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
  const ids = { name: useId(), key: useId(), keyHelp: useId(), lang: useId(), sessionLang: useId() }
  const t = useT()
  const choice = useSyncExternalStore(languageChoice.subscribe, languageChoice.get)
  const session = useSessionLanguage()
  const nameOf = (code: string) => LANGUAGES.find((l) => l.code === code)?.name ?? code
  // Optimistic: the choice shows at once (a radio must not spring back while the server answers);
  // if saving fails, the previous settings come back and the person is told.
  const save = async (patch: Partial<AppSettings>) => {
    const before = store.get().settings
    store.set({ settings: { ...before, ...patch } })
    const r = await host.call('settings.set', patch)
    if (r.ok) {
      store.set({ settings: r.value })
      store.announce(t('settings.saved'))
    } else {
      store.set({ settings: before })
      store.notify('error', t('settings.failed', { message: r.error.message }))
    }
  }
  return (
    <div className="view settings-view">
      <fieldset className="fieldset">
        <legend>{t('settings.theme')}</legend>
        {THEMES.map((th) => (
          <label key={th.value} className="radio">
            <input
              type="radio"
              name="theme"
              value={th.value}
              checked={settings.theme === th.value}
              onChange={() => void save({ theme: th.value })}
            />
            {t(`settings.theme.${th.value}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="fieldset" aria-describedby={ids.lang} data-testid="settings-language">
        <legend>{t('common.language')}</legend>
        <p id={ids.lang} className="help">
          {t('settings.language.hint')}
        </p>
        {LANGUAGE_CHOICES.map((c) => {
          const lang = LANGUAGES.find((l) => l.code === c)
          return (
            <label key={c} className="radio" lang={lang?.code}>
              <input
                type="radio"
                name="app-language"
                value={c}
                checked={choice === c}
                onChange={() => languageChoice.set(c)}
              />
              {c === 'system'
                ? t('settings.language.system', { language: nameOf(systemLanguage()) })
                : lang && !lang.complete
                  ? t('settings.language.partial', { language: lang.name })
                  : nameOf(c)}
            </label>
          )
        })}
      </fieldset>
      {session.set && (
        <fieldset
          className="fieldset"
          aria-describedby={ids.sessionLang}
          data-testid="settings-session-language"
        >
          <legend>{t('session.language.label')}</legend>
          <p id={ids.sessionLang} className="help">
            {t('session.language.hint')}
          </p>
          {LANGUAGES.filter((l) => l.complete).map((l) => (
            <label key={l.code} className="radio" lang={l.code}>
              <input
                type="radio"
                name="session-language"
                value={l.code}
                checked={session.language === l.code}
                onChange={() => session.set?.(l.code)}
              />
              {l.name}
            </label>
          ))}
        </fieldset>
      )}
      <form
        className="fieldset"
        onSubmit={(e) => {
          e.preventDefault()
          const next = { ...identity, name: identity.name.trim() }
          saveIdentity(next)
          setIdentity(next)
          store.announce(t('settings.name.saved'))
        }}
      >
        <label htmlFor={ids.name} className="field-label">
          {t('settings.name.label')}
        </label>
        <input
          id={ids.name}
          className="text-input"
          value={identity.name}
          maxLength={80}
          onChange={(e) => setIdentity({ ...identity, name: e.target.value })}
        />
        <button type="submit" className="button">
          {t('settings.name.save')}
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
          {t('settings.licence.label')}
        </label>
        <p id={ids.keyHelp} className="help">
          {t('settings.licence.help')}
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
          {t('settings.licence.save')}
        </button>
      </form>
      {info && (
        <p className="muted small">
          {info.name} {info.version} ·{' '}
          {info.host === 'electron' ? t('settings.about.electron') : t('settings.about.browser')}
          {info.dataDir ? t('settings.about.data', { dir: info.dataDir }) : ''}
        </p>
      )}
    </div>
  )
}
