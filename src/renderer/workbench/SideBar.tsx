import { useRef } from 'react'
import { useServices } from './context'
import { SIDEBAR_MAX, SIDEBAR_MIN, useWorkbench } from './store'
import { useT } from '../device/i18n'

/** The resizable side bar hosting the active view's sections; drag or use arrow keys on the splitter. */
export function SideBar() {
  const { store, contributions } = useServices()
  const t = useT()
  const view = useWorkbench(store, (s) => s.activeView)
  const width = useWorkbench(store, (s) => s.sidebarWidth)
  const drag = useRef<{ x: number; w: number } | null>(null)
  const spec = contributions.view(view)
  if (!spec) return null
  const setWidth = (w: number) =>
    store.set({ sidebarWidth: Math.round(Math.min(SIDEBAR_MAX, Math.max(SIDEBAR_MIN, w))) })
  return (
    <>
      <aside className="side-bar" style={{ width }} aria-labelledby="side-bar-title" data-testid="side-bar">
        <h2 id="side-bar-title" className="side-bar-title">
          {spec.title}
        </h2>
        <div className="side-bar-body">
          {contributions.sectionsOf(spec.id).map((s, i) => (
            <s.component key={i} />
          ))}
        </div>
      </aside>
      <div
        className="splitter"
        role="separator"
        aria-orientation="vertical"
        aria-label={t('workbench.sideBar.resize')}
        aria-valuemin={SIDEBAR_MIN}
        aria-valuemax={SIDEBAR_MAX}
        aria-valuenow={width}
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') setWidth(width - 20)
          else if (e.key === 'ArrowRight') setWidth(width + 20)
          else return
          e.preventDefault()
        }}
        onPointerDown={(e) => {
          drag.current = { x: e.clientX, w: width }
          e.currentTarget.setPointerCapture(e.pointerId)
        }}
        onPointerMove={(e) => {
          if (drag.current) setWidth(drag.current.w + e.clientX - drag.current.x)
        }}
        onPointerUp={() => (drag.current = null)}
      />
    </>
  )
}
