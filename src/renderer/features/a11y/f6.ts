/**
 * F6 / Shift+F6: move focus between the parts of the workbench, as in VS Code — activity bar, side bar,
 * editor, panel, status bar (parts that are closed are skipped; the canvas counts as the editor).
 */
const PARTS: { selector: string; focus: (el: HTMLElement) => HTMLElement | null }[] = [
  {
    selector: '.activity-bar',
    focus: (el) => el.querySelector<HTMLElement>('button[aria-pressed="true"]') ?? el.querySelector('button'),
  },
  { selector: '.side-bar', focus: (el) => firstFocusable(el.querySelector('.side-bar-body') ?? el) ?? el },
  {
    selector: '.editor-area',
    focus: (el) =>
      el.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') ?? firstFocusable(el) ?? el,
  },
  { selector: '.panel', focus: (el) => firstFocusable(el) ?? el },
  { selector: '.status-bar', focus: (el) => el },
]

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

function firstFocusable(root: Element): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (el.offsetParent !== null || el.getClientRects().length > 0) return el
  }
  return null
}

/** The index of the next part, wrapping around; from "none" (-1) forwards is the first part. */
export function nextPartIndex(current: number, count: number, dir: 1 | -1): number {
  if (count <= 0) return -1
  if (current < 0) return dir === 1 ? 0 : count - 1
  return (current + dir + count) % count
}

/** Moves focus to the next (1) or previous (-1) open part; returns the part's selector. */
export function focusNextPart(dir: 1 | -1, doc: Document = document): string | null {
  const open = PARTS.map((p) => ({ ...p, el: doc.querySelector<HTMLElement>(p.selector) })).filter(
    (p): p is (typeof PARTS)[number] & { el: HTMLElement } => p.el !== null,
  )
  const active = doc.activeElement
  const current = open.findIndex((p) => active !== null && p.el.contains(active))
  const next = open[nextPartIndex(current, open.length, dir)]
  if (!next) return null
  const target = next.focus(next.el) ?? next.el
  if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.classList.add('f6-target')
  target.focus()
  return next.selector
}
