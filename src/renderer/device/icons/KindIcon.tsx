import type { CardKind } from '../../../shared/model/cardKinds'
import { KIND_ICON_PATHS, KIND_ICON_VIEWBOX } from './kindIconPaths'

export interface KindIconProps {
  kind: CardKind
  /** CSS size (default 1em: follows the text beside it). */
  size?: string
  className?: string
}

/**
 * A card kind's icon (bundled SVG, see kindIconPaths.ts). Decorative: it always sits next to the kind's
 * label, so it is hidden from screen readers. Drawn in `currentColor`, so it follows the theme.
 */
export function KindIcon({ kind, size = '1em', className }: KindIconProps) {
  return (
    <svg
      className={className ? `copro-kind-icon ${className}` : 'copro-kind-icon'}
      viewBox={KIND_ICON_VIEWBOX}
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      data-kind-icon={kind}
      style={{ verticalAlign: '-0.125em', flex: 'none' }}
    >
      {KIND_ICON_PATHS[kind].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  )
}
