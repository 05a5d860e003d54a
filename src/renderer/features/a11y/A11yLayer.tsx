import { useEffect, useRef } from 'react'
import { setStructureDisplay, useStructureDisplay } from '../../device/displayOptions'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { useWorkbench } from '../../workbench/store'
import { applyPreferences, preferences, usePreferences } from '../../device/preferences'
import { useDefaultVotingBridge } from './useDefaultVotingBridge'
import { useWorkshopAnnouncer } from './useWorkshopAnnouncer'

/**
 * Mounted once in the workbench: applies this person's preferences, registers the accessibility
 * commands (outline, F6, preferences, canvas keys), runs the workshop announcer and renders the
 * assertive live region (the polite one is the workbench's).
 */
export function A11yLayer() {
  const services = useServices()
  const { store, commands } = services
  const session = useBoardSession()
  const board = session?.board ?? null
  const assertive = useWorkbench(store, (s) => s.assertiveAnnouncement)
  const seq = useWorkbench(store, (s) => s.announcementSeq)

  useEffect(() => {
    applyPreferences(preferences.get())
    const off = preferences.subscribe(() => applyPreferences())
    const motion = matchMedia('(prefers-reduced-motion: reduce)')
    const onMotion = () => applyPreferences()
    motion.addEventListener('change', onMotion)
    return () => {
      off()
      motion.removeEventListener('change', onMotion)
    }
  }, [])

  // F6 also works inside text fields (the registry only lets Mod-bindings through there)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F6' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return
      e.preventDefault()
      void commands.execute(e.shiftKey ? 'workbench.focusPreviousPart' : 'workbench.focusNextPart')
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [commands])

  useEasyReadMirror()
  useWorkshopAnnouncer(store, board, () => {
    const { tabs, activeTabId } = store.get()
    const outlineShown = tabs.find((t) => t.id === activeTabId)?.kind === 'outline'
    return outlineShown ? (session?.outlineFocus?.key ?? null) : null
  })
  useDefaultVotingBridge(session)

  return (
    <div className="a11y-live" aria-live="assertive" role="alert" data-testid="announcer-assertive">
      <span key={seq}>{assertive}</span>
    </div>
  )
}

/**
 * Keeps the "Easy read" preference and the canvas structure layer's own easy-read switch
 * (board/structure/displayOptions, also toggled in the Templates view) the same: a change to either
 * is copied to the other; at start, either one being on turns both on.
 */
function useEasyReadMirror(): void {
  const mine = usePreferences().easyRead
  const theirs = useStructureDisplay().easyRead
  const last = useRef<boolean | null>(null)
  useEffect(() => {
    const prev = last.current
    const target = prev === null ? mine || theirs : mine !== prev ? mine : theirs
    last.current = target
    if (mine !== target) preferences.set({ easyRead: target })
    if (theirs !== target) setStructureDisplay({ easyRead: target })
  }, [mine, theirs])
}
