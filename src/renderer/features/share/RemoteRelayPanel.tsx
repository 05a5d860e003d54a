import { useId, useState } from 'react'
import { readMeta } from '../../../core/common/session/read'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { useWorkbench } from '../../workbench/store'
import { CopyLink } from './CopyLink'
import { QrCode } from './QrCode'
import { useT } from '../../device/i18n'
import {
  durabilityText,
  needsAllowing,
  parseRelayOrigin,
  remembered,
  remotePublication,
  useRemoteDurability,
  useRemotePictures,
  useRemotePublish,
} from './remoteRelay'

/** Not words to translate: the command that runs a relay, and an example address. */
const RELAY_COMMAND = 'copro relay'
const RELAY_EXAMPLE = 'https://relay.example.org'

/**
 * "Invite people over the internet": publish the open session to a hosted relay (copro relay) and
 * show its join links. The board keeps saving on this computer as before.
 */
export function RemoteRelayPanel() {
  const session = useBoardSession()
  const board = session?.board ?? null
  const publication = session && !session.disposed ? session.scoped(remotePublication) : null
  const { store, host } = useServices()
  const t = useT()
  const sessionId = board?.sessionId ?? null
  const state = useRemotePublish(publication)
  const durability = useRemoteDurability(publication)
  const pictures = useRemotePictures(publication)
  const relays = useWorkbench(store, (s) => s.settings.relays)
  const inBrowser = useWorkbench(store, (s) => s.info?.host !== 'electron')
  const [address, setAddress] = useState(() => relays[0] ?? '')
  const [allowed, setAllowed] = useState<string | null>(null)
  const [token, setToken] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const ids = { heading: useId(), address: useId(), token: useId(), help: useId() }
  if (!board || !sessionId || !publication) return null
  const canPublish = board.identity.sessionRole === 'facilitator'
  if (!canPublish) return null
  return (
    <section className="view-section" aria-labelledby={ids.heading} data-testid="remote-relay">
      <h3 id={ids.heading} className="section-title">
        {t('share.remote.title')}
      </h3>
      {state.state === 'published' ? (
        <>
          <p role="status" data-testid="remote-state">
            {t('share.remote.published', { origin: state.origin, connected: state.connected ? 'yes' : 'no' })}
          </p>
          {durability && (
            <p data-testid="remote-saved" className={`remote-saved remote-saved-${durability}`}>
              {durabilityText(durability, state.origin)}
            </p>
          )}
          {pictures && pictures.copied + pictures.waiting + pictures.missing > 0 && (
            <p data-testid="remote-pictures">
              {pictures.waiting + pictures.missing === 0
                ? t('share.remote.picturesCopied', { count: pictures.copied })
                : t('share.remote.picturesWaiting', { count: pictures.waiting + pictures.missing })}
            </p>
          )}
          <QrCode text={state.participantLink} alt={t('share.remote.qr')} className="share-qr" />
          <CopyLink
            label={t('share.remote.participantLink')}
            url={state.participantLink}
            testId="remote-participant-link"
          />
          <CopyLink
            label={t('share.remote.observerLink')}
            url={state.observerLink}
            testId="remote-observer-link"
          />
          <button
            type="button"
            className="button"
            onClick={() => {
              void publication.unpublish()
              store.announce(t('share.remote.stopped'))
            }}
          >
            {t('share.remote.stop')}
          </button>
        </>
      ) : (
        <form
          className="fieldset"
          onSubmit={(e) => {
            e.preventDefault()
            const parsed = parseRelayOrigin(address)
            if (!parsed.ok) return setProblem(parsed.message)
            if (token.trim().length < 16) return setProblem(t('share.remote.tokenMissing'))
            setProblem(null)
            if (inBrowser && needsAllowing(parsed.origin, relays)) {
              // The page may reach only the relays in the settings (its CSP is set when it loads): remember
              // this one, then the page reloads once so the browser allows it.
              void host.call('settings.set', { relays: remembered(parsed.origin, relays) }).then((r) => {
                if (r.ok) {
                  store.set({ settings: r.value })
                  setAllowed(parsed.origin)
                } else setProblem(t('share.remote.rememberFailed', { error: r.error.message }))
              })
              return
            }
            void publication.publish(
              readMeta(board.doc).title ?? t('share.remote.defaultTitle'),
              board.doc,
              {
                origin: parsed.origin,
                adminToken: token.trim(),
              },
              board.assets,
            )
          }}
        >
          <p id={ids.help} className="help">
            {t('share.remote.help.before')} <code>{RELAY_COMMAND}</code>
            {t('share.remote.help.after')}
          </p>
          <label htmlFor={ids.address} className="field-label">
            {t('share.remote.address')}
          </label>
          <input
            id={ids.address}
            className="text-input"
            type="url"
            placeholder={RELAY_EXAMPLE}
            value={address}
            aria-describedby={ids.help}
            onChange={(e) => setAddress(e.target.value)}
          />
          <label htmlFor={ids.token} className="field-label">
            {t('share.remote.token')}
          </label>
          <input
            id={ids.token}
            className="text-input"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          {allowed && (
            <div role="status" className="notice" data-testid="remote-allow-reload">
              <p>{t('share.remote.allowed', { origin: allowed })}</p>
              <button type="button" className="button" onClick={() => window.location.reload()}>
                {t('share.remote.reload')}
              </button>
            </div>
          )}
          {(problem || state.state === 'error') && (
            <p role="alert" className="notice-error">
              {problem ?? (state.state === 'error' ? state.message : '')}
            </p>
          )}
          <button type="submit" className="button" disabled={state.state === 'publishing'}>
            {state.state === 'publishing' ? t('share.remote.publishing') : t('share.remote.publish')}
          </button>
        </form>
      )}
    </section>
  )
}
