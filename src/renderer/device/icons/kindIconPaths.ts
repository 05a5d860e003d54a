import type { CardKind } from '../../../shared/model/cardKinds'

/**
 * The card kind icons as SVG path data (24 × 24, drawn with a 2-unit round stroke in the text colour,
 * no fill). Bundled with the app, so no emoji font is needed: the same drawing on the canvas, in the
 * composer, the outline, the guest's phone and picture exports. Shape AND label always go together
 * (never colour alone); the icons are decorative next to the label.
 */
export const KIND_ICON_VIEWBOX = '0 0 24 24'

export const KIND_ICON_PATHS: Readonly<Record<CardKind, readonly string[]>> = {
  // a warning triangle with "!"
  pain: ['M12 3.5 21.5 20h-19z', 'M12 9.5v4.5', 'M12 17v.5'],
  // a tick
  gain: ['M4.5 12.5l5 5L19.5 7'],
  // an open hand
  contribution: [
    'M8 13V6a1.5 1.5 0 0 1 3 0v5',
    'M11 11V4.5a1.5 1.5 0 0 1 3 0V11',
    'M14 11V6a1.5 1.5 0 0 1 3 0v7',
    'M17 10a1.5 1.5 0 0 1 3 0v4a7 7 0 0 1-7 7h-1.5a6 6 0 0 1-4.8-2.4l-2.5-3.4a1.5 1.5 0 0 1 2.4-1.8L8 15',
  ],
  // a four-pointed spark
  idea: ['M12 3l2 7 7 2-7 2-2 7-2-7-7-2 7-2z'],
  // "?" in a circle
  question: [
    'M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
    'M9.5 9.5a2.5 2.5 0 1 1 3.4 2.3c-.6.3-.9.8-.9 1.5v.4',
    'M12 16.8v.4',
  ],
  // an arrow to the right
  action: ['M4 12h15', 'M13 6l6 6-6 6'],
  // two quotation marks
  quote: ['M10 6.5H5v5h4c0 2.8-1.2 4.5-3.5 5.5', 'M19 6.5h-5v5h4c0 2.8-1.2 4.5-3.5 5.5'],
}

/** The icon as an SVG fragment for string-built SVG (picture exports), positioned and scaled. */
export function kindIconSvg(kind: CardKind, x: number, y: number, size: number, colour: string): string {
  const s = size / 24
  const paths = KIND_ICON_PATHS[kind].map((d) => `<path d="${d}"/>`).join('')
  return `<g transform="translate(${x} ${y}) scale(${s})" fill="none" stroke="${colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</g>`
}
