import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'
import { focusNextPart } from './f6'
import { preferences } from '../../device/preferences'
import { stepTextScale, type A11yPreferences } from '../../device/prefsSchema'
import { readWorkshopSnapshot } from '../../session/workshop'
import { timerRemaining } from './useWorkshopAnnouncer'
import { minutesText } from './workshopAnnouncements'

type Toggle = 'highContrast' | 'reducedMotion' | 'dyslexiaSpacing' | 'calm' | 'easyRead'

export const TOGGLE_TEXT: Record<Toggle, { title: string; on: string; off: string }> = {
  highContrast: { title: 'High contrast colours', on: 'High contrast on.', off: 'High contrast off.' },
  reducedMotion: { title: 'Reduce motion', on: 'Animations off.', off: 'Animations on.' },
  dyslexiaSpacing: {
    title: 'Wider text spacing',
    on: 'Wider text spacing on.',
    off: 'Wider text spacing off.',
  },
  calm: {
    title: 'Calm mode (muted colours, no animations, no other cursors)',
    on: 'Calm mode on.',
    off: 'Calm mode off.',
  },
  easyRead: { title: 'Easy read prompts', on: 'Easy read on.', off: 'Easy read off.' },
}

/** Reads out where the workshop is: activity, time left, voting, cards. */
export function whereAmI(services: WorkbenchServices): void {
  const board = services.sessions.getActive()?.board
  if (!board) {
    services.store.announce('No session is open.')
    return
  }
  const snap = readWorkshopSnapshot(board.doc)
  const parts: string[] = []
  const act = snap.agenda.currentIndex >= 0 ? snap.agenda.activities[snap.agenda.currentIndex] : undefined
  parts.push(
    act
      ? `Activity ${snap.agenda.currentIndex + 1} of ${snap.agenda.activities.length}: ${act.title}.`
      : 'No activity has started.',
  )
  const t = snap.timer
  if (t && t.activityId !== null && t.status !== 'idle') {
    const left = timerRemaining(t, Date.now())
    parts.push(
      t.status === 'done' || left === 0
        ? 'Time is up.'
        : `${minutesText(left)} left${t.status === 'paused' ? ', timer paused' : ''}.`,
    )
  }
  const open = snap.rounds.find((r) => r.status === 'open')
  if (open) parts.push(`Voting is open${open.title ? `: ${open.title}` : ''}.`)
  const n = board.cards.list().length
  parts.push(`${n} ${n === 1 ? 'card' : 'cards'} on the board.`)
  services.store.announce(parts.join(' '))
}

/**
 * Accessibility commands: F6 between parts, every preference, and "where am I".
 */
export function a11yCommands(services: WorkbenchServices): Command[] {
  const { store } = services
  const setPref = (patch: Partial<A11yPreferences>, text: string) => {
    preferences.set(patch)
    store.announce(text)
  }
  const toggles = (Object.keys(TOGGLE_TEXT) as Toggle[]).map<Command>((key) => ({
    id: `a11y.toggle.${key}`,
    title: `${TOGGLE_TEXT[key].title}: on or off`,
    category: 'Accessibility',
    menu: 'view',
    run: () => {
      const on = !preferences.get()[key]
      setPref({ [key]: on }, on ? TOGGLE_TEXT[key].on : TOGGLE_TEXT[key].off)
    },
  }))
  return [
    {
      id: 'workbench.focusNextPart',
      title: 'Focus the next part (activity bar, side bar, editor, panel, status bar)',
      category: 'View',
      keybinding: 'F6',
      global: true,
      run: () => void focusNextPart(1),
    },
    {
      id: 'workbench.focusPreviousPart',
      title: 'Focus the previous part',
      category: 'View',
      keybinding: 'Shift+F6',
      global: true,
      run: () => void focusNextPart(-1),
    },
    {
      id: 'a11y.textLarger',
      title: 'Larger text',
      category: 'Accessibility',
      keybinding: 'Mod+Alt+=',
      global: true,
      menu: 'view',
      run: () => {
        const s = stepTextScale(preferences.get().textScale, 1)
        setPref({ textScale: s }, `Text size ${s}%.`)
      },
    },
    {
      id: 'a11y.textSmaller',
      title: 'Smaller text',
      category: 'Accessibility',
      keybinding: 'Mod+Alt+-',
      global: true,
      menu: 'view',
      run: () => {
        const s = stepTextScale(preferences.get().textScale, -1)
        setPref({ textScale: s }, `Text size ${s}%.`)
      },
    },
    ...toggles,
    {
      id: 'a11y.whereAmI',
      title: 'Read out the activity, time left and voting',
      category: 'Accessibility',
      keybinding: 'Mod+Alt+I',
      global: true,
      run: () => whereAmI(services),
    },
  ]
}
