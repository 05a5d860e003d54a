import { Activity, Agenda } from './schema'

/**
 * Agenda edits (facilitators only, enforced by the UI). Each returns a new, validated agenda; the
 * current activity stays current when others are added, removed or moved.
 */
export type ActivityDraft = Partial<Omit<Activity, 'id'>>

export function newActivity(id: string, draft: ActivityDraft = {}): Activity {
  return Activity.parse({
    id,
    title: 'New activity',
    durationMs: 10 * 60_000,
    instructions: '',
    private: false,
    contentNote: '',
    targetId: null,
    ...draft,
  })
}

export function addActivity(agenda: Agenda, activity: Activity, at = agenda.activities.length): Agenda {
  if (agenda.activities.some((a) => a.id === activity.id)) throw new Error(`activity ${activity.id} exists`)
  const activities = [...agenda.activities]
  const i = Math.max(0, Math.min(at, activities.length))
  activities.splice(i, 0, Activity.parse(activity))
  const currentIndex = agenda.currentIndex >= i ? agenda.currentIndex + 1 : agenda.currentIndex
  return Agenda.parse({ activities, currentIndex: agenda.currentIndex < 0 ? -1 : currentIndex })
}

export function updateActivity(agenda: Agenda, id: string, patch: ActivityDraft): Agenda {
  let found = false
  const activities = agenda.activities.map((a) => {
    if (a.id !== id) return a
    found = true
    return Activity.parse({ ...a, ...patch, id })
  })
  if (!found) throw new Error(`no activity ${id}`)
  return Agenda.parse({ ...agenda, activities })
}

export function removeActivity(agenda: Agenda, id: string): Agenda {
  const i = agenda.activities.findIndex((a) => a.id === id)
  if (i < 0) return agenda
  const activities = agenda.activities.filter((a) => a.id !== id)
  let currentIndex = agenda.currentIndex
  if (currentIndex === i) currentIndex = -1
  else if (currentIndex > i) currentIndex--
  return Agenda.parse({ activities, currentIndex })
}

export function moveActivity(agenda: Agenda, id: string, to: number): Agenda {
  const from = agenda.activities.findIndex((a) => a.id === id)
  if (from < 0) return agenda
  const target = Math.max(0, Math.min(to, agenda.activities.length - 1))
  const activities = [...agenda.activities]
  const [moved] = activities.splice(from, 1)
  activities.splice(target, 0, moved!)
  const currentId = agenda.activities[agenda.currentIndex]?.id
  const currentIndex = currentId === undefined ? -1 : activities.findIndex((a) => a.id === currentId)
  return Agenda.parse({ activities, currentIndex })
}

export function currentActivity(agenda: Agenda): Activity | null {
  return agenda.activities[agenda.currentIndex] ?? null
}

export function totalDurationMs(agenda: Agenda): number {
  return agenda.activities.reduce((n, a) => n + a.durationMs, 0)
}
