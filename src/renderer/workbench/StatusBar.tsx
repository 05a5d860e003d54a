import { useServices } from './context'
import { useWorkbench } from './store'
import { useT } from '../device/i18n'

const CONNECTION_TEXT = {
  none: 'workbench.status.connection.none',
  connecting: 'workbench.status.connection.connecting',
  connected: 'workbench.status.connection.connected',
  offline: 'workbench.status.connection.offline',
} as const

/** Connection state, participant count and save state of the open board, and the features' items. */
export function StatusBar() {
  const { store, contributions } = useServices()
  const t = useT()
  const board = useWorkbench(store, (s) => s.board)
  const save = useWorkbench(store, (s) => s.save)
  const saveText =
    save === null
      ? ''
      : save.state === 'saved'
        ? t('workbench.status.saved')
        : save.state === 'saving'
          ? t('workbench.status.saving')
          : t('workbench.status.notSaved', { reason: save.reason ?? t('workbench.status.unknownError') })
  return (
    <footer className="status-bar" aria-label={t('workbench.status.label')}>
      <span className={`status-item connection-${board.connection}`} data-testid="status-connection">
        <span className="status-dot" aria-hidden="true" />
        {t(CONNECTION_TEXT[board.connection])}
      </span>
      {board.connection !== 'none' && (
        <span className="status-item" data-testid="status-participants">
          {t('workbench.status.peers', { count: board.peers })}
        </span>
      )}
      {contributions.statusItems.map((item) => (
        <item.component key={item.id} />
      ))}
      <span className="status-spacer" />
      {saveText && (
        <span className={`status-item save-${save?.state}`} data-testid="status-save" role="status">
          {saveText}
        </span>
      )}
      {board.message && <span className="status-item status-warning">{board.message}</span>}
    </footer>
  )
}
