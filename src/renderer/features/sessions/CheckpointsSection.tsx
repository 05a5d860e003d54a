import { useCallback, useEffect, useId, useState } from 'react'
import type { CheckpointInfo } from '../../../shared/api'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { useLocale, useT } from '../../device/i18n'
import type { MessageKey } from '../../../shared/i18n'

const REASON: Record<CheckpointInfo['reason'], MessageKey> = {
  manual: 'sessions.checkpoints.reason.manual',
  'activity-end': 'sessions.checkpoints.reason.activityEnd',
  'before-revert': 'sessions.checkpoints.reason.beforeRevert',
}

/** Checkpoints of the open session: take one, open one as a new session, or go back to one. */
export function CheckpointsSection() {
  const { host, store } = useServices()
  const t = useT()
  const { locale } = useLocale()
  const board = useBoardSession()?.board ?? null
  const sessionId = board?.sessionId ?? null
  const [items, setItems] = useState<CheckpointInfo[]>([])
  const [name, setName] = useState('')
  const inputId = useId()
  const refresh = useCallback(async () => {
    if (!sessionId) return
    const r = await host.call('checkpoints.list', { id: sessionId })
    if (r.ok) setItems(r.value)
  }, [host, sessionId])
  useEffect(() => {
    void refresh()
  }, [refresh])
  if (!sessionId) return null
  const report = (ok: boolean, msg: string, err?: string) => {
    if (ok) store.announce(msg)
    else store.notify('error', t('sessions.checkpoints.failed', { action: msg, error: err ?? '' }))
  }
  return (
    <section className="view-section" aria-labelledby="checkpoints-heading">
      <h3 id="checkpoints-heading" className="section-title">
        {t('sessions.checkpoints.title')}
      </h3>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault()
          const r = await host.call('checkpoints.create', {
            id: sessionId,
            name: name.trim() || t('sessions.checkpoints.defaultName'),
          })
          report(r.ok, t('sessions.checkpoints.taken'), r.ok ? undefined : r.error.message)
          setName('')
          void refresh()
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          {t('sessions.checkpoints.name')}
        </label>
        <input
          id={inputId}
          className="text-input"
          placeholder={t('sessions.checkpoints.placeholder')}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button">
          {t('sessions.checkpoints.take')}
        </button>
      </form>
      {items.length === 0 ? (
        <p className="muted">{t('sessions.checkpoints.none')}</p>
      ) : (
        <ul className="checkpoint-list">
          {items.map((c) => (
            <li key={c.id}>
              <span className="session-title" dir="auto">
                {c.name}
              </span>
              <span className="session-meta">
                {new Date(c.createdAt).toLocaleString(locale)} · {t(REASON[c.reason])}
              </span>
              <div className="row-actions">
                <button
                  type="button"
                  className="button small"
                  onClick={async () => {
                    const r = await host.call('checkpoints.restoreAsNew', {
                      id: sessionId,
                      checkpointId: c.id,
                    })
                    if (r.ok) store.openSessionTab(r.value.id, r.value.title)
                    report(r.ok, t('sessions.checkpoints.opened'), r.ok ? undefined : r.error.message)
                  }}
                >
                  {t('sessions.checkpoints.openAsNew')}
                  <span className="visually-hidden"> {t('sessions.checkpoints.from', { name: c.name })}</span>
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={async () => {
                    if (!window.confirm(t('sessions.checkpoints.revertConfirm', { name: c.name }))) return
                    const r = await host.call('checkpoints.revert', { id: sessionId, checkpointId: c.id })
                    report(
                      r.ok,
                      t('sessions.checkpoints.reverted', { name: c.name }),
                      r.ok ? undefined : r.error.message,
                    )
                    void refresh()
                  }}
                >
                  {t('sessions.checkpoints.revert')}
                  <span className="visually-hidden"> ({c.name})</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
