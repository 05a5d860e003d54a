import { useId, useState } from 'react'
import { httpOriginOf } from '../../board/sync/assetStore'
import { preparePhoto, uploadPhoto } from '../../device/photos'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { useT } from '../../device/i18n'

const COPY = {
  label: 'export.logo.label',
  choose: 'export.logo.choose',
  remove: 'export.logo.remove',
  none: 'export.logo.none',
  stored: 'export.logo.stored',
} as const

/**
 * The organisation's logo in the report settings (issue 17 item 7): an image stored through the
 * session's asset store (like photos: shrunk to at most 2,000 px, never base64 in the document); the
 * report settings keep its asset id.
 */
export function LogoField({ value, onChange }: { value: string; onChange(assetId: string): void }) {
  const board = useBoardSession()?.board ?? null
  const { host } = useServices()
  const id = useId()
  const t = useT()
  const [said, setSaid] = useState('')
  const url = value && board ? board.imageUrl({ photoId: value }) : null

  const choose = async (file: File | undefined) => {
    if (!file || !board) return
    setSaid('')
    try {
      const conn = await host.call('board.connect', { id: board.sessionId })
      if (!conn.ok) throw new Error(conn.error.message)
      const photo = await uploadPhoto({
        origin: httpOriginOf(conn.value.syncUrl),
        sessionId: board.sessionId,
        token: conn.value.token,
        photo: await preparePhoto(file),
      })
      onChange(photo.assetId)
      setSaid(t(COPY.stored))
    } catch (e) {
      setSaid(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <div className="export-field" data-testid="report-logo">
      <label htmlFor={`${id}-logo`}>{t(COPY.label)}</label>
      {url ? (
        <img className="export-logo" src={url} alt={t('export.logo.alt')} />
      ) : (
        <p className="muted">{t(COPY.none)}</p>
      )}
      <input
        id={`${id}-logo`}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        data-testid="report-logo-file"
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      {value && (
        <button type="button" className="button small" onClick={() => onChange('')}>
          {t(COPY.remove)}
        </button>
      )}
      <p role="status" className="small">
        {said}
      </p>
    </div>
  )
}
