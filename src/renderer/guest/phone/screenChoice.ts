/**
 * Which guest screen a join link opens on this device: the participant screen (phones, or anyone who
 * picks it) or the full canvas (tablets and laptops by default). `copro serve` answers `/?join=…` with
 * the participant page; that page hands wide screens on to `/?join=…&view=board` (the canvas) before
 * loading anything else. A person's choice is remembered on the device.
 */
export type GuestView = 'phone' | 'board'

const KEY = 'copro.guest.view'

export function rememberView(view: GuestView): void {
  try {
    localStorage.setItem(KEY, view)
  } catch {
    // not remembered: the device decides next time
  }
}

function chosenView(): GuestView | null {
  try {
    const v = localStorage.getItem(KEY)
    return v === 'phone' || v === 'board' ? v : null
  } catch {
    return null
  }
}

/** Phones: the shorter side of the screen under 600 CSS px (a phone held either way). */
export function isPhoneSized(screen: { width: number; height: number }): boolean {
  return Math.min(screen.width, screen.height) < 600
}

/** The screen to show: `?view=phone|board` (and remembered), else the remembered choice, else by size. */
export function pickView(search: URLSearchParams, screen: { width: number; height: number }): GuestView {
  const asked = search.get('view')
  if (asked === 'phone' || asked === 'board') {
    if (asked === 'phone') rememberView('phone')
    return asked
  }
  return chosenView() ?? (isPhoneSized(screen) ? 'phone' : 'board')
}

/** The canvas for this session (the token stays in this tab's sessionStorage, see joinLink.ts). */
export function boardViewUrl(sessionId: string): string {
  return `/?join=${encodeURIComponent(sessionId)}&view=board`
}

/** The participant screen for this session (remembered as the person's choice when it opens). */
export function phoneViewUrl(sessionId: string): string {
  return `/?join=${encodeURIComponent(sessionId)}&view=phone`
}
