import { useId } from 'react'
import { LANGUAGES, type Language } from '../../shared/i18n'
import { languageChoice, useLocale, useT } from '../device/i18n'

/**
 * The guest's language, offered first on the join screen and again in the phone's menu: each language
 * named in itself (English, Cymraeg, العربية), the browser's language preselected, the choice
 * remembered on this device (languageChoice). A `?lang=` in the address is dropped once the person
 * chooses, so their choice wins.
 */
export function LanguagePicker({
  className = 'guest-field guest-langs',
  legendClass,
}: {
  className?: string
  legendClass?: string
}) {
  const t = useT()
  const { locale } = useLocale()
  const hint = useId()
  const choose = (code: Language) => {
    const url = new URL(window.location.href)
    if (url.searchParams.has('lang')) {
      url.searchParams.delete('lang')
      window.history.replaceState(window.history.state, '', url)
    }
    languageChoice.set(code)
  }
  return (
    <fieldset className={className} aria-describedby={hint} data-testid="language-picker">
      <legend className={legendClass}>{t('common.language')}</legend>
      <p id={hint} className="guest-hint">
        {t('language.choose')}
      </p>
      <div className="guest-scales">
        {LANGUAGES.map((l) => (
          <label
            key={l.code}
            lang={l.code}
            dir={l.dir}
            className={`guest-scale${locale === l.code ? ' guest-scale--on' : ''}`}
          >
            <input
              type="radio"
              name="guest-language"
              value={l.code}
              checked={locale === l.code}
              data-testid={`language-${l.code}`}
              onChange={() => choose(l.code)}
            />
            <span>{l.name}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
