import { isApiEvent } from '../../shared/api'
import { download } from './ipcHost'
import type { AppHost } from './types'
import { checkEvent, checkResult } from './validate'

/**
 * The browser host (`copro serve`): API calls are HTTP POSTs carrying the facilitator token;
 * events arrive over one WebSocket that reconnects with backoff.
 */
export function createHttpHost(baseUrl: string, token: string): AppHost {
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const resyncListeners = new Set<() => void>()
  let socket: WebSocket | null = null
  let retry = 0

  const connectEvents = () => {
    const wsUrl = new URL('/api/events', baseUrl)
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:'
    wsUrl.searchParams.set('token', token)
    const ws = new WebSocket(wsUrl)
    socket = ws
    ws.onopen = () => {
      retry = 0
      // Anything that changed before this socket was open (a session created while the page was
      // loading, or while the server was away) sent no event here: let subscribers fetch again.
      for (const l of [...resyncListeners]) l()
    }
    ws.onmessage = (m) => {
      let msg: unknown
      try {
        msg = JSON.parse(String(m.data))
      } catch {
        return
      }
      if (typeof msg !== 'object' || msg === null) return
      const { event, payload } = msg as { event?: unknown; payload?: unknown }
      if (!isApiEvent(event)) return
      const p = checkEvent(event, payload)
      if (p === undefined) return
      for (const l of listeners.get(event) ?? []) l(p)
    }
    ws.onclose = (e) => {
      socket = null
      if (e.code === 4401) return
      retry = Math.min(retry + 1, 6)
      setTimeout(connectEvents, 250 * 2 ** retry)
    }
  }

  return {
    kind: 'browser',
    async call(method, args) {
      try {
        const res = await fetch(new URL(`/api/call/${method}`, baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(args ?? {}),
        })
        return checkResult(method, await res.json()) as never
      } catch {
        return {
          ok: false,
          error: { code: 'unavailable', message: 'Cannot reach Copro Studio. Is it still running?' },
        }
      }
    },
    on(event, callback) {
      if (!socket) connectEvents()
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      const l = callback as (p: unknown) => void
      set.add(l)
      return () => set.delete(l)
    },
    onResync(callback) {
      if (!socket) connectEvents()
      resyncListeners.add(callback)
      return () => resyncListeners.delete(callback)
    },
    async saveFile(name, data) {
      download(name, data)
    },
  }
}
