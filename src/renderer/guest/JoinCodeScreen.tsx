import { useId, useRef, useState } from 'react'
import type { MessageKey } from '../../shared/i18n'
import { useT } from '../device/i18n'
import { joinLinkPath, lookUpJoinCode, type CodeLookup } from './joinExchange'
import { LanguagePicker } from './LanguagePicker'
import './guest.css'

const PROBLEMS: Readonly<Record<Exclude<CodeLookup['kind'], 'ok'>, MessageKey>> = {
  invalid: 'joinCode.problem.invalid',
  unknown: 'joinCode.problem.unknown',
  busy: 'joinCode.problem.busy',
  unreachable: 'guest.unreachable',
}

/**
 * For people who cannot scan the QR code: type the six-character join code shown beside it, at the
 * facilitator's address (`http://<address>/join`, or `/?code=ABC234`). The code opens the same join link
 * as the QR code, and stops working when the facilitator stops sharing.
 */
export function JoinCodeScreen({ initialCode = '' }: { initialCode?: string }) {
  const t = useT()
  const [code, setCode] = useState(initialCode)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const ids = { title: useId(), code: useId(), hint: useId(), problem: useId() }

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    const r = await lookUpJoinCode(code)
    setBusy(false)
    if (r.kind === 'ok') {
      window.location.assign(joinLinkPath(r.link))
      return
    }
    setProblem(t(PROBLEMS[r.kind]))
    input.current?.focus()
  }

  return (
    <main className="guest-join" aria-labelledby={ids.title} data-testid="guest-join-code">
      <form className="guest-join__form" onSubmit={(e) => void submit(e)} noValidate>
        <LanguagePicker />
        <p className="guest-join__kicker">{t('guest.kicker')}</p>
        <h1 id={ids.title} className="guest-join__title">
          {t('joinCode.title')}
        </h1>
        <div className="guest-field">
          <label htmlFor={ids.code}>{t('joinCode.label')}</label>
          <p id={ids.hint} className="guest-hint">
            {t('joinCode.hint')}
          </p>
          <input
            id={ids.code}
            ref={input}
            type="text"
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={12}
            value={code}
            aria-describedby={problem ? `${ids.hint} ${ids.problem}` : ids.hint}
            aria-invalid={problem !== null}
            data-testid="join-code-input"
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        {problem && (
          <p id={ids.problem} className="guest-problem" role="alert" data-testid="join-code-problem">
            {problem}
          </p>
        )}
        <button type="submit" className="guest-btn guest-btn--primary" disabled={busy}>
          {busy ? t('joinCode.checking') : t('join.go')}
        </button>
      </form>
    </main>
  )
}
