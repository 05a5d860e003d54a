import { useServices } from './context'
import { useWorkbench } from './store'

const CONNECTION_TEXT = {
  none: 'No board open',
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline — changes are kept and will sync',
} as const

/** Connection state, participant count and save state of the open board, and the features' items. */
export function StatusBar() {
  const { store, contributions } = useServices()
  const board = useWorkbench(store, (s) => s.board)
  const save = useWorkbench(store, (s) => s.save)
  const saveText =
    save === null
      ? ''
      : save.state === 'saved'
        ? 'Saved'
        : save.state === 'saving'
          ? 'Saving…'
          : `Not saved: ${save.reason ?? 'unknown error'}`
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`status-item connection-${board.connection}`} data-testid="status-connection">
        <span className="status-dot" aria-hidden="true" />
        {CONNECTION_TEXT[board.connection]}
      </span>
      {board.connection !== 'none' && (
        <span className="status-item" data-testid="status-participants">
          {board.peers === 0
            ? 'Only you here'
            : board.peers === 1
              ? 'You and 1 other'
              : `You and ${board.peers} others`}
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
