import { memo } from 'react'
import type { TemplatePreview } from '../../../core/common/templates'

/** A small drawing of a template's structure; `label` is its text alternative. */
export const TemplateThumbnail = memo(function TemplateThumbnail({
  preview,
  label,
}: {
  preview: TemplatePreview
  label: string
}) {
  const { bounds: b, boxes } = preview
  const stroke = Math.max(b.w, b.h) / 150
  return (
    <svg
      className="template-thumb"
      role="img"
      aria-label={label}
      viewBox={`${b.x} ${b.y} ${b.w} ${b.h}`}
      preserveAspectRatio="xMidYMid meet"
      focusable="false"
    >
      {boxes.map((box) => (
        <rect
          key={`${box.role}:${box.id}`}
          className={`template-thumb__${box.role}`}
          x={box.x}
          y={box.y}
          width={box.w}
          height={box.h}
          strokeWidth={stroke}
          rx={box.role === 'zone' ? stroke * 4 : 0}
        />
      ))}
    </svg>
  )
})
