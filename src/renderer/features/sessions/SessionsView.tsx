import { useId, useRef, useState } from 'react'
import type { SessionSummary } from '../../../shared/model/session'
import { useServices } from '../../workbench/context'
import { createAndOpenSession, defaultSessionTitle } from '../../workbench/sessionActions'
import { useSessions } from './useSessions'
import { CheckpointsSection } from './CheckpointsSection'
import { base64ToBytes, bytesToBase64 } from './files'
import { closeSessionTabs } from './closeTabs'
import './sessions.css'

/** Sessions side bar: new, search, open, rename, duplicate, delete to trash and restore. */
export function SessionsView() {
  const services = useServices()
  const { host, store } = services
  const [query, setQuery] = useState('')
  const [showTrash, setShowTrash] = useState(false)
  const { sessions } = useSessions(query, showTrash)
  const searchId = useId()
  const fileInput = useRef<HTMLInputElement>(null)
  const importFile = async (file: File) => {
    const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()))
    const r = await host.call('sessions.importFile', {
      fileName: file.name.slice(0, 200) || 'session.copro',
      base64,
    })
    if (r.ok) {
      store.notify('info', `Imported “${r.value.title}” as a new session.`)
      store.openSessionTab(r.value.id, r.value.title)
    } else store.notify('error', `Could not import ${file.name}: ${r.error.message}`)
  }
  const exportFile = async (id: string) => {
    const r = await host.call('sessions.exportFile', { id })
    if (!r.ok) return store.notify('error', `Could not export: ${r.error.message}`)
    await host.saveFile(
      r.value.fileName,
      new Blob([base64ToBytes(r.value.base64)], { type: 'application/octet-stream' }),
    )
    store.announce(`Saved ${r.value.fileName}.`)
  }
  const moveToTrash = async (s: SessionSummary) => {
    const ok = window.confirm(
      `Move “${s.title}” to the trash?\n\nEveryone connected to it is sent away and its tabs close. ` +
        'You can restore it from the trash (Show trash) at any time.',
    )
    if (!ok) return
    const r = await host.call('sessions.delete', { id: s.id })
    if (!r.ok) return store.notify('error', `Move to trash failed: ${r.error.message}`)
    closeSessionTabs(store, s.id)
    store.announce(`“${s.title}” moved to the trash. Show trash to restore it.`)
  }
  const duplicate = (s: SessionSummary, keepLiveState: boolean) =>
    void act(
      keepLiveState ? 'Duplicate with live state' : 'Duplicate',
      host.call('sessions.duplicate', { id: s.id, ...(keepLiveState ? { keepLiveState } : {}) }),
    )
  const visible = (sessions ?? []).filter((s) => (showTrash ? s.deletedAt !== null : s.deletedAt === null))
  const act = async (label: string, p: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await p
    if (!r.ok) store.notify('error', `${label} failed: ${r.error?.message ?? ''}`)
    else store.announce(`${label} done.`)
  }
  return (
    <div className="view sessions-view">
      <div className="view-actions">
        <button
          type="button"
          className="button primary"
          onClick={() => void createAndOpenSession(services, defaultSessionTitle())}
        >
          New session
        </button>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Import file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".copro,application/octet-stream"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const f = e.target.files?.[0]
            e.target.value = ''
            if (f) void importFile(f)
          }}
          data-testid="import-file-input"
        />
        <button
          type="button"
          className="button"
          aria-pressed={showTrash}
          onClick={() => setShowTrash(!showTrash)}
        >
          {showTrash ? 'Show sessions' : 'Show trash'}
        </button>
      </div>
      <label htmlFor={searchId} className="field-label">
        Search by title
      </label>
      <input
        id={searchId}
        type="search"
        className="text-input"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Type to filter"
      />
      {sessions === null ? (
        <p className="muted">Loading…</p>
      ) : visible.length === 0 ? (
        <p className="muted">
          {showTrash ? 'The trash is empty.' : query ? 'No session matches.' : 'No sessions yet.'}
        </p>
      ) : (
        <ul className="session-list" aria-label={showTrash ? 'Sessions in the trash' : 'Sessions'}>
          {visible.map((s) => (
            <SessionRow
              key={s.id}
              session={s}
              inTrash={showTrash}
              onOpen={() => store.openSessionTab(s.id, s.title)}
              onRename={(title) => void act('Rename', host.call('sessions.rename', { id: s.id, title }))}
              onDuplicate={(keep) => duplicate(s, keep)}
              onExport={() => void exportFile(s.id)}
              onDelete={() => void moveToTrash(s)}
              onRestore={() => void act('Restore', host.call('sessions.restore', { id: s.id }))}
            />
          ))}
        </ul>
      )}
      <CheckpointsSection />
    </div>
  )
}

interface RowProps {
  session: SessionSummary
  inTrash: boolean
  onOpen(): void
  onRename(title: string): void
  /** keepLiveState: also the current activity, timer, votes, passes, trash and log (not a fresh run). */
  onDuplicate(keepLiveState: boolean): void
  onExport(): void
  onDelete(): void
  onRestore(): void
}

function SessionRow({
  session,
  inTrash,
  onOpen,
  onRename,
  onDuplicate,
  onExport,
  onDelete,
  onRestore,
}: RowProps) {
  const [editing, setEditing] = useState(false)
  const [title, setTitle] = useState(session.title)
  return (
    <li className="session-row" data-session-id={session.id}>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (title.trim()) onRename(title.trim())
            setEditing(false)
          }}
        >
          <input
            className="text-input"
            aria-label="New title"
            value={title}
            autoFocus
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          />
        </form>
      ) : (
        <button type="button" className="session-open" onClick={onOpen} disabled={inTrash}>
          <span className="session-title">{session.title}</span>
          <span className="session-meta">
            {session.cardCount} cards · {session.participantCount} people ·{' '}
            {new Date(session.updatedAt).toLocaleDateString()}
          </span>
        </button>
      )}
      <div className="row-actions">
        {inTrash ? (
          <button type="button" className="button small" onClick={onRestore}>
            Restore<span className="visually-hidden"> {session.title}</span>
          </button>
        ) : (
          <>
            <button type="button" className="button small" onClick={() => setEditing(true)}>
              Rename<span className="visually-hidden"> {session.title}</span>
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => onDuplicate(false)}
              title="A fresh run: the structure, cards and agenda, without votes, timer or live activity"
            >
              Duplicate<span className="visually-hidden"> {session.title} as a fresh run</span>
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => onDuplicate(true)}
              title="An exact copy, votes, timer, passes, trash and activity log included"
            >
              Exact copy<span className="visually-hidden"> of {session.title}</span>
            </button>
            <button type="button" className="button small" onClick={onExport}>
              Export file<span className="visually-hidden"> of {session.title}</span>
            </button>
            <button type="button" className="button small" onClick={onDelete}>
              Delete<span className="visually-hidden"> {session.title}</span>
            </button>
          </>
        )}
      </div>
    </li>
  )
}
