import { createHttpHost } from './httpHost'
import { createIpcHost } from './ipcHost'
import type { AppHost } from './types'

const TOKEN_KEY = 'copro.token'

/**
 * Picks the transport: the preload bridge in the desktop app, otherwise HTTP with the token from the
 * link. The token is removed from the address bar (a projected screen must not show it) and kept in
 * this tab's sessionStorage so a reload still works.
 */
export function pickHost(): AppHost | { error: string } {
  if (window.copro) return createIpcHost(window.copro)
  const url = new URL(window.location.href)
  // a guest join link's token is never a facilitator token (src/renderer/guest opens those)
  if (url.searchParams.has('join')) return { error: 'This is a guest link: it opens the join screen.' }
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(null, '', url.pathname + url.search + url.hash)
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY)
  if (!token) {
    return {
      error: 'This link is missing its access token. Open the full link that Copro Studio printed or shared.',
    }
  }
  return createHttpHost(window.location.origin, token)
}

export type { AppHost } from './types'
