import { useValue, type Editor } from 'tldraw'
import type { Spotlight } from '../../../../core/common/facilitation/schema'
import { useT } from '../../../device/i18n'

/** Dims everything but the spotlit rectangle (pointer events pass through: people can still work). */
export function SpotlightOverlay({ editor, spotlight }: { editor: Editor; spotlight: Spotlight }) {
  const t = useT()
  const box = useValue(
    'spotlight box',
    () => {
      const a = editor.pageToViewport({ x: spotlight.x, y: spotlight.y })
      const b = editor.pageToViewport({ x: spotlight.x + spotlight.w, y: spotlight.y + spotlight.h })
      const vp = editor.getViewportScreenBounds()
      return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y, vw: vp.w, vh: vp.h }
    },
    [editor, spotlight],
  )
  const { x, y, w, h, vw, vh } = box
  const r = (left: number, top: number, width: number, height: number) => ({
    left,
    top,
    width: Math.max(0, width),
    height: Math.max(0, height),
  })
  return (
    <div className="facil-spotlight" data-testid="facil-spotlight" aria-hidden="false">
      <span className="facil-sr-only" role="status">
        {t('facilitation.spotlight', { label: spotlight.label || t('facilitation.spotlightArea') })}
      </span>
      <div className="facil-spotlight__dim" style={r(0, 0, vw, y)} />
      <div className="facil-spotlight__dim" style={r(0, y + h, vw, vh - y - h)} />
      <div className="facil-spotlight__dim" style={r(0, y, x, h)} />
      <div className="facil-spotlight__dim" style={r(x + w, y, vw - x - w, h)} />
      <div className="facil-spotlight__frame" style={r(x, y, w, h)} />
    </div>
  )
}
