import { formatBinding } from '../../core/common/workbench/keybindings'
import { useServices } from './context'
import { ViewIcon } from './icons'
import { useWorkbench } from './store'
import { useT } from '../device/i18n'

/** The vertical bar of view buttons on the far left, as in VS Code. Arrow keys move between buttons. */
export function ActivityBar() {
  const { store, commands, contributions } = useServices()
  const t = useT()
  const active = useWorkbench(store, (s) => s.activeView)
  const onKeyDown = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')]
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next = buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]
    next?.focus()
    e.preventDefault()
  }
  return (
    <nav className="activity-bar" aria-label={t('workbench.activityBar.label')} onKeyDown={onKeyDown}>
      {contributions.views.map((v) => (
        <button
          key={v.id}
          type="button"
          className={`activity-item${active === v.id ? ' active' : ''}`}
          aria-pressed={active === v.id}
          aria-label={v.title}
          title={`${v.title} (${formatBinding(v.keybinding, commands.isMac)})`}
          data-view={v.id}
          onClick={() => store.toggleView(v.id)}
        >
          <ViewIcon icon={v.icon} />
        </button>
      ))}
    </nav>
  )
}
