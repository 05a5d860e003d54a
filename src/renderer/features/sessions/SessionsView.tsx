import { useId, useRef, useState } from 'react'
import type { SessionSummary } from '../../../shared/model/session'
import { useServices } from '../../workbench/context'
import { createAndOpenSession, defaultSessionTitle } from '../../workbench/sessionActions'
import { useSessions } from './useSessions'
import { CheckpointsSection } from './CheckpointsSection'
import { base64ToBytes, bytesToBase64 } from './files'
import { closeSessionTabs } from './closeTabs'
import { useLocale, useT } from '../../device/i18n'
import './sessions.css'

/** Sessions side bar: new, search, open, rename, duplicate, delete to trash and restore. */
export function SessionsView() {
  const services = useServices()
  const { host, store } = services
  const t = useT()
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
      store.notify('info', t('sessions.import.done', { title: r.value.title }))
      store.openSessionTab(r.value.id, r.value.title)
    } else store.notify('error', t('sessions.import.failed', { file: file.name, error: r.error.message }))
  }
  const exportFile = async (id: string) => {
    const r = await host.call('sessions.exportFile', { id })
    if (!r.ok) return store.notify('error', t('sessions.export.failed', { error: r.error.message }))
    await host.saveFile(
      r.value.fileName,
      new Blob([base64ToBytes(r.value.base64)], { type: 'application/octet-stream' }),
    )
    store.announce(t('sessions.export.saved', { file: r.value.fileName }))
  }
  const moveToTrash = async (s: SessionSummary) => {
    const ok = window.confirm(t('sessions.trash.confirm', { title: s.title }))
    if (!ok) return
    const r = await host.call('sessions.delete', { id: s.id })
    if (!r.ok) return store.notify('error', t('sessions.trash.failed', { error: r.error.message }))
    closeSessionTabs(store, s.id)
    store.announce(t('sessions.trash.done', { title: s.title }))
  }
  const duplicate = (s: SessionSummary, keepLiveState: boolean) =>
    void act(
      keepLiveState ? 'exactCopy' : 'duplicate',
      host.call('sessions.duplicate', { id: s.id, ...(keepLiveState ? { keepLiveState } : {}) }),
    )
  const visible = (sessions ?? []).filter((s) => (showTrash ? s.deletedAt !== null : s.deletedAt === null))
  const act = async (label: Action, p: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await p
    if (!r.ok)
      store.notify('error', t('sessions.action.failed', { action: label, error: r.error?.message ?? '' }))
    else store.announce(t('sessions.action.done', { action: label }))
  }
  return (
    <div className="view sessions-view">
      <div className="view-actions">
        <button
          type="button"
          className="button primary"
          onClick={() => void createAndOpenSession(services, defaultSessionTitle())}
        >
          {t('sessions.new')}
        </button>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          {t('sessions.import.button')}
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
          {showTrash ? t('sessions.showSessions') : t('sessions.showTrash')}
        </button>
      </div>
      <label htmlFor={searchId} className="field-label">
        {t('sessions.search.label')}
      </label>
      <input
        id={searchId}
        type="search"
        className="text-input"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('sessions.search.placeholder')}
      />
      {sessions === null ? (
        <p className="muted">{t('sessions.loading')}</p>
      ) : visible.length === 0 ? (
        <p className="muted">
          {showTrash ? t('sessions.trash.empty') : query ? t('sessions.noMatch') : t('sessions.none')}
        </p>
      ) : (
        <ul
          className="session-list"
          aria-label={showTrash ? t('sessions.list.trash') : t('sessions.list.label')}
        >
          {visible.map((s) => (
            <SessionRow
              key={s.id}
              session={s}
              inTrash={showTrash}
              onOpen={() => store.openSessionTab(s.id, s.title)}
              onRename={(title) => void act('rename', host.call('sessions.rename', { id: s.id, title }))}
              onDuplicate={(keep) => duplicate(s, keep)}
              onExport={() => void exportFile(s.id)}
              onDelete={() => void moveToTrash(s)}
              onRestore={() => void act('restore', host.call('sessions.restore', { id: s.id }))}
            />
          ))}
        </ul>
      )}
      <CheckpointsSection />
    </div>
  )
}

/** What a row's action was, for the message saying it was done or failed. */
type Action = 'rename' | 'restore' | 'duplicate' | 'exactCopy'

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
  const t = useT()
  const { locale } = useLocale()
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
            aria-label={t('sessions.row.newTitle')}
            value={title}
            autoFocus
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          />
        </form>
      ) : (
        <button type="button" className="session-open" onClick={onOpen} disabled={inTrash}>
          <span className="session-title" dir="auto">
            {session.title}
          </span>
          <span className="session-meta">
            {t('sessions.row.meta', { cards: session.cardCount, people: session.participantCount })} ·{' '}
            {new Date(session.updatedAt).toLocaleDateString(locale)}
          </span>
        </button>
      )}
      <div className="row-actions">
        {inTrash ? (
          <button type="button" className="button small" onClick={onRestore}>
            {t('sessions.row.restore')}
            <span className="visually-hidden"> {session.title}</span>
          </button>
        ) : (
          <>
            <button type="button" className="button small" onClick={() => setEditing(true)}>
              {t('sessions.row.rename')}
              <span className="visually-hidden"> {session.title}</span>
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => onDuplicate(false)}
              title={t('sessions.row.duplicateHint')}
            >
              {t('sessions.row.duplicate')}
              <span className="visually-hidden">
                {' '}
                {t('sessions.row.duplicateOf', { title: session.title })}
              </span>
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => onDuplicate(true)}
              title={t('sessions.row.exactCopyHint')}
            >
              {t('sessions.row.exactCopy')}
              <span className="visually-hidden"> {t('sessions.row.of', { title: session.title })}</span>
            </button>
            <button type="button" className="button small" onClick={onExport}>
              {t('sessions.row.export')}
              <span className="visually-hidden"> {t('sessions.row.of', { title: session.title })}</span>
            </button>
            <button type="button" className="button small" onClick={onDelete}>
              {t('sessions.row.delete')}
              <span className="visually-hidden"> {session.title}</span>
            </button>
          </>
        )}
      </div>
    </li>
  )
}
