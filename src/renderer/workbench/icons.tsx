import type { ReactElement } from 'react'
import type { ViewId } from './store'

const P = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const

const PATHS: Record<ViewId, ReactElement> = {
  sessions: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" {...P} />
      <path d="M3 9h18M8 4v5" {...P} />
    </>
  ),
  templates: (
    <>
      <rect x="3" y="3" width="7" height="7" rx="1" {...P} />
      <rect x="14" y="3" width="7" height="7" rx="1" {...P} />
      <rect x="3" y="14" width="7" height="7" rx="1" {...P} />
      <rect x="14" y="14" width="7" height="7" rx="1" {...P} />
    </>
  ),
  participants: (
    <>
      <circle cx="9" cy="8" r="3.5" {...P} />
      <path d="M2.5 20c.8-3.5 3.4-5.5 6.5-5.5s5.7 2 6.5 5.5" {...P} />
      <circle cx="17" cy="9" r="2.5" {...P} />
      <path d="M16.5 14.5c2.4.2 4.2 2 4.8 4.5" {...P} />
    </>
  ),
  facilitation: (
    <>
      <circle cx="12" cy="13" r="8" {...P} />
      <path d="M12 9v4l3 2M9 2h6" {...P} />
    </>
  ),
  export: (
    <>
      <path d="M12 3v12M7 10l5 5 5-5" {...P} />
      <path d="M4 17v3h16v-3" {...P} />
    </>
  ),
  settings: (
    <>
      <circle cx="12" cy="12" r="3" {...P} />
      <path
        d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"
        {...P}
      />
    </>
  ),
}

export function ViewIcon({ view }: { view: ViewId }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      {PATHS[view]}
    </svg>
  )
}
