import { useId, useState } from 'react'
import { CARD_KINDS, CARD_TEXT_MAX, type CardKind } from '../../../core/common/cards/card'
import { photoCaption } from '../../../core/common/photos/photo'
import { parseCellKey } from './outlineModel'
import type { SessionBoard } from '../../session/BoardSession'
import { kindLabel, useT, type TFunction } from '../../device/i18n'

const photoCardCopy = (t: TFunction) => ({
  title: t('outline.photo.title'),
  help: t('outline.photo.help'),
  file: t('outline.photo.file'),
  caption: t('outline.photo.caption'),
  kind: t('outline.card.kind'),
  cell: t('outline.photo.cell'),
  add: t('outline.photo.add'),
  adding: t('outline.photo.adding'),
  added: (where: string) => t('outline.photo.added', { where }),
  readOnly: t('outline.photo.readOnly'),
  theBoard: t('outline.photo.theBoard'),
})

/**
 * The desktop's "Add photo" (issue 17 item 6): a photo card from a file, with a caption, in a chosen
 * cell — the same card a phone posts (placed by the board's placement rules, authored by this person).
 * Pictures pasted or dropped on the canvas stay pictures (the outline lists them apart).
 */
export function AddPhotoCard(p: {
  board: SessionBoard
  choices: readonly { key: string; label: string }[]
  cellKey: string
  say(text: string): void
}) {
  const ids = { title: useId(), file: useId(), caption: useId(), kind: useId(), cell: useId() }
  const t = useT()
  const COPY = photoCardCopy(t)
  const [file, setFile] = useState<File | null>(null)
  const [caption, setCaption] = useState('')
  const [kind, setKind] = useState<CardKind>('idea')
  const [cellKey, setCellKey] = useState(p.cellKey)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const cell = p.choices.some((c) => c.key === cellKey) ? cellKey : p.cellKey

  const add = async () => {
    if (!file || busy) return
    setBusy(true)
    setStatus(COPY.adding)
    try {
      const photo = await p.board.uploadPhoto(file)
      const ref = parseCellKey(cell)
      const text = photoCaption(caption).slice(0, CARD_TEXT_MAX)
      if (!p.board.cards.add(kind, text, ref.type === 'unplaced' ? null : ref, { photo }))
        throw new Error(COPY.readOnly)
      const where = p.choices.find((c) => c.key === cell)?.label ?? COPY.theBoard
      setStatus(COPY.added(where))
      p.say(COPY.added(where))
      setFile(null)
      setCaption('')
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="outline-add" aria-labelledby={ids.title} data-testid="add-photo-card">
      <h3 id={ids.title} className="outline-subtitle">
        {COPY.title}
      </h3>
      <p className="help">{COPY.help}</p>
      <label htmlFor={ids.file}>{COPY.file}</label>
      <input
        id={ids.file}
        type="file"
        accept="image/png,image/jpeg,image/webp,image/gif"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        data-testid="add-photo-file"
      />
      <label htmlFor={ids.caption}>{COPY.caption}</label>
      <textarea
        id={ids.caption}
        rows={2}
        maxLength={CARD_TEXT_MAX}
        value={caption}
        onChange={(e) => setCaption(e.target.value)}
      />
      <div className="outline-add-fields">
        <span>
          <label htmlFor={ids.kind}>{COPY.kind}</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as CardKind)}>
            {CARD_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label htmlFor={ids.cell}>{COPY.cell}</label>
          <select id={ids.cell} value={cell} onChange={(e) => setCellKey(e.target.value)}>
            {p.choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </span>
      </div>
      <button type="button" className="button primary" onClick={() => void add()} disabled={!file || busy}>
        {COPY.add}
      </button>
      <p role="status" className="small">
        {status}
      </p>
    </section>
  )
}
