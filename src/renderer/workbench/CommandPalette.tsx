import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { fuzzyFilter } from '../../core/common/workbench/fuzzy'
import { formatBinding } from '../../core/common/workbench/keybindings'
import { useServices } from './context'
import { useWorkbench } from './store'
import { useT } from '../device/i18n'

/** Ctrl/Cmd+Shift+P: fuzzy search over every registered command, with its shortcut shown. */
export function CommandPalette() {
  const { store, commands } = useServices()
  const open = useWorkbench(store, (s) => s.paletteOpen)
  if (!open) return null
  return (
    <PaletteDialog
      onClose={() => store.set({ paletteOpen: false })}
      run={(id) => void commands.execute(id)}
    />
  )
}

function PaletteDialog({ onClose, run }: { onClose: () => void; run: (id: string) => void }) {
  const { commands } = useServices()
  const t = useT()
  const version = useSyncExternalStore(commands.subscribe, commands.getVersion)
  const [query, setQuery] = useState('')
  const [index, setIndex] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  const returnFocus = useRef<Element | null>(document.activeElement)
  const items = useMemo(
    () =>
      fuzzyFilter(
        query,
        commands
          .list()
          .sort((a, b) => `${a.category}: ${a.title}`.localeCompare(`${b.category}: ${b.title}`)),
        (c) => `${c.category}: ${c.title}`,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [query, version, commands],
  )
  useEffect(() => {
    input.current?.focus()
    const back = returnFocus.current
    return () => {
      if (back instanceof HTMLElement && back.isConnected) back.focus()
    }
  }, [])
  const current = Math.min(index, Math.max(0, items.length - 1))
  const choose = (id: string | undefined) => {
    if (!id) return
    onClose()
    // Run after the palette has closed and focus has returned.
    setTimeout(() => run(id), 0)
  }
  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label={t('workbench.palette.label')}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose()
          else if (e.key === 'ArrowDown') setIndex((current + 1) % Math.max(1, items.length))
          else if (e.key === 'ArrowUp') setIndex((current - 1 + items.length) % Math.max(1, items.length))
          else if (e.key === 'Enter') choose(items[current]?.id)
          else if (e.key === 'Tab') e.preventDefault()
          else return
          e.preventDefault()
          e.stopPropagation()
        }}
      >
        <input
          ref={input}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={items[current] ? `cmd-${items[current].id}` : undefined}
          aria-autocomplete="list"
          aria-label={t('workbench.palette.input')}
          placeholder={t('workbench.palette.placeholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setIndex(0)
          }}
        />
        <ul
          id="palette-list"
          className="palette-list"
          role="listbox"
          aria-label={t('workbench.palette.list')}
        >
          {items.map((c, i) => (
            <li
              key={c.id}
              id={`cmd-${c.id}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'selected' : ''}
              onMouseEnter={() => setIndex(i)}
              onClick={() => choose(c.id)}
            >
              <span className="palette-title">
                <span className="palette-category">{c.category}: </span>
                {c.title}
              </span>
              {c.keybinding && <kbd>{formatBinding(c.keybinding, commands.isMac)}</kbd>}
            </li>
          ))}
          {items.length === 0 && (
            <li role="option" aria-selected="false" aria-disabled="true" className="palette-empty">
              {t('workbench.palette.empty')}
            </li>
          )}
        </ul>
      </div>
    </div>
  )
}
