import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { JoinCodeHint } from '../../src/renderer/features/share/JoinCodeHint'
import { QrFullScreen } from '../../src/renderer/features/share/QrFullScreen'
import { JoinCodeScreen } from '../../src/renderer/guest/JoinCodeScreen'
import type { ShareLinks } from '../../src/shared/api'

const LINKS: ShareLinks = {
  sessionId: 'session-aaaaaaaa',
  address: '192.168.1.20',
  port: 4000,
  participantUrl: 'http://192.168.1.20:4000/?join=session-aaaaaaaa&token=t',
  observerUrl: 'http://192.168.1.20:4000/?join=session-aaaaaaaa&token=o',
  expiresAt: null,
  joinCode: 'N9JVM4',
  joinCodeUrl: 'http://192.168.1.20:4000/join',
}

describe('JoinCodeHint', () => {
  it('says where to type the code and shows it in two groups, read out letter by letter', () => {
    render(<JoinCodeHint links={LINKS} />)
    const hint = screen.getByTestId('share-join-code')
    expect(hint.textContent).toBe(
      'Cannot scan? Go to http://192.168.1.20:4000/join and type the code N9J VM4.',
    )
    expect(hint.querySelector('strong')?.getAttribute('aria-label')).toBe('N 9 J V M 4')
  })

  it('shows nothing without a code, and appears under the full-screen QR code', () => {
    const { container } = render(<JoinCodeHint links={{ ...LINKS, joinCode: undefined }} />)
    expect(container.textContent).toBe('')
    render(<QrFullScreen url={LINKS.participantUrl} title="Waiting times" links={LINKS} onClose={() => {}} />)
    expect(screen.getByRole('dialog').textContent).toContain('N9J VM4')
  })
})

describe('JoinCodeScreen', () => {
  it('refuses a malformed code in plain words before asking the server, and keeps focus on the field', async () => {
    const user = userEvent.setup()
    render(<JoinCodeScreen initialCode="abc" />)
    const input = screen.getByLabelText('Join code')
    expect((input as HTMLInputElement).value).toBe('abc')
    await user.click(screen.getByRole('button', { name: 'Join' }))
    expect(screen.getByRole('alert').textContent).toBe('A join code is six letters and numbers.')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(input)
  })
})
