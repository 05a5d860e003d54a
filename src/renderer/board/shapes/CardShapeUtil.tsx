import { memo, useCallback } from 'react'
import { BaseBoxShapeUtil, HTMLContainer, stopEventPropagation, type Editor, type TLShapeId } from 'tldraw'
import { CARD_KIND_INFO } from '../../../shared/model/cardKinds'
import { cardAuthorLabel, describeCard } from '../../../core/common/cards/describeCard'
import { CARD_TEXT_MAX, type CardProps } from '../../../core/common/cards/card'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import { cardShapeProps, defaultCardProps, type CardShape } from './cardSchema'
import { cardRenderGate } from './cardRenderGate'
import { fitCardText, liftSteps } from './cardText'
import { CardPhotoImage, photoCaptionHeight } from './CardPhotoImage'
import './card.css'
import { KindIcon } from '../../device/icons/KindIcon'
import { kindLabel, roleLabel, roleShort, useT } from '../../device/i18n'
import { uiT } from '../../device/i18n/uiT'
import { cardTalk } from './cardTalk'

export { cardAuthorLabel, describeCard }

/**
 * The card shape. Rendering is deliberately plain (one memoised HTML block, no per-card subscriptions
 * except tldraw's editing flag and the render gate) so boards with thousands of cards stay smooth.
 */
export class CardShapeUtil extends BaseBoxShapeUtil<CardShape> {
  static override type = CARD_SHAPE_TYPE
  static override props = cardShapeProps

  override getDefaultProps(): CardShape['props'] {
    return defaultCardProps()
  }

  override canEdit(): boolean {
    return true
  }

  override getText(shape: CardShape): string {
    return shape.props.text
  }

  override getAriaDescriptor(shape: CardShape): string {
    return describeCard(shape.props, uiT, cardTalk(this.editor, shape.id))
  }

  override component(shape: CardShape) {
    // out of view and never drawn yet: nothing to build (see cardRenderGate)
    if (!cardRenderGate(this.editor).isShown(shape.id)) return null
    // tldraw tracks what component() reads: reading the editing id here re-renders a card when it
    // starts or stops being edited, without a hook per card
    const editing = this.editor.getEditingShapeId() === shape.id
    // the text fills the card: the largest size at which all of it fits, or cut with a "more" mark
    // a photo card's caption shares the card with its picture (photoCardText: the caption's part)
    const textH = shape.props.photo ? photoCaptionHeight(shape.props.h) : shape.props.h
    const fit = fitCardText(shape.props.w, textH, shape.props.text, shape.props.kind === 'action')
    // a cut text scrolls while its card is the one selected ("in focus"); only cut cards track that
    const focused = fit.truncated && this.editor.getOnlySelectedShapeId() === shape.id
    return (
      <CardView
        id={shape.id}
        props={shape.props}
        fontSize={fit.fontSize}
        maxLines={fit.maxLines}
        truncated={fit.truncated}
        lifts={liftSteps(shape.props.w, textH, fit.fontSize, shape.props.kind === 'action')}
        editing={editing}
        focused={focused}
        editor={this.editor}
      />
    )
  }

  override indicator(shape: CardShape) {
    return <rect width={shape.props.w} height={shape.props.h} rx={8} ry={8} />
  }
}

interface CardViewProps {
  id: TLShapeId
  props: CardProps
  /** From fitCardText (primitives, so the memo holds when nothing changed). */
  fontSize: number
  maxLines: number
  truncated: boolean
  /** Larger steps the text may be drawn at when its own is too small to read (liftSteps). */
  lifts: string
  editing: boolean
  focused: boolean
  editor: Editor
}

/** The card's colours from the theme's palette (device/canvasPalette.ts), the light colours as fallback. */
const cardStyle = (k: string, fallback: string): React.CSSProperties =>
  ({
    background: `var(--copro-kind-${k}-bg, ${fallback})`,
    color: `var(--copro-kind-${k}-fg, #1a1a1a)`,
    borderColor: `var(--copro-kind-${k}-border, rgba(0, 0, 0, 0.3))`,
    '--copro-card-muted': `var(--copro-kind-${k}-muted, rgba(0, 0, 0, 0.7))`,
  }) as React.CSSProperties

