import { useEffect, useId, useRef, useState } from 'react'
import type { ShareInterface } from '../../../shared/api'
import { readMeta } from '../../../core/common/session/read'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { CopyLink } from './CopyLink'
import { QrCode } from './QrCode'
import { JoinCodeHint } from './JoinCodeHint'
import { QrFullScreen } from './QrFullScreen'
import { shareUiKey, useShareUi } from './shareUi'
import { useShare } from './useShare'
import './share.css'

const EXPIRY_CHOICES: readonly { seconds: number | null; label: string }[] = [
  { seconds: null, label: 'Until I stop sharing' },
  { seconds: 2 * 3600, label: '2 hours' },
  { seconds: 8 * 3600, label: '8 hours' },
  { seconds: 24 * 3600, label: '1 day' },
]

function describe(i: ShareInterface): string {
  if (i.internal) return `This computer only (${i.address}), for trying it out`
  return `${i.name}: ${i.address}${i.family === 'IPv6' ? ' (IPv6)' : ''}`
}

/**
 * Share session (facilitator): pick a network, start sharing, then the participant link with its QR
 * code (full screen for projecting), the observer link, how many guests are connected, and Stop
 * sharing, which revokes every guest link and disconnects guests. Nothing is shared until a network is
 * chosen: the server listens on this computer only by default.
 */
export function SharePanel() {
  const session = useBoardSession()
  const board = session?.board ?? null
  const shareUi = session && !session.disposed ? session.scoped(shareUiKey) : null
  const { store } = useServices()
  const sessionId = board?.sessionId ?? null
  const share = useShare(sessionId)
  const ui = useShareUi(shareUi)
  const [address, setAddress] = useState<string | null>(null)
  const [expiry, setExpiry] = useState(0)
  const [showObserverQr, setShowObserverQr] = useState(false)
  const section = useRef<HTMLElement>(null)
  const ids = { title: useId(), expiry: useId() }
  const title = (board && readMeta(board.doc).title) || 'this session'
  const links = share.status?.shared ? share.status.links : null

  useEffect(() => {
    if (ui.focusRequest > 0) section.current?.focus()
  }, [ui.focusRequest])
  useEffect(() => {
    if (share.interfaces && address && !share.interfaces.some((i) => i.address === address)) setAddress(null)
  }, [share.interfaces, address])
  // the full-screen code only exists while there is a link to show
  useEffect(() => {
    if (ui.fullScreen && share.status && !links) shareUi?.set({ fullScreen: false })
  }, [ui.fullScreen, share.status, links, shareUi])

  const guests = share.status?.guests ?? 0
  return (
    <section
      ref={section}
      className="view-section share-panel"
      aria-labelledby={ids.title}
      tabIndex={-1}
      data-testid="share-panel"
      id="share-panel"
    >
      <h3 id={ids.title} className="section-title">
        Share session
      </h3>
      {!sessionId ? (
        <p className="muted">Open a session to share it with people in the room or online.</p>
      ) : !share.status ? (
        <p className="muted">Checking…</p>
      ) : links ? (
        <>
          <p className="share-state" data-testid="share-state">
            <strong>Shared</strong> on {links.address}:{links.port}.{' '}
            <span data-testid="share-guests" data-count={guests}>
              {guests === 0
                ? 'No guests yet.'
                : guests === 1
                  ? '1 guest connected.'
                  : `${guests} guests connected.`}
            </span>
          </p>
          <QrCode
            text={links.participantUrl}
            alt="QR code of the participant link"
            className="share-qr"
            testId="share-qr"
          />
          <JoinCodeHint links={links} />
          <div className="view-actions">
            <button
              type="button"
              className="button primary"
              data-testid="share-fullscreen"
              onClick={() => shareUi?.set({ fullScreen: true })}
            >
              Show QR full screen
            </button>
          </div>
          <CopyLink
            label="Participant link (can add cards and vote)"
            url={links.participantUrl}
            testId="share-participant-url"
          />
          <CopyLink
            label="Observer link (can only watch)"
            url={links.observerUrl}
            testId="share-observer-url"
          />
          <button
            type="button"
            className="button small"
            onClick={() => setShowObserverQr((v) => !v)}
            aria-expanded={showObserverQr}
          >
            {showObserverQr ? 'Hide observer QR code' : 'Show observer QR code'}
          </button>
          {showObserverQr && (
            <QrCode
              text={links.observerUrl}
              alt="QR code of the observer link"
              className="share-qr"
              testId="share-observer-qr"
            />
          )}
          <p className="help">
            {links.expiresAt
              ? `The links stop working at ${new Date(links.expiresAt).toLocaleString()}, when you stop sharing, or when Copro Studio closes.`
              : 'The links work until you stop sharing or close Copro Studio. After a restart, share again for new links.'}
          </p>
          <div className="view-actions">
            <button
              type="button"
              className="button share-stop"
              data-testid="share-stop"
              disabled={share.busy}
              onClick={() =>
                void share.stop().then((ok) => {
                  if (!ok) return
                  setAddress(null) // sharing again is a new, explicit choice
                  store.announce('Sharing stopped. Guests were disconnected.')
                })
              }
            >
              Stop sharing
            </button>
          </div>
        </>
      ) : (
        <form
          className="share-start"
          onSubmit={(e) => {
            e.preventDefault()
            if (!address) return
            void share
              .start(address, EXPIRY_CHOICES[expiry]?.seconds ?? null)
              .then((ok) => ok && store.announce('Sharing started. The join link and QR code are ready.'))
          }}
        >
          <p className="help">
            Not shared: only this computer can open the board. Choose the network that participants’ phones
            are on (usually the wifi).
          </p>
          <fieldset className="fieldset share-networks">
            <legend>Network</legend>
            {share.interfaces === null ? (
              <p className="muted">Looking for networks…</p>
            ) : (
              share.interfaces.map((i) => (
                <label key={`${i.name}-${i.address}`} className="radio">
                  <input
                    type="radio"
                    name="share-address"
                    value={i.address}
                    checked={address === i.address}
                    onChange={() => setAddress(i.address)}
                    data-testid={`share-address-${i.address}`}
                  />
                  {describe(i)}
                </label>
              ))
            )}
            {share.interfaces?.every((i) => i.internal) && (
              <p className="help">
                No network found. Connect this computer to the room’s wifi, then reopen this view.
              </p>
            )}
          </fieldset>
          <label htmlFor={ids.expiry} className="field-label">
            Links work for
          </label>
          <select
            id={ids.expiry}
            className="text-input"
            value={expiry}
            onChange={(e) => setExpiry(Number(e.target.value))}
          >
            {EXPIRY_CHOICES.map((c, i) => (
              <option key={c.label} value={i}>
                {c.label}
              </option>
            ))}
          </select>
          <div className="view-actions">
            <button
              type="submit"
              className="button primary"
              disabled={!address || share.busy}
              data-testid="share-start"
            >
              Start sharing
            </button>
          </div>
        </form>
      )}
      {share.error && (
        <p className="share-error" role="alert">
          {share.error}
        </p>
      )}
      {ui.fullScreen && links && (
        <QrFullScreen
          url={links.participantUrl}
          links={links}
          title={title}
          onClose={() => shareUi?.set({ fullScreen: false })}
        />
      )}
    </section>
  )
}
