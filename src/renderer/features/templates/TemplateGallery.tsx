import { useRef, useState } from 'react'
import { useServices } from '../../workbench/context'
import { createAndOpenSession } from '../../workbench/sessionActions'
import { useStructureDisplay } from '../../device/displayOptions'
import { TemplateThumbnail } from './TemplateThumbnail'
import { describeLayout, formatDuration, type GalleryEntry } from './useTemplates'

/** Session title for a session made from a template: its name and today's date. */
export function templateSessionTitle(name: string, now = new Date()): string {
  const date = now.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
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

  const use = async (e: GalleryEntry) => {
    if (busy) return
    setBusy(e.template.id)
    try {
      const id = await createAndOpenSession(services, templateSessionTitle(e.template.name), e.template.id)
      if (id) services.store.announce(`Created a session from ${e.template.name}.`)
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

  if (entries.length === 0) return <p className="muted">No templates are available.</p>
  return (
    <ul
      ref={list}
      className="template-gallery"
      aria-label="Workshop templates"
      data-testid="template-gallery"
      onKeyDown={onKeyDown}
    >
      {entries.map((e) => {
        const t = e.template
        const layout = describeLayout(e.summary)
        const descId = `template-desc-${t.id}`
        return (
          <li key={t.id} className="template-card" data-template-id={t.id}>
            <TemplateThumbnail preview={e.preview} label={`Layout: ${layout}`} />
            <h4 className="template-card__name">{t.name}</h4>
            <p className="template-card__purpose" id={descId}>
              {easyRead && t.purposeEasyRead ? t.purposeEasyRead : t.purpose}
            </p>
            <dl className="template-card__facts">
              <dt>Framework</dt>
              <dd>{t.framework.name}</dd>
              <dt>Duration</dt>
              <dd>{formatDuration(t.durationMinutes)}</dd>
              <dt>Layout</dt>
              <dd>{layout}</dd>
              {e.source === 'custom' && (
                <>
                  <dt>Source</dt>
                  <dd>Your template</dd>
                </>
              )}
            </dl>
            <button
              type="button"
              className="button primary"
              data-template-use={t.id}
              aria-label={`Use this template: ${t.name}`}
              aria-describedby={descId}
              aria-disabled={busy !== null}
              onClick={() => void use(e)}
            >
              {busy === t.id ? 'Creating…' : 'Use this template'}
            </button>
          </li>
        )
      })}
    </ul>
  )
}
