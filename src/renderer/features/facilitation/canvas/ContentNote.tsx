import { useState } from 'react'
import type { Activity } from '../../../../core/common/facilitation/schema'
import { useT } from '../../../device/i18n'

const dismissedKey = (sessionId: string, activityId: string) => `copro.contentNote.${sessionId}.${activityId}`

function wasDismissed(sessionId: string, activityId: string): boolean {
  try {
    return sessionStorage.getItem(dismissedKey(sessionId, activityId)) !== null
  } catch {
    return false
  }
}

/** An activity's content note: shown once per activity on this device, before anything else. */
export function ContentNote({ sessionId, activity }: { sessionId: string; activity: Activity | null }) {
  const [, setDismissed] = useState(0)
  const t = useT()
  if (!activity || activity.contentNote.trim() === '' || wasDismissed(sessionId, activity.id)) return null
  const dismiss = () => {
    try {
      sessionStorage.setItem(dismissedKey(sessionId, activity.id), '1')
    } catch {
      // shown again next time
    }
    setDismissed((n) => n + 1)
  }
  return (
    <div className="facil-note" role="dialog" aria-modal="false" aria-labelledby="facil-note-title">
      <h2 id="facil-note-title">{t('facilitation.note.before', { title: activity.title })}</h2>
      <p>{activity.contentNote}</p>
      <p className="facil-banner__muted">{t('facilitation.note.pass')}</p>
      <button type="button" className="facil-btn facil-btn--primary" autoFocus onClick={dismiss}>
        {t('facilitation.note.continue')}
      </button>
    </div>
  )
}
