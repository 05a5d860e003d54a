import { useId } from 'react'
import { useServices } from '../../workbench/context'
import { TOGGLE_TEXT } from './a11yCommands'
import { preferences, usePreferences } from '../../device/preferences'
import { TEXT_SCALES, type A11yPreferences, type TextScale } from '../../device/prefsSchema'
import { useT } from '../../device/i18n'
import type { MessageKey } from '../../../shared/i18n'

const HELP: Record<keyof typeof TOGGLE_TEXT, MessageKey> = {
  highContrast: 'a11y.toggle.highContrast.help',
  reducedMotion: 'a11y.toggle.reducedMotion.help',
  dyslexiaSpacing: 'a11y.toggle.dyslexiaSpacing.help',
  calm: 'a11y.toggle.calm.help',
  easyRead: 'a11y.toggle.easyRead.help',
}

/** Settings › Accessibility: this person's preferences, remembered on this device. */
export function AccessibilitySettings() {
  const { store } = useServices()
  const prefs = usePreferences()
  const t = useT()
  const ids = { title: useId(), size: useId(), sizeHelp: useId() }
  const set = (patch: Partial<A11yPreferences>, text: string) => {
    preferences.set(patch)
    store.announce(text)
  }
  return (
    <section className="fieldset a11y-settings" aria-labelledby={ids.title} data-testid="a11y-settings">
      <h3 id={ids.title} className="section-title">
        {t('a11y.settings.title')}
      </h3>
      <p className="help">{t('a11y.settings.remembered')}</p>
      <label htmlFor={ids.size} className="field-label">
        {t('a11y.textSize.label')}
      </label>
      <select
        id={ids.size}
        className="text-input"
        aria-describedby={ids.sizeHelp}
        value={prefs.textScale}
        onChange={(e) => {
          const v = Number(e.target.value) as TextScale
          set({ textScale: v }, t('a11y.textSize.announce', { size: v }))
        }}
      >
        {TEXT_SCALES.map((s) => (
          <option key={s} value={s}>
            {s}%
          </option>
        ))}
      </select>
      <p id={ids.sizeHelp} className="help">
        {t('a11y.textSize.help')}
      </p>
      {(Object.keys(TOGGLE_TEXT) as (keyof typeof TOGGLE_TEXT)[]).map((key) => (
        <Toggle
          key={key}
          label={t(TOGGLE_TEXT[key].title)}
          help={t(HELP[key])}
          checked={prefs[key]}
          onChange={(on) => set({ [key]: on }, t(on ? TOGGLE_TEXT[key].on : TOGGLE_TEXT[key].off))}
        />
      ))}
    </section>
  )
}

function Toggle(p: { label: string; help: string; checked: boolean; onChange(on: boolean): void }) {
  const id = useId()
  return (
    <div className="a11y-toggle">
      <label className="radio">
        <input
          type="checkbox"
          checked={p.checked}
          aria-describedby={`${id}-help`}
          onChange={(e) => p.onChange(e.target.checked)}
        />
        {p.label}
      </label>
      <p id={`${id}-help`} className="help">
        {p.help}
      </p>
    </div>
  )
}
