import { useId, useState } from 'react'
import { httpOriginOf } from '../../board/sync/assetStore'
import { preparePhoto, uploadPhoto } from '../../device/photos'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'

const COPY = {
  label:
    'Organisation logo (PNG or JPEG; on the report’s first page, the easy-read page and the Word report)',
  choose: 'Choose a logo…',
  remove: 'Remove the logo',
  none: 'No logo.',
  stored: 'Logo stored with the session. Save the report text to use it.',
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
      setSaid(COPY.stored)
    } catch (e) {
      setSaid(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <div className="export-field" data-testid="report-logo">
      <label htmlFor={`${id}-logo`}>{COPY.label}</label>
      {url ? (
        <img className="export-logo" src={url} alt="The logo chosen" />
      ) : (
        <p className="muted">{COPY.none}</p>
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
          {COPY.remove}
        </button>
      )}
      <p role="status" className="small">
        {said}
      </p>
    </div>
  )
}
