import { useServices } from '../workbench/context'
import { useWorkbench } from '../workbench/store'

/** Participants view: who is on the open board right now. */
export function ParticipantsView() {
  const { store } = useServices()
  const board = useWorkbench(store, (s) => s.board)
  if (board.connection === 'none') return <p className="muted">Open a session to see who is here.</p>
  return (
    <p>
      {board.peers === 1
        ? 'You are the only person on this board.'
        : `${board.peers} people are on this board.`}
    </p>
  )
}

/** Views whose features arrive with later work; each says plainly what it will hold. */
export function ComingView({ text }: { text: string }) {
  return <p className="muted">{text}</p>
}
