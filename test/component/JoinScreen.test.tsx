import { render, screen } from '@testing-library/react'
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

const nameBox = () => screen.getByRole('textbox', { name: 'Your name' })
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

  it('tells an observer that they can watch but not add cards', () => {
    setup({ info: { role: 'observer' } })
    expect(screen.getByRole('main').textContent).toContain('you cannot add cards with this link')
  })

  it('without a name: announces the problem, marks the field invalid and puts focus there', async () => {
    const { onJoin, user } = setup()
    await user.click(join())
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toBe('Type your name, or tick “Stay anonymous”.')
    expect(nameBox().getAttribute('aria-invalid')).toBe('true')
    expect(nameBox().getAttribute('aria-describedby')).toBe(alert.id)
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

  it('“Stay anonymous” empties and disables the name, and joins without one', async () => {
    const { onJoin, user } = setup({ profile: { name: 'Amira', coproRole: 'carer-family' } })
    expect((nameBox() as HTMLInputElement).value).toBe('Amira')
    await user.click(screen.getByRole('checkbox', { name: /Stay anonymous/ }))
    expect((nameBox() as HTMLInputElement).value).toBe('')
    expect((nameBox() as HTMLInputElement).disabled).toBe(true)
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
