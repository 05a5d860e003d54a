import { cleanup } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

// Every component reads its words from the message catalogues (useT, ADR 0045): render() gives the
// tree an English provider unless a test passes its own wrapper.
vi.mock('@testing-library/react', async (importOriginal) => {
  const rtl = await importOriginal<typeof import('@testing-library/react')>()
  const { createElement } = await import('react')
  const { I18nProvider } = await import('../../src/renderer/device/i18n/I18nProvider')
  const English = ({ children }: { children: React.ReactNode }) =>
    createElement(I18nProvider, { locale: 'en', children })
  const render = ((ui: React.ReactElement, options?: Parameters<typeof rtl.render>[1]) =>
    rtl.render(ui, { wrapper: English, ...options })) as typeof rtl.render
  return { ...rtl, render }
})

// Testing Library unmounts after each test by itself only when the runner exposes global hooks; vitest
// does not (globals: false), so it is done here. localStorage holds preferences and identities.
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  localStorage.clear()
})
