/**
 * The comment and "me too" icons, drawn here (emoji are not in every system's fonts: a projector's
 * laptop may show an empty box). Decorative: the words beside them say the same.
 */
const SVG = {
  width: '1em',
  height: '1em',
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  focusable: false,
} as const

export function CommentIcon() {
  return (
    <svg {...SVG} className="cmt-icon">
      <path d="M4 5h16v11H9l-5 4z" />
    </svg>
  )
}

/** A raised hand: "me too". */
export function MeTooIcon() {
  return (
    <svg {...SVG} className="cmt-icon">
      <path d="M8 13V5.5a1.5 1.5 0 0 1 3 0V12M11 11V4.5a1.5 1.5 0 0 1 3 0V12M14 11V5.5a1.5 1.5 0 0 1 3 0V14" />
      <path d="M17 10.5a1.5 1.5 0 0 1 3 0V15a6 6 0 0 1-6 6h-1.5a6 6 0 0 1-4.9-2.6L4.3 15a1.5 1.5 0 0 1 2.4-1.8L8 15" />
    </svg>
  )
}
