import { useCallback, useEffect, useId, useState } from 'react'
import type { CheckpointInfo } from '../../../shared/api'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'

const REASON: Record<CheckpointInfo['reason'], string> = {
  manual: 'taken by hand',
  'activity-end': 'end of an activity',
  'before-revert': 'before going back',
}

/** Checkpoints of the open session: take one, open one as a new session, or go back to one. */
export function CheckpointsSection() {
  const { host, store } = useServices()
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
    else store.notify('error', `${msg} failed: ${err ?? ''}`)
  }
  return (
    <section className="view-section" aria-labelledby="checkpoints-heading">
      <h3 id="checkpoints-heading" className="section-title">
        Checkpoints of the open session
      </h3>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault()
          const r = await host.call('checkpoints.create', {
            id: sessionId,
            name: name.trim() || 'Checkpoint',
          })
          report(r.ok, 'Checkpoint taken', r.ok ? undefined : r.error.message)
          setName('')
          void refresh()
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          Checkpoint name
        </label>
        <input
          id={inputId}
          className="text-input"
          placeholder="Name, e.g. Before voting"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button">
          Take checkpoint
        </button>
      </form>
      {items.length === 0 ? (
        <p className="muted">No checkpoints yet.</p>
      ) : (
        <ul className="checkpoint-list">
          {items.map((c) => (
            <li key={c.id}>
              <span className="session-title">{c.name}</span>
              <span className="session-meta">
                {new Date(c.createdAt).toLocaleString()} · {REASON[c.reason]}
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
                    report(r.ok, 'Opened checkpoint as a new session', r.ok ? undefined : r.error.message)
                  }}
                >
                  Open as new session<span className="visually-hidden"> from {c.name}</span>
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={async () => {
                    if (
                      !window.confirm(
                        `Go back to “${c.name}”? A checkpoint of the board as it is now is taken first.`,
                      )
                    )
                      return
                    const r = await host.call('checkpoints.revert', { id: sessionId, checkpointId: c.id })
                    report(r.ok, `Went back to ${c.name}`, r.ok ? undefined : r.error.message)
                    void refresh()
                  }}
                >
                  Go back to this<span className="visually-hidden"> ({c.name})</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
