import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { AppSettings } from '../../src/shared/api'
import { fail, ok } from '../../src/shared/api/result'
import { SettingsView } from '../../src/renderer/features/settings/SettingsView'
import type { AppHost } from '../../src/renderer/host/types'
import { CommandRegistry } from '../../src/renderer/workbench/commands'
import { WorkbenchContext } from '../../src/renderer/workbench/context'
import { Contributions } from '../../src/renderer/workbench/contributions'
import { BoardSessions } from '../../src/renderer/session/BoardSessions'
import { WorkbenchStore } from '../../src/renderer/workbench/store'
import { I18nProvider } from '../../src/renderer/device/i18n'

/** The view with an app API that answers settings.set the way the server does, or refuses. */
function setup(answer: 'ok' | 'refuse' = 'ok') {
  const store = new WorkbenchStore()
  const call = vi.fn(async (method: string, patch: Partial<AppSettings>) => {
    expect(method).toBe('settings.set')
    return answer === 'ok'
      ? ok({ ...store.get().settings, ...patch })
      : fail('unavailable', 'the disk is full')
  })
  const host = { kind: 'browser', call } as unknown as AppHost
  render(
    <WorkbenchContext.Provider
      value={{
        host,
        store,
        commands: new CommandRegistry(false),
        sessions: new BoardSessions(),
        contributions: new Contributions([]),
      }}
    >
      <I18nProvider locale="en">
        <SettingsView />
      </I18nProvider>
    </WorkbenchContext.Provider>,
  )
  return { store, call, user: userEvent.setup() }
}

const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement

describe('SettingsView', () => {
  it('shows the current theme and saves a new one through the app API, announcing it', async () => {
    const { store, call, user } = setup()
    expect(radio('Follow my computer').checked).toBe(true)
    await user.click(radio('Dark'))
    expect(radio('Dark').checked).toBe(true)
    expect(call).toHaveBeenCalledWith('settings.set', { theme: 'dark' })
    await waitFor(() => expect(store.get().announcement).toBe('Settings saved.'))
    expect(store.get().settings.theme).toBe('dark')
  })

  it('when saving fails, the previous theme comes back and the person is told why', async () => {
    const { store, user } = setup('refuse')
    await user.click(radio('High contrast'))
    await waitFor(() => expect(radio('Follow my computer').checked).toBe(true))
    expect(store.get().settings.theme).toBe('system')
    expect(store.get().notices.at(-1)).toMatchObject({
      level: 'error',
      text: 'Could not save settings: the disk is full',
    })
  })

  it('saves your name on this device, trimmed, and says so', async () => {
    const { store, call, user } = setup()
    const name = screen.getByRole('textbox', { name: 'Your name on the board' }) as HTMLInputElement
    expect(name.value).toBe('Facilitator')
    await user.clear(name)
    await user.type(name, '  Sam  ')
    await user.click(screen.getByRole('button', { name: 'Save name' }))
    expect(name.value).toBe('Sam')
    expect(JSON.parse(localStorage.getItem('copro.identity') ?? '{}')).toMatchObject({ name: 'Sam' })
    expect(store.get().announcement).toBe('Your name is saved.')
    expect(call).not.toHaveBeenCalled()
  })

  it('saves the licence key trimmed, with Enter', async () => {
    const { call, user } = setup()
    const key = screen.getByRole('textbox', { name: 'tldraw licence key (optional)' })
    expect(key.getAttribute('aria-describedby')).toBeTruthy()
    await user.type(key, ' tl-key-123 {Enter}')
    expect(call).toHaveBeenCalledWith('settings.set', { licenseKey: 'tl-key-123' })
  })
})
