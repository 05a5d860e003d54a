import { useId, useRef, useState } from 'react'
import { joinLinkPath, lookUpJoinCode } from './joinExchange'
import './guest.css'

const PROBLEMS = {
  unknown: 'That code does not work. Check the letters, or ask the facilitator for the code on the screen.',
  busy: 'Too many tries from this device. Wait a minute, then try again.',
  unreachable:
    'Cannot reach the workshop. Check that you are on the same wifi as the facilitator, then try again.',
} as const

/**
 * For people who cannot scan the QR code: type the six-character join code shown beside it, at the
 * facilitator's address (`http://<address>/join`, or `/?code=ABC234`). The code opens the same join link
 * as the QR code, and stops working when the facilitator stops sharing.
 */
export function JoinCodeScreen({ initialCode = '' }: { initialCode?: string }) {
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
    setProblem(r.kind === 'invalid' ? r.message : PROBLEMS[r.kind])
    input.current?.focus()
  }

  return (
    <main className="guest-join" aria-labelledby={ids.title} data-testid="guest-join-code">
      <form className="guest-join__form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="guest-join__kicker">Copro Studio workshop</p>
        <h1 id={ids.title} className="guest-join__title">
          Join with a code
        </h1>
        <div className="guest-field">
          <label htmlFor={ids.code}>Join code</label>
          <p id={ids.hint} className="guest-hint">
            Six letters and numbers, shown under the QR code on the facilitator’s screen.
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
          {busy ? 'Checking…' : 'Join'}
        </button>
      </form>
    </main>
  )
}
