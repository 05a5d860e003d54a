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
import { useLocale, useT, type TFunction } from '../../device/i18n'
import type { MessageKey } from '../../../shared/i18n'
import './share.css'

const EXPIRY_CHOICES: readonly { seconds: number | null; label: MessageKey }[] = [
  { seconds: null, label: 'share.expiry.untilStop' },
  { seconds: 2 * 3600, label: 'share.expiry.2h' },
  { seconds: 8 * 3600, label: 'share.expiry.8h' },
  { seconds: 24 * 3600, label: 'share.expiry.1d' },
]

/** A network in words; a plain interface is a name and an address, which read left to right in every language. */
function describe(i: ShareInterface, t: TFunction): React.ReactNode {
  if (i.internal) return t('share.network.internal', { address: i.address })
  const where = `${i.name}: ${i.address}${i.family === 'IPv6' ? ' (IPv6)' : ''}`
  return <bdi dir="ltr">{where}</bdi>
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
  const t = useT()
  const { locale } = useLocale()
  const sessionId = board?.sessionId ?? null
  const share = useShare(sessionId)
  const ui = useShareUi(shareUi)
  const [address, setAddress] = useState<string | null>(null)
  const [expiry, setExpiry] = useState(0)
  const [showObserverQr, setShowObserverQr] = useState(false)
  const section = useRef<HTMLElement>(null)
  const ids = { title: useId(), expiry: useId() }
  const title = (board && readMeta(board.doc).title) || t('share.thisSession')
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
        {t('share.title')}
      </h3>
      {!sessionId ? (
        <p className="muted">{t('share.noSession')}</p>
      ) : !share.status ? (
        <p className="muted">{t('share.checking')}</p>
      ) : links ? (
        <>
          <p className="share-state" data-testid="share-state">
            <strong>{t('share.shared')}</strong>{' '}
            {t('share.sharedOn', { address: `${links.address}:${links.port}` })}{' '}
            <span data-testid="share-guests" data-count={guests}>
              {t('share.guests', { count: guests })}
            </span>
          </p>
          <QrCode
            text={links.participantUrl}
            alt={t('share.qr.participant')}
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
              {t('share.fullScreen')}
            </button>
          </div>
          <CopyLink
            label={t('share.link.participant')}
            url={links.participantUrl}
            testId="share-participant-url"
          />
          <CopyLink label={t('share.link.observer')} url={links.observerUrl} testId="share-observer-url" />
          <button
            type="button"
            className="button small"
            onClick={() => setShowObserverQr((v) => !v)}
            aria-expanded={showObserverQr}
          >
            {showObserverQr ? t('share.qr.hideObserver') : t('share.qr.showObserver')}
          </button>
          {showObserverQr && (
            <QrCode
              text={links.observerUrl}
              alt={t('share.qr.observer')}
              className="share-qr"
              testId="share-observer-qr"
            />
          )}
          <p className="help">
            {links.expiresAt
              ? t('share.expiry.at', { time: new Date(links.expiresAt).toLocaleString(locale) })
              : t('share.expiry.none')}
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
                  store.announce(t('share.stop.done'))
                })
              }
            >
              {t('share.stop.button')}
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
              .then((ok) => ok && store.announce(t('share.start.done')))
          }}
        >
          <p className="help">{t('share.notShared')}</p>
          <fieldset className="fieldset share-networks">
            <legend>{t('share.network.legend')}</legend>
            {share.interfaces === null ? (
              <p className="muted">{t('share.network.looking')}</p>
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
                  {describe(i, t)}
                </label>
              ))
            )}
            {share.interfaces?.every((i) => i.internal) && <p className="help">{t('share.network.none')}</p>}
          </fieldset>
          <label htmlFor={ids.expiry} className="field-label">
            {t('share.expiry.label')}
          </label>
          <select
            id={ids.expiry}
            className="text-input"
            value={expiry}
            onChange={(e) => setExpiry(Number(e.target.value))}
          >
            {EXPIRY_CHOICES.map((c, i) => (
              <option key={c.label} value={i}>
                {t(c.label)}
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
              {t('share.start.button')}
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