/**
 * Static markup for the card; only the card being edited mounts the (hooked) text editor. Screen
 * readers get the card through tldraw's announcements (getAriaDescriptor), not an aria-label here:
 * the canvas shapes are not focusable elements, and building 2,000 labels costs time at load.
 */
const CardView = memo(function CardView({
  id,
  props,
  fontSize,
  maxLines,
  truncated,
  lifts,
  editing,
  focused,
  editor,
}: CardViewProps) {
  const t = useT()
  const kind = CARD_KIND_INFO[props.kind]
  const role = COPRO_ROLE_INFO[props.authorRole]
  return (
    <HTMLContainer
      className="copro-card"
      data-testid="card-shape"
      data-kind={props.kind}
      data-role={props.authorRole}
      data-photo={props.photo ? true : undefined}
      data-editing={editing || undefined}
      data-fs={fontSize}
      data-truncated={truncated || undefined}
      data-lifts={lifts || undefined}
      data-focused={focused || undefined}
      title={truncated ? props.text : undefined}
      style={
        {
          ...cardStyle(props.kind, kind.colour),
          '--card-fs': `${fontSize}px`,
          '--card-lines': maxLines,
        } as React.CSSProperties
      }
    >
      <div className="copro-card__head">
        <KindIcon kind={props.kind} /> {kindLabel(t, props.kind)}
        <span
          className="copro-card__role"
          style={{ background: role.colour }}
          title={roleLabel(t, props.authorRole)}
        >
          {roleShort(t, props.authorRole)}
        </span>
      </div>
      {props.photo && <CardPhotoImage editor={editor} assetId={props.photo.assetId} caption={props.text} />}
      {editing ? (
        <CardTextEditor id={id} text={props.text} label={kindLabel(t, props.kind)} editor={editor} />
      ) : (
        <div
          className={props.text ? 'copro-card__text' : 'copro-card__text copro-card__text--empty'}
          dir="auto"
          data-testid="card-text"
        >
          {props.text || t('board.card.empty')}
        </div>
      )}
      {truncated && !editing && (
        <span className="copro-card__more" data-testid="card-more" aria-hidden="true">
          {t('board.card.more')}
        </span>
      )}
      <div className="copro-card__foot">
        <span data-testid="card-author" dir="auto">
          {cardAuthorLabel(props, {
            anonymous: t('board.card.anonymous'),
            scribed: (who) => t('board.card.scribed', { who }),
          })}
        </span>
        {props.kind === 'action' && (
          <>
            <span data-testid="card-owner">{t('board.card.owner', { owner: props.owner || '—' })}</span>
            <span data-testid="card-due">{t('board.card.due', { due: props.due || '—' })}</span>
          </>
        )}
      </div>
    </HTMLContainer>
  )
})

interface CardTextEditorProps {
  id: TLShapeId
  text: string
  label: string
  editor: Editor
}

function CardTextEditor({ id, text, label, editor }: CardTextEditorProps) {
  const onChange = useCallback(
    (e: React.ChangeEvent<HTMLTextAreaElement>) => {
      const next = e.currentTarget.value.slice(0, CARD_TEXT_MAX)
      editor.updateShape<CardShape>({ id, type: CARD_SHAPE_TYPE, props: { text: next } })
    },
    [editor, id],
  )
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
      if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault()
        editor.setEditingShape(null)
        editor.select(id)
      }
      e.stopPropagation()
    },
    [editor, id],
  )
  return (
    <textarea
      className="copro-card__editor"
      dir="auto"
      autoFocus
      aria-label={`${label} card text`}
      maxLength={CARD_TEXT_MAX}
      value={text}
      onChange={onChange}
      onKeyDown={onKeyDown}
      onPointerDown={stopEventPropagation}
      onFocus={(e) => e.currentTarget.select()}
    />
  )
}
