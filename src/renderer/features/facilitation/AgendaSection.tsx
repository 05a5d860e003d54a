import { useId, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import {
  addActivity,
  currentActivity,
  moveActivity,
  newActivity,
  removeActivity,
  updateActivity,
} from '../../../core/common/facilitation/agenda'
import type { Activity } from '../../../core/common/facilitation/schema'
import {
  passCount,
  readAgenda,
  readReveal,
  readTimer,
  reveal,
  writeAgenda,
} from '../../../core/common/facilitation/state'
import { formatRemaining, remainingMs } from '../../../core/common/facilitation/timer'
import { setSoundCue, soundCueEnabled } from './sound'
import { useDocValue, useTick } from '../../session/useDoc'
import type { TimerControls } from '../../workbench/timerControls'

interface Props {
  doc: Y.Doc
  facilitator: boolean
  relayNow(): number
  controls: TimerControls
  privateCounts: Record<string, number>
}

const minutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10

/** The agenda with the shared timer: facilitators run and edit it, everyone else sees where we are. */
export function AgendaSection({ doc, facilitator, relayNow, controls, privateCounts }: Props) {
  const state = useDocValue(doc, (d) => {
    const agenda = readAgenda(d)
    const cur = currentActivity(agenda)
    return {
      agenda,
      timer: readTimer(d),
      revealed: readReveal(d),
      passes: cur ? passCount(d, cur.id) : 0,
    }
  })
  useTick(500, state?.timer.status === 'running')
  const [editing, setEditing] = useState<string | null>(null)
  const [sound, setSound] = useState(soundCueEnabled)
  const soundId = useId()
  if (!state) return null
  const { agenda, timer, revealed } = state
  const cur = currentActivity(agenda)
  const onCurrent = cur !== null && timer.activityId === cur.id
  const remaining = onCurrent ? remainingMs(timer, relayNow()) : (cur?.durationMs ?? 0)
  const canReveal = facilitator && cur?.private === true && revealed[cur.id] === undefined

  return (
    <section aria-labelledby="facil-agenda-h" className="facil-section">
      <h2 id="facil-agenda-h">Agenda and timer</h2>
      {cur ? (
        <p>
          Now: <strong>{cur.title}</strong>{' '}
          <span className="facil-time" data-testid="facil-view-remaining">
            {formatRemaining(remaining)}
          </span>{' '}
          <span className="muted">({onCurrent ? timer.status : 'not started'})</span>
          {facilitator && state.passes > 0 && <span className="muted"> · {state.passes} passed</span>}
        </p>
      ) : (
        <p className="muted">
          {agenda.activities.length ? 'No activity is running.' : 'The agenda is empty.'}
        </p>
      )}
      {facilitator && (
        <div className="view-actions facil-controls" role="group" aria-label="Timer">
          {onCurrent && timer.status === 'running' ? (
            <button type="button" className="button small" onClick={controls.pause}>
              Pause
            </button>
          ) : (
            <button
              type="button"
              className="button small primary"
              onClick={controls.start}
              disabled={agenda.activities.length === 0 || (onCurrent && timer.status === 'done')}
            >
              {onCurrent && timer.status === 'paused' ? 'Resume' : 'Start'}
            </button>
          )}
          <button
            type="button"
            className="button small"
            onClick={() => controls.extend(1)}
            disabled={!onCurrent}
          >
            +1 min
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => controls.extend(5)}
            disabled={!onCurrent}
          >
            +5 min
          </button>
          <button type="button" className="button small" onClick={controls.next} disabled={!cur}>
            Next
          </button>
          <button type="button" className="button small" onClick={controls.skip} disabled={!cur}>
            Skip
          </button>
          {canReveal && (
            <button
              type="button"
              className="button small primary"
              onClick={() => reveal(doc, cur!.id, relayNow())}
              data-testid="facil-reveal"
            >
              Reveal private cards
            </button>
          )}
        </div>
      )}
      {cur?.private && revealed[cur.id] === undefined && (privateCounts[cur.id] ?? 0) > 0 && (
        <p className="muted">You have {privateCounts[cur.id]} private card(s) waiting for the reveal.</p>
      )}
      <ol className="facil-agenda">
        {agenda.activities.map((a, i) => (
          <li key={a.id} aria-current={i === agenda.currentIndex ? 'step' : undefined}>
            <span className={i === agenda.currentIndex ? 'facil-current' : undefined}>
              {a.title}{' '}
              <span className="muted">
                ({minutes(a.durationMs)} min{a.private ? ', private' : ''}
                {a.contentNote ? ', content note' : ''})
              </span>
            </span>
            {facilitator && (
              <span className="row-actions">
                <button
                  type="button"
                  className="button small"
                  onClick={() => controls.goTo(i)}
                  aria-label={`Go to ${a.title}`}
                >
                  Go
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => setEditing(editing === a.id ? null : a.id)}
                  aria-expanded={editing === a.id}
                  aria-label={`Edit ${a.title}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={i === 0}
                  onClick={() => writeAgenda(doc, moveActivity(readAgenda(doc), a.id, i - 1))}
                  aria-label={`Move ${a.title} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={i === agenda.activities.length - 1}
                  onClick={() => writeAgenda(doc, moveActivity(readAgenda(doc), a.id, i + 1))}
                  aria-label={`Move ${a.title} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => writeAgenda(doc, removeActivity(readAgenda(doc), a.id))}
                  aria-label={`Remove ${a.title}`}
                >
                  Remove
                </button>
              </span>
            )}
            {editing === a.id && (
              <ActivityForm
                activity={a}
                onSave={(patch) => {
                  writeAgenda(doc, updateActivity(readAgenda(doc), a.id, patch))
                  setEditing(null)
                }}
                onCancel={() => setEditing(null)}
              />
            )}
          </li>
        ))}
      </ol>
      {facilitator && (
        <button
          type="button"
          className="button small"
          onClick={() => {
            const id = `act-${Date.now().toString(36)}`
            writeAgenda(doc, addActivity(readAgenda(doc), newActivity(id)))
            setEditing(id)
          }}
        >
          Add activity
        </button>
      )}
      <p>
        <label htmlFor={soundId} className="radio">
          <input
            id={soundId}
            type="checkbox"
            checked={sound}
            onChange={(e) => {
              setSound(e.target.checked)
              setSoundCue(e.target.checked)
            }}
          />{' '}
          Play a sound when time is up (this device)
        </label>
      </p>
    </section>
  )
}

function ActivityForm({
  activity,
  onSave,
  onCancel,
}: {
  activity: Activity
  onSave(patch: Partial<Activity>): void
  onCancel(): void
}) {
  const base = useId()
  const ids = useMemo(
    () => ({ title: `${base}t`, min: `${base}m`, ins: `${base}i`, priv: `${base}p`, note: `${base}n` }),
    [base],
  )
  const [title, setTitle] = useState(activity.title)
  const [mins, setMins] = useState(String(minutes(activity.durationMs)))
  const [instructions, setInstructions] = useState(activity.instructions)
  const [priv, setPriv] = useState(activity.private)
  const [note, setNote] = useState(activity.contentNote)
  const m = Number(mins)
  const valid = title.trim() !== '' && Number.isFinite(m) && m >= 0 && m <= 480
  return (
    <form
      className="facil-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (!valid) return
        onSave({
          title: title.trim().slice(0, 200),
          durationMs: Math.round(m * 60_000),
          instructions: instructions.slice(0, 2000),
          private: priv,
          contentNote: note.slice(0, 1000),
        })
      }}
    >
      <label className="field-label" htmlFor={ids.title}>
        Title
      </label>
      <input
        id={ids.title}
        className="text-input"
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label className="field-label" htmlFor={ids.min}>
        Minutes
      </label>
      <input
        id={ids.min}
        className="text-input"
        type="number"
        min={0}
        max={480}
        step={0.5}
        value={mins}
        onChange={(e) => setMins(e.target.value)}
      />
      <label className="field-label" htmlFor={ids.ins}>
        Instructions (shown to everyone)
      </label>
      <textarea
        id={ids.ins}
        className="text-input"
        rows={3}
        maxLength={2000}
        value={instructions}
        onChange={(e) => setInstructions(e.target.value)}
      />
      <label className="radio" htmlFor={ids.priv}>
        <input id={ids.priv} type="checkbox" checked={priv} onChange={(e) => setPriv(e.target.checked)} />{' '}
        Private writing (cards stay on each person’s device until you reveal)
      </label>
      <label className="field-label" htmlFor={ids.note}>
        Content note (shown before the activity; leave empty for none)
      </label>
      <textarea
        id={ids.note}
        className="text-input"
        rows={2}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="view-actions">
        <button type="submit" className="button small primary" disabled={!valid}>
          Save
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
