import { cleanup } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

// Testing Library unmounts after each test by itself only when the runner exposes global hooks; vitest
// does not (globals: false), so it is done here. localStorage holds preferences and identities.
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  localStorage.clear()
})
