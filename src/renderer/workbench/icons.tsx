import type { ReactElement } from 'react'

/** The stroke style every activity-bar icon uses (features draw their icon's paths with it). */
export const ICON_STROKE = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const

/** A view's icon (ViewContribution.icon) in the activity bar. */
export function ViewIcon({ icon }: { icon: ReactElement }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      {icon}
    </svg>
  )
}
