import { useEffect, useId, useRef, useState } from 'react'
import { CARD_TEXT_MAX, type CardKind } from '../../../core/common/cards/card'
import { photoCaption } from '../../../core/common/photos/photo'
import type { CellRef } from '../../../shared/model/structure'
import { PHOTO_COPY, preparePhoto, uploadPhoto } from '../../device/photos'
import type { Phone } from './usePhone'
import { newShapeId } from './writeCard'
import { useT, type TFunction } from '../../device/i18n'
import './photo.css'

const now = (): number => Date.now()

const photoCopy = (t: TFunction) => ({
  heading: t('phone.photo.heading'),
  take: t('phone.photo.take'),
  caption: t('phone.photo.caption'),
  captionHelp: t('phone.photo.captionHelp'),
  post: t('phone.photo.post'),
  sending: t('phone.photo.sending'),
  another: t('phone.photo.another'),
  offline: t('phone.photo.offline'),
  done: (where: string | null) => (where ? t('phone.photo.doneIn', { where }) : t('phone.photo.done')),
  waits: (where: string | null) => (where ? t('phone.photo.waitsIn', { where }) : t('phone.photo.waits')),
  /** The device's photo errors (device/photos.ts, in English) in the reader's language. */
  error: (message: string) =>
    message === PHOTO_COPY.tooBig
      ? t('phone.photo.tooBig')
      : message === PHOTO_COPY.notImage
        ? t('phone.photo.notImage')
        : message === PHOTO_COPY.offline
          ? t('phone.photo.offline')
          : message.startsWith(PHOTO_COPY.failed(''))
            ? t('phone.photo.failed', { why: message.slice(PHOTO_COPY.failed('').length) })
            : message,
})

/**
 * "Add a photo" on the phone screen (issue 17 item 6): the camera or the photo library through the
 * browser's file input, a caption, then a photo card of the kind and in the cell chosen above. The
 * photo is shrunk on the phone and uploaded first, so photos need a connection (the phone says so);
 * the card itself goes through the same outbox as a text card.
 */
export function PhotoAdd(props: {
  phone: Phone
  kind: CardKind
  cell: CellRef | null
  where: string | null
  privateTo: string | null
}) {
  const { phone } = props
  const COPY = photoCopy(useT())
  const ids = { file: useId(), caption: useId(), help: useId() }
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<string | null>(null)
  const [caption, setCaption] = useState('')
  const [busy, setBusy] = useState(false)
  const [said, setSaid] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const online = phone.status.link === 'connected'

  useEffect(() => {
    if (!file) return setPreview(null)
    const url = URL.createObjectURL(file)
    setPreview(url)
    return () => URL.revokeObjectURL(url)
  }, [file])

  const post = async () => {
    if (!file || busy) return
    if (!online) return setSaid(COPY.offline)
    setBusy(true)
    setSaid(COPY.sending)
    try {
      const ready = await preparePhoto(file)
      const photo = await uploadPhoto({
        origin: window.location.origin,
        sessionId: phone.conn.sessionId,
        token: phone.conn.token,
        photo: ready,
      })
      const sent = phone.add({
        id: newShapeId(),
        kind: props.kind,
        text: photoCaption(caption).slice(0, CARD_TEXT_MAX),
        cell: props.cell,
        createdAt: now(),
        privateTo: props.privateTo,
        photo,
      })
      setSaid(sent ? COPY.done(props.where) : COPY.waits(props.where))
      setFile(null)
      setCaption('')
      if (input.current) input.current.value = ''
    } catch (e) {
      setSaid(e instanceof Error ? COPY.error(e.message) : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="phone-photo" aria-labelledby={`${ids.file}-h`} data-testid="phone-photo">
      <h2 className="phone-h2" id={`${ids.file}-h`}>
        {COPY.heading}
      </h2>
      {!online && <p className="phone-photo__note">{COPY.offline.split('.')[0]}.</p>}
      <label className="phone-btn phone-btn--wide phone-photo__pick">
        {file ? COPY.another : COPY.take}
        <input
          ref={input}
          id={ids.file}
          className="phone-photo__input"
          type="file"
          accept="image/*"
          capture="environment"
          data-testid="phone-photo-file"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null)
            setSaid('')
          }}
        />
      </label>
      {file && (
        <>
          {preview && <img className="phone-photo__preview" src={preview} alt="" />}
          <label className="phone-label" htmlFor={ids.caption}>
            {COPY.caption}
          </label>
          <textarea
            id={ids.caption}
            className="phone-text"
            data-testid="phone-photo-caption"
            rows={2}
            maxLength={CARD_TEXT_MAX}
            aria-describedby={ids.help}
            value={caption}
            onChange={(e) => setCaption(e.target.value)}
          />
          <p className="phone-photo__help" id={ids.help}>
            {COPY.captionHelp}
          </p>
          <button
            type="button"
            className="phone-btn phone-btn--primary phone-btn--wide"
            data-testid="phone-photo-post"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void post()}
          >
            {COPY.post}
          </button>
        </>
      )}
      <p className="phone-said" role="status" data-testid="phone-photo-status">
        {said}
      </p>
    </section>
  )
}
