import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { GuestSessionInfo } from '../../src/shared/api/contract'
import { preferences } from '../../src/renderer/device/preferences'
import type { GuestProfile } from '../../src/renderer/guest/guestIdentity'
import { JoinScreen } from '../../src/renderer/guest/JoinScreen'

const info: GuestSessionInfo = { sessionId: 's-1', title: 'Waiting times at the clinic', role: 'participant' }
const fresh: GuestProfile = { id: 'guest-0001', name: '', anonymous: false, coproRole: null }

function setup(over: { info?: Partial<GuestSessionInfo>; profile?: Partial<GuestProfile> } = {}) {
  const onJoin = vi.fn()
  render(
    <JoinScreen info={{ ...info, ...over.info }} profile={{ ...fresh, ...over.profile }} onJoin={onJoin} />,
  )
  return { onJoin, user: userEvent.setup() }
}

const nameBox = () => screen.getByRole('textbox', { name: /^Your name/ })
const consent = (answer: 'Yes' | 'No') =>
  within(screen.getByRole('group', { name: /in the report/ })).getByRole('radio', {
    name: new RegExp(`^${answer}`),
  }) as HTMLInputElement
const join = () => screen.getByRole('button', { name: 'Join' })

beforeEach(() => {
  preferences.set({ textScale: 100, highContrast: false })
})

describe('JoinScreen', () => {
  it('names the session and says what the link allows', () => {
    setup()
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Waiting times at the clinic')
    expect(screen.getByRole('main').textContent).toContain('You are joining to take part.')
  })

  it('tells an observer that they can read but not write, and asks them no consent question', () => {
    setup({ info: { role: 'observer' } })
    expect(screen.getByRole('main').textContent).toContain('you cannot write on it or vote with this link')
    expect(screen.queryByRole('group', { name: /report/ })).toBeNull()
  })

  it('asks for consent as a question of its own, answered “No” until the person says yes', async () => {
    const { onJoin, user } = setup()
    expect(
      screen.getByRole('group', { name: 'Can we show your name on your cards in the report?' }),
    ).toBeTruthy()
    expect(consent('No').checked).toBe(true)
    // typing a name is not consent
    await user.type(nameBox(), 'Amira')
    expect(consent('No').checked).toBe(true)
    await user.click(screen.getByRole('radio', { name: /Front-line staff/ }))
    await user.click(join())
    expect(onJoin).toHaveBeenCalledWith({
      ...fresh,
      name: 'Amira',
      anonymous: true,
      coproRole: 'frontline-staff',
    })
  })

  it('consent without a name: announces the problem, marks the field invalid and puts focus there', async () => {
    const { onJoin, user } = setup()
    await user.click(consent('Yes'))
    await user.click(join())
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toBe('Type your name, or answer “No” to showing it.')
    expect(nameBox().getAttribute('aria-invalid')).toBe('true')
    expect(nameBox().getAttribute('aria-describedby')).toContain(alert.id)
    expect(document.activeElement).toBe(nameBox())
    expect(onJoin).not.toHaveBeenCalled()
  })

  it('with a name but no role: asks for the role and focuses the first choice', async () => {
    const { onJoin, user } = setup()
    await user.type(nameBox(), 'Amira')
    await user.click(join())
    expect(screen.getByRole('alert').textContent).toBe('Choose the description that fits you best.')
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /Person who uses the service/ }))
    expect(onJoin).not.toHaveBeenCalled()
  })

  it('joins with the trimmed name and the chosen role (Enter in the name box submits)', async () => {
    const { onJoin, user } = setup()
    await user.click(consent('Yes'))
    await user.click(screen.getByRole('radio', { name: /Front-line staff/ }))
    await user.type(nameBox(), '  Amira  {Enter}')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(onJoin).toHaveBeenCalledWith({
      ...fresh,
      name: 'Amira',
      anonymous: false,
      coproRole: 'frontline-staff',
    })
  })

  it('joins without a name: the cards show none', async () => {
    const { onJoin, user } = setup({ profile: { coproRole: 'carer-family' } })
    await user.click(join())
    expect(onJoin).toHaveBeenCalledWith({ ...fresh, name: '', anonymous: true, coproRole: 'carer-family' })
  })

  it('text size and contrast apply at once and are remembered on this device', async () => {
    const { user } = setup()
    const group = screen.getByRole('radiogroup', { name: 'Text size' })
    expect(group.querySelectorAll('input[type=radio]')).toHaveLength(5)
    await user.click(screen.getByRole('radio', { name: 'Big' }))
    await user.click(screen.getByRole('checkbox', { name: /High contrast/ }))
    expect(document.documentElement.dataset.a11yScale).toBe('150')
    expect(document.documentElement.dataset.a11yContrast).toBe('high')
    expect(JSON.parse(localStorage.getItem('copro.a11y.preferences') ?? '{}')).toMatchObject({
      textScale: 150,
      highContrast: true,
    })
    expect((screen.getByRole('radio', { name: 'Big' }) as HTMLInputElement).checked).toBe(true)
  })
})
