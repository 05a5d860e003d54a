import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'
import { activeBoards } from '../../workbench/activeBoard'
import { focusNextPart } from './f6'
import { preferences } from '../../device/preferences'
import { stepTextScale, type A11yPreferences } from '../../device/prefsSchema'
import { readWorkshopSnapshot } from './workshopAnnouncements'
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

/** Opens (or shows) the outline tab of the session in the active tab. */
export function showOutline({ store }: WorkbenchServices): boolean {
  const s = store.get()
  const tab = s.tabs.find((t) => t.id === s.activeTabId)
  const sessionId = tab?.kind === 'session' || tab?.kind === 'outline' ? tab.sessionId : undefined
  if (!sessionId) {
    store.announce('Open a session first; its outline then opens beside it.')
    return false
  }
  const title = s.tabs.find((t) => t.kind === 'session' && t.sessionId === sessionId)?.title ?? 'Session'
  const id = `outline:${sessionId}`
  store.set((st) => ({
    tabs: st.tabs.some((t) => t.id === id)
      ? st.tabs
      : [...st.tabs, { id, kind: 'outline', title: `Outline: ${title}`, sessionId }],
    activeTabId: id,
  }))
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-tab="${CSS.escape(id)}"]`)?.focus())
  return true
}

/** Reads out where the workshop is: activity, time left, voting, cards. */
export function whereAmI(services: WorkbenchServices): void {
  const board = activeBoards.get()
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

const withBoard =
  (services: WorkbenchServices, fn: (b: NonNullable<ReturnType<typeof activeBoards.get>>) => void) => () => {
    const b = activeBoards.get()
    if (b) fn(b)
    else services.store.announce('Open a session first.')
  }

/**
 * Accessibility commands: the outline, F6 between parts, every preference, and palette entries for
 * the canvas's own keys (C, Tab, Escape …), so every shortcut can be found in the palette.
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
      id: 'outline.show',
      title: 'Show outline',
      category: 'View',
      keybinding: 'Mod+Alt+O',
      global: true,
      menu: 'view',
      run: () => void showOutline(services),
    },
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
    {
      id: 'board.newCard',
      title: 'New card (C on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => {
        const tab = store.get().tabs.find((t) => t.id === store.get().activeTabId)
        if (tab?.kind === 'outline') document.querySelector<HTMLElement>('.outline-add textarea')?.focus()
        else b.openComposer()
      }),
    },
    {
      id: 'board.nextCard',
      title: 'Next card in reading order (Tab on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => void b.focusNextCard(1)),
    },
    {
      id: 'board.previousCard',
      title: 'Previous card in reading order (Shift+Tab on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => void b.focusNextCard(-1)),
    },
    {
      id: 'board.undo',
      title: 'Undo on the board (Ctrl+Z on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => b.undo()),
    },
    {
      id: 'board.redo',
      title: 'Redo on the board (Ctrl+Shift+Z on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => b.redo()),
    },
    {
      id: 'board.zoomToFit',
      title: 'Zoom to fit the whole board (Shift+1 on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => b.zoomToFit()),
    },
    {
      id: 'board.leaveCanvas',
      title: 'Leave the canvas (Escape on the canvas, with nothing selected)',
      category: 'Board',
      run: () =>
        document.querySelector<HTMLElement>('.editor-area [role="tab"][aria-selected="true"]')?.focus(),
    },
  ]
}
