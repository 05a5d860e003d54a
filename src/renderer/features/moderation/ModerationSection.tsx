import { useState } from 'react'
import { parseWordList } from '../../../core/common/moderation/moderation'
import type { ModerationClient } from '../../session/moderation'
import { useModeration } from '../../session/moderation'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { moderationWords } from './copy'
import { useT } from '../../device/i18n'

/**
 * The Facilitation view's Moderation section (ADR 0047): hold guests' cards for approval, the word list,
 * and how many cards wait (reviewed in the outline). Facilitators only; the relay refuses anyone else.
 */
export function ModerationSection() {
  const session = useBoardSession()
  const board = session?.board ?? null
  const view = useModeration(session?.moderation)
  const { commands } = useServices()
  const COPY = moderationWords(useT())
  if (!session || !board || !view.inbox) return null
  const role = board.identity.sessionRole
  if (role !== 'facilitator' && role !== 'co-facilitator') return null
  const n = view.inbox.held.length
  return (
    <section
      className="moderation-section"
      aria-labelledby="moderation-title"
      data-testid="moderation-section"
    >
      <h3 id="moderation-title">{COPY.title}</h3>
      <p>
        {COPY.waiting(n)}{' '}
        <button type="button" className="button small" onClick={() => void commands.execute('outline.show')}>
          {COPY.openOutline}
        </button>
      </p>
      {role === 'facilitator' ? (
        <SettingsForm
          key={`${view.inbox.settings.hold}:${view.inbox.settings.words.join('\n')}`}
          client={session.moderation}
          hold={view.inbox.settings.hold}
          words={view.inbox.settings.words}
        />
      ) : (
        <p className="muted">{COPY.onlyFacilitator}</p>
      )}
    </section>
  )
}

function SettingsForm(props: { client: ModerationClient; hold: boolean; words: readonly string[] }) {
  const { store } = useServices()
  const COPY = moderationWords(useT())
  const [hold, setHold] = useState(props.hold)
  const [words, setWords] = useState(props.words.join('\n'))
  return (
    <form
      data-testid="moderation-settings"
      onSubmit={(e) => {
        e.preventDefault()
        const ok = props.client.send({ t: 'settings', settings: { hold, words: parseWordList(words) } })
        store.announce(ok ? COPY.saved : COPY.notSent)
      }}
    >
      <label className="moderation-check">
        <input type="checkbox" checked={hold} onChange={(e) => setHold(e.target.checked)} />
        {COPY.hold}
      </label>
      <p className="muted">{COPY.holdHelp}</p>
      <label className="moderation-words">
        {COPY.words}
        <textarea value={words} rows={4} onChange={(e) => setWords(e.target.value)} />
      </label>
      <p className="muted">{COPY.wordsHelp}</p>
      <button type="submit" className="button small">
        {COPY.save}
      </button>
    </form>
  )
}
