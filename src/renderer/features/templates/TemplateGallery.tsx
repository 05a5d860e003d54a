import { useRef, useState } from 'react'
import { useServices } from '../../workbench/context'
import { createAndOpenSession } from '../../workbench/sessionActions'
import { useStructureDisplay } from '../../device/displayOptions'
import { TemplateThumbnail } from './TemplateThumbnail'
import { describeLayout, formatDuration, type GalleryEntry } from './useTemplates'
import { useLocale, useT } from '../../device/i18n'
import { Language, LANGUAGES } from '../../../shared/i18n'
import { localizeTemplate } from '../../../core/common/templates/localize'
import { uiDateLocale } from '../../device/i18n/uiT'

/** Session title for a session made from a template: its name and today's date. */
export function templateSessionTitle(name: string, now = new Date()): string {
  const date = now.toLocaleDateString(uiDateLocale(), { day: 'numeric', month: 'short', year: 'numeric' })
  return `${name} – ${date}`.slice(0, 200)
}

/**
 * The template gallery: one card per template with a thumbnail, purpose, framework and duration.
 * Keyboard: Tab reaches each "Use this template" button; Up/Down (and Home/End) move between them.
 */
export function TemplateGallery({ entries }: { entries: readonly GalleryEntry[] }) {
  const services = useServices()
  const [busy, setBusy] = useState<string | null>(null)
  const list = useRef<HTMLUListElement>(null)
  const { easyRead } = useStructureDisplay()
  const t = useT()
  // the cards read in the reader's language; a new session is made in the language chosen here
  const uiLanguage = Language.catch('en').parse(useLocale().locale)
  const [sessionLanguage, setSessionLanguage] = useState<Language>(
    LANGUAGES.some((l) => l.code === uiLanguage && l.complete) ? uiLanguage : 'en',
  )

  const use = async (e: GalleryEntry) => {
    if (busy) return
    setBusy(e.template.id)
    try {
      const name = localizeTemplate(e.template, sessionLanguage).name
      const id = await createAndOpenSession(
        services,
        templateSessionTitle(name),
        e.template.id,
        sessionLanguage,
      )
      if (id) services.store.announce(t('templates.gallery.created', { name }))
    } finally {
      setBusy(null)
    }
  }

  const onKeyDown = (ev: React.KeyboardEvent<HTMLUListElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(ev.key)) return
    const buttons = [
      ...(list.current?.querySelectorAll<HTMLButtonElement>('button[data-template-use]') ?? []),
    ]
    if (buttons.length === 0) return
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next =
      ev.key === 'Home'
        ? 0
        : ev.key === 'End'
          ? buttons.length - 1
          : i < 0
            ? 0
            : Math.min(buttons.length - 1, Math.max(0, i + (ev.key === 'ArrowDown' ? 1 : -1)))
    ev.preventDefault()
    buttons[next]!.focus()
    buttons[next]!.scrollIntoView({ block: 'nearest' })
  }

  if (entries.length === 0) return <p className="muted">{t('templates.gallery.none')}</p>
  return (
    <>
      <label className="field-label">
        {t('templates.gallery.sessionLanguage')}{' '}
        <select
          data-testid="template-session-language"
          value={sessionLanguage}
          onChange={(ev) => setSessionLanguage(Language.catch('en').parse(ev.target.value))}
        >
          {LANGUAGES.filter((l) => l.complete).map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <ul
        ref={list}
        className="template-gallery"
        aria-label={t('templates.gallery.label')}
        data-testid="template-gallery"
        onKeyDown={onKeyDown}
      >
        {entries.map((e) => {
          const tpl = localizeTemplate(e.template, uiLanguage)
          const layout = describeLayout(e.summary, t)
          const descId = `template-desc-${tpl.id}`
          return (
            <li key={tpl.id} className="template-card" data-template-id={tpl.id}>
              <TemplateThumbnail preview={e.preview} label={t('templates.gallery.layoutOf', { layout })} />
              <h4 className="template-card__name" dir="auto">
                {tpl.name}
              </h4>
              <p className="template-card__purpose" id={descId} dir="auto">
                {easyRead && tpl.purposeEasyRead ? tpl.purposeEasyRead : tpl.purpose}
              </p>
              <dl className="template-card__facts">
                <dt>{t('templates.gallery.framework')}</dt>
                <dd dir="auto">{tpl.framework.name}</dd>
                <dt>{t('templates.gallery.duration')}</dt>
                <dd>{formatDuration(tpl.durationMinutes, t)}</dd>
                <dt>{t('templates.gallery.layout')}</dt>
                <dd>{layout}</dd>
                {e.source === 'custom' && (
                  <>
                    <dt>{t('templates.gallery.source')}</dt>
                    <dd>{t('templates.gallery.yours')}</dd>
                  </>
                )}
              </dl>
              <button
                type="button"
                className="button primary"
                data-template-use={tpl.id}
                aria-label={t('templates.gallery.useLabel', { name: tpl.name })}
                aria-describedby={descId}
                aria-disabled={busy !== null}
                onClick={() => void use(e)}
              >
                {busy === tpl.id ? t('templates.gallery.creating') : t('templates.gallery.use')}
              </button>
            </li>
          )
        })}
      </ul>
    </>
  )
}
