import { useEffect, useRef, useState } from 'react'
import { TldrawUiIcon, useEditor, usePassThroughWheelEvents, useValue } from 'tldraw'
import { CARD_KIND_INFO, CARD_KINDS, type CardKind } from '../../../core/common/cards/card'
import { KindIcon } from '../../device/icons/KindIcon'
import { LINK_KINDS } from '../../../core/common/cards/link'
import { ARROW_SHAPE_TYPE } from '../../../core/common/cards/cardRecord'
import { createLinkOps } from '../links/linkOps'
import { useBoardCanvas } from './boardCanvasContext'
import { COVERS_ATTR } from '../structure/camera'
import './canvasToolbar.css'
import { kindLabel, useT } from '../../device/i18n'

const TOOLS = [
  { id: 'select', icon: 'tool-pointer', label: 'board.tool.select', key: 'V' },
  { id: 'hand', icon: 'tool-hand', label: 'board.tool.hand', key: 'H' },
  { id: 'arrow', icon: 'tool-arrow', label: 'board.tool.arrow', key: 'A' },
] as const

/**
 * The board's toolbar (in tldraw's toolbar slot): select, move the view, link two cards, and a Card
 * button whose menu lists the seven kinds (icon + label) and opens the composer. Nothing else: every
 * shape made here is workshop data (ADR 0034).
 */
export function CanvasToolbar() {
  const editor = useEditor()
  const board = useBoardCanvas()
  const t = useT()
  const ref = useRef<HTMLDivElement>(null)
  usePassThroughWheelEvents(ref as React.RefObject<HTMLElement>)
  const current = useValue('tool', () => editor.getCurrentToolId(), [editor])
  const readOnly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  const [menuOpen, setMenuOpen] = useState(false)
  const menuRef = useRef<HTMLDivElement>(null)
  const cardButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (menuOpen) menuRef.current?.querySelector<HTMLButtonElement>('button')?.focus()
  }, [menuOpen])

  const choose = (kind?: CardKind) => {
    setMenuOpen(false)
    board?.openComposer(kind)
  }
  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
    const i = items.indexOf(document.activeElement as HTMLButtonElement)
    const move = (to: number) => items[(to + items.length) % items.length]?.focus()
    e.stopPropagation()
    if (e.key === 'Escape') {
      e.preventDefault()
      setMenuOpen(false)
      cardButton.current?.focus()
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowRight') {
      e.preventDefault()
      move(i + 1)
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') {
      e.preventDefault()
      move(i - 1)
    } else if (e.key === 'Home') {
      e.preventDefault()
      move(0)
    } else if (e.key === 'End') {
      e.preventDefault()
      move(items.length - 1)
    } else if (/^[1-7]$/.test(e.key)) {
      e.preventDefault()
      choose(CARD_KINDS[Number(e.key) - 1])
    }
  }

  return (
    <div
      ref={ref}
      className="tlui-toolbar copro-toolbar"
      data-testid="canvas-toolbar"
      {...{ [COVERS_ATTR]: 'bottom' }}
    >
      <div role="toolbar" aria-label={t('board.toolbar.label')} className="copro-toolbar__inner">
        {TOOLS.map((tool) => (
          <button
            key={tool.id}
            type="button"
            className="copro-toolbar__button"
            aria-pressed={current === tool.id}
            title={t('board.tool.withKey', { tool: t(tool.label), key: tool.key })}
            data-testid={`tool-${tool.id}`}
            onClick={() => editor.setCurrentTool(tool.id)}
          >
            <span aria-hidden="true" className="copro-toolbar__icon">
              <TldrawUiIcon icon={tool.icon} label={t(tool.label)} small />
            </span>
            <span>{t(tool.label)}</span>
          </button>
        ))}
        {!readOnly && <LinkKindChooser />}
        {!readOnly && (
          <span className="copro-toolbar__card">
            <button
              ref={cardButton}
              type="button"
              className="copro-toolbar__button copro-toolbar__button--card"
              aria-haspopup="menu"
              aria-expanded={menuOpen}
              title={t('board.tool.newCard')}
              data-testid="tool-card"
              onClick={() => setMenuOpen((o) => !o)}
            >
              <KindIcon kind="idea" />
              <span>{t('board.tool.card')}</span>
            </button>
            {menuOpen && (
              <div
                ref={menuRef}
                role="menu"
                aria-label={t('board.tool.newCardOfKind')}
                className="copro-toolbar__menu"
                data-testid="card-kind-menu"
                onKeyDown={onMenuKey}
                onBlur={(e) => {
                  if (
                    !e.currentTarget.contains(e.relatedTarget as Node) &&
                    e.relatedTarget !== cardButton.current
                  )
                    setMenuOpen(false)
                }}
              >
                {CARD_KINDS.map((k, i) => (
                  <button
                    key={k}
                    type="button"
                    role="menuitem"
                    tabIndex={-1}
                    className="copro-toolbar__kind"
                    data-kind={k}
                    data-testid={`card-kind-${k}`}
                    onClick={() => choose(k)}
                  >
                    <span
                      className="copro-toolbar__swatch"
                      aria-hidden="true"
                      style={{
                        background: `var(--copro-kind-${k}-bg, ${CARD_KIND_INFO[k].colour})`,
                        color: `var(--copro-kind-${k}-fg, #1a1a1a)`,
                      }}
                    >
                      <KindIcon kind={k} />
                    </span>
                    {kindLabel(t, k)}
                    <span className="copro-toolbar__key" aria-hidden="true">
                      {i + 1}
                    </span>
                  </button>
                ))}
              </div>
            )}
          </span>
        )}
      </div>
    </div>
  )
}

/** With one link selected: its kind, changed here (addresses, causes, relates to). */
function LinkKindChooser() {
  const editor = useEditor()
  const link = useValue(
    'selected link',
    () => {
      const s = editor.getOnlySelectedShape()
      return s && s.type === ARROW_SHAPE_TYPE ? createLinkOps(editor).get(s.id) : null
    },
    [editor],
  )
  const t = useT()
  if (!link) return null
  return (
    <fieldset className="copro-toolbar__link" data-testid="link-kind">
      <legend>{t('board.link.legend')}</legend>
      {LINK_KINDS.map((k) => (
        <label key={k}>
          <input
            type="radio"
            name="copro-link-kind"
            checked={link.kind === k}
            onChange={() => createLinkOps(editor).setKind(link.arrowId, k)}
            data-testid={`link-kind-${k}`}
          />
          {t(`board.link.${k}`)}
        </label>
      ))}
    </fieldset>
  )
}
