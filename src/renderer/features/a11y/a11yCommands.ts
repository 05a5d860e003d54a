import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'
import { focusNextPart } from './f6'
import { preferences } from '../../device/preferences'
import { stepTextScale, type A11yPreferences } from '../../device/prefsSchema'
import { readWorkshopSnapshot } from '../../session/workshop'
import { timerRemaining } from './useWorkshopAnnouncer'
import { minutesText } from './workshopAnnouncements'
import { uiT } from '../../device/i18n/uiT'
import type { MessageKey, MessageValues } from '../../../shared/i18n'

type Toggle = 'highContrast' | 'reducedMotion' | 'dyslexiaSpacing' | 'calm' | 'easyRead'

/** Catalogue keys (a11y.toggle.<key>.title / .on / .off / .help). */
export const TOGGLE_TEXT: Record<Toggle, { title: MessageKey; on: MessageKey; off: MessageKey }> = {
  highContrast: toggleKeys('highContrast'),
  reducedMotion: toggleKeys('reducedMotion'),
  dyslexiaSpacing: toggleKeys('dyslexiaSpacing'),
  calm: toggleKeys('calm'),
  easyRead: toggleKeys('easyRead'),
}

function toggleKeys(key: Toggle): { title: MessageKey; on: MessageKey; off: MessageKey } {
  return { title: `a11y.toggle.${key}.title`, on: `a11y.toggle.${key}.on`, off: `a11y.toggle.${key}.off` }
}

/** Reads out where the workshop is: activity, time left, voting, cards. */
export function whereAmI(services: WorkbenchServices): void {
  const board = services.sessions.getActive()?.board
  if (!board) {
    services.store.announce(uiT('a11y.where.noSession'))
    return
  }
  const snap = readWorkshopSnapshot(board.doc)
  const parts: string[] = []
  const act = snap.agenda.currentIndex >= 0 ? snap.agenda.activities[snap.agenda.currentIndex] : undefined
  parts.push(
    act
      ? uiT('a11y.where.activity', {
          n: snap.agenda.currentIndex + 1,
          total: snap.agenda.activities.length,
          title: act.title,
        })
      : uiT('a11y.where.noActivity'),
  )
  const t = snap.timer
  if (t && t.activityId !== null && t.status !== 'idle') {
    const left = timerRemaining(t, Date.now())
    parts.push(
      t.status === 'done' || left === 0
        ? uiT('a11y.timer.up')
        : uiT('a11y.where.left', { time: minutesText(left), paused: t.status === 'paused' ? 'yes' : 'no' }),
    )
  }
  const open = snap.rounds.find((r) => r.status === 'open')
  if (open)
    parts.push(uiT('a11y.where.voting', { named: open.title ? 'yes' : 'no', title: open.title ?? '' }))
  const n = board.cards.list().length
  parts.push(uiT('a11y.where.cards', { count: n }))
  services.store.announce(parts.join(' '))
}

/**
 * Accessibility commands: F6 between parts, every preference, and "where am I".
 */
export function a11yCommands(services: WorkbenchServices): Command[] {
  const { store } = services
  const setPref = (patch: Partial<A11yPreferences>, key: MessageKey, values?: MessageValues) => {
    preferences.set(patch)
    store.announce(uiT(key, values))
  }
  const toggles = (Object.keys(TOGGLE_TEXT) as Toggle[]).map<Command>((key) => ({
    id: `a11y.toggle.${key}`,
    get title() {
      return uiT('a11y.toggle.command', { title: uiT(TOGGLE_TEXT[key].title) })
    },
    get category() {
      return uiT('a11y.category')
    },
    menu: 'view',
    run: () => {
      const on = !preferences.get()[key]
      setPref({ [key]: on }, on ? TOGGLE_TEXT[key].on : TOGGLE_TEXT[key].off)
    },
  }))
  return [
    {
      id: 'workbench.focusNextPart',
      get title() {
        return uiT('a11y.cmd.focusNext')
      },
      get category() {
        return uiT('workbench.category.view')
      },
      keybinding: 'F6',
      global: true,
      run: () => void focusNextPart(1),
    },
    {
      id: 'workbench.focusPreviousPart',
      get title() {
        return uiT('a11y.cmd.focusPrevious')
      },
      get category() {
        return uiT('workbench.category.view')
      },
      keybinding: 'Shift+F6',
      global: true,
      run: () => void focusNextPart(-1),
    },
    {
      id: 'a11y.textLarger',
      get title() {
        return uiT('a11y.cmd.textLarger')
      },
      get category() {
        return uiT('a11y.category')
      },
      keybinding: 'Mod+Alt+=',
      global: true,
      menu: 'view',
      run: () => {
        const s = stepTextScale(preferences.get().textScale, 1)
        setPref({ textScale: s }, 'a11y.textSize.announce', { size: s })
      },
    },
    {
      id: 'a11y.textSmaller',
      get title() {
        return uiT('a11y.cmd.textSmaller')
      },
      get category() {
        return uiT('a11y.category')
      },
      keybinding: 'Mod+Alt+-',
      global: true,
      menu: 'view',
      run: () => {
        const s = stepTextScale(preferences.get().textScale, -1)
        setPref({ textScale: s }, 'a11y.textSize.announce', { size: s })
      },
    },
    ...toggles,
    {
      id: 'a11y.whereAmI',
      get title() {
        return uiT('a11y.cmd.whereAmI')
      },
      get category() {
        return uiT('a11y.category')
      },
      keybinding: 'Mod+Alt+I',
      global: true,
      run: () => whereAmI(services),
    },
  ]
}
