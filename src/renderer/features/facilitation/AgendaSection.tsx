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
import { useT } from '../../device/i18n'
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
  const t = useT()
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
      <h2 id="facil-agenda-h">{t('facilitation.agenda.title')}</h2>
      {cur ? (
        <p>
          {t('facilitation.agenda.now')} <strong dir="auto">{cur.title}</strong>{' '}
          <span className="facil-time" data-testid="facil-view-remaining">
            {formatRemaining(remaining)}
          </span>{' '}
          <span className="muted">
            ({t(`facilitation.agenda.status.${onCurrent ? timer.status : 'notStarted'}`)})
          </span>
          {facilitator && state.passes > 0 && (
            <span className="muted"> · {t('facilitation.agenda.passed', { count: state.passes })}</span>
          )}
        </p>
      ) : (
        <p className="muted">
          {agenda.activities.length ? t('facilitation.agenda.noneRunning') : t('facilitation.agenda.empty')}
        </p>
      )}
      {facilitator && (
        <div className="view-actions facil-controls" role="group" aria-label={t('facilitation.agenda.timer')}>
          {onCurrent && timer.status === 'running' ? (
            <button type="button" className="button small" onClick={controls.pause}>
              {t('facilitation.agenda.pause')}
            </button>
          ) : (
            <button
              type="button"
              className="button small primary"
              onClick={controls.start}
              disabled={agenda.activities.length === 0 || (onCurrent && timer.status === 'done')}
            >
              {onCurrent && timer.status === 'paused'
                ? t('facilitation.agenda.resume')
                : t('facilitation.agenda.start')}
            </button>
          )}
          <button
            type="button"
            className="button small"
            onClick={() => controls.extend(1)}
            disabled={!onCurrent}
          >
            {t('facilitation.agenda.plusMinutes', { count: 1 })}
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => controls.extend(5)}
            disabled={!onCurrent}
          >
            {t('facilitation.agenda.plusMinutes', { count: 5 })}
          </button>
          <button type="button" className="button small" onClick={controls.next} disabled={!cur}>
            {t('facilitation.agenda.next')}
          </button>
          <button type="button" className="button small" onClick={controls.skip} disabled={!cur}>
            {t('facilitation.agenda.skip')}
          </button>
          {canReveal && (
            <button
              type="button"
              className="button small primary"
              onClick={() => reveal(doc, cur!.id, relayNow())}
              data-testid="facil-reveal"
            >
              {t('facilitation.agenda.reveal')}
            </button>
          )}
        </div>
      )}
      {cur?.private && revealed[cur.id] === undefined && (privateCounts[cur.id] ?? 0) > 0 && (
        <p className="muted">
          {t('facilitation.agenda.privateWaiting', { count: privateCounts[cur.id] ?? 0 })}
        </p>
      )}
      <ol className="facil-agenda">
        {agenda.activities.map((a, i) => (
          <li key={a.id} aria-current={i === agenda.currentIndex ? 'step' : undefined}>
            <span className={i === agenda.currentIndex ? 'facil-current' : undefined}>
              <bdi>{a.title}</bdi>{' '}
              <span className="muted">
                ({t('facilitation.agenda.minutes', { count: minutes(a.durationMs) })}
                {a.private ? t('facilitation.agenda.private') : ''}
                {a.contentNote ? t('facilitation.agenda.contentNote') : ''})
              </span>
            </span>
            {facilitator && (
              <span className="row-actions">
                <button
                  type="button"
                  className="button small"
                  onClick={() => controls.goTo(i)}
                  aria-label={t('facilitation.agenda.goTo', { title: a.title })}
                >
                  {t('facilitation.agenda.go')}
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => setEditing(editing === a.id ? null : a.id)}
                  aria-expanded={editing === a.id}
                  aria-label={t('facilitation.agenda.edit', { title: a.title })}
                >
                  {t('facilitation.agenda.editShort')}
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={i === 0}
                  onClick={() => writeAgenda(doc, moveActivity(readAgenda(doc), a.id, i - 1))}
                  aria-label={t('facilitation.agenda.moveUp', { title: a.title })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={i === agenda.activities.length - 1}
                  onClick={() => writeAgenda(doc, moveActivity(readAgenda(doc), a.id, i + 1))}
                  aria-label={t('facilitation.agenda.moveDown', { title: a.title })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => writeAgenda(doc, removeActivity(readAgenda(doc), a.id))}
                  aria-label={t('facilitation.agenda.remove', { title: a.title })}
                >
                  {t('facilitation.agenda.removeShort')}
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
          {t('facilitation.agenda.add')}
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
          {t('facilitation.agenda.sound')}
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
  const t = useT()
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
        {t('facilitation.activity.title')}
      </label>
      <input
        id={ids.title}
        className="text-input"
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label className="field-label" htmlFor={ids.min}>
        {t('facilitation.activity.minutes')}
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
        {t('facilitation.activity.instructions')}
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
        {t('facilitation.activity.private')}
      </label>
      <label className="field-label" htmlFor={ids.note}>
        {t('facilitation.activity.contentNote')}
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
          {t('facilitation.activity.save')}
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
