import { useId } from 'react'
import { useServices } from '../../workbench/context'
import { TOGGLE_TEXT } from './a11yCommands'
import { preferences, usePreferences } from '../../device/preferences'
import { TEXT_SCALES, type A11yPreferences, type TextScale } from '../../device/prefsSchema'

const HELP: Record<keyof typeof TOGGLE_TEXT, string> = {
  highContrast: 'Black background, white text and yellow focus, whatever theme is chosen above.',
  reducedMotion: 'No animations; the canvas jumps instead of gliding.',
  dyslexiaSpacing: 'More space between letters, words and lines.',
  calm: 'Muted colours, no animations, and no cursors of other people on the canvas.',
  easyRead: 'Short sentences and common words for every prompt, in the outline and on the canvas.',
}

/** Settings › Accessibility: this person's preferences, remembered on this device. */
export function AccessibilitySettings() {
  const { store } = useServices()
  const prefs = usePreferences()
  const ids = { title: useId(), size: useId(), sizeHelp: useId() }
  const set = (patch: Partial<A11yPreferences>, text: string) => {
    preferences.set(patch)
    store.announce(text)
  }
  return (
    <section className="fieldset a11y-settings" aria-labelledby={ids.title} data-testid="a11y-settings">
      <h3 id={ids.title} className="section-title">
        Accessibility
      </h3>
      <p className="help">Remembered on this device, for you only.</p>
      <label htmlFor={ids.size} className="field-label">
        Text size
      </label>
      <select
        id={ids.size}
        className="text-input"
        aria-describedby={ids.sizeHelp}
        value={prefs.textScale}
        onChange={(e) => {
          const v = Number(e.target.value) as TextScale
          set({ textScale: v }, `Text size ${v}%.`)
        }}
      >
        {TEXT_SCALES.map((s) => (
          <option key={s} value={s}>
            {s}%
          </option>
        ))}
      </select>
      <p id={ids.sizeHelp} className="help">
        Also Ctrl+Alt+= and Ctrl+Alt+−. On the canvas, zoom with Ctrl and the mouse wheel or + and −.
      </p>
      {(Object.keys(TOGGLE_TEXT) as (keyof typeof TOGGLE_TEXT)[]).map((key) => (
        <Toggle
          key={key}
          label={TOGGLE_TEXT[key].title}
          help={HELP[key]}
          checked={prefs[key]}
          onChange={(on) => set({ [key]: on }, on ? TOGGLE_TEXT[key].on : TOGGLE_TEXT[key].off)}
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
