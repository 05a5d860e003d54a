import type { AppHost } from './types'
import { checkEvent, checkResult } from './validate'

/** The desktop host: the preload's allowlisted bridge to Electron's main process. */
export function createIpcHost(bridge: CoproBridge): AppHost {
  return {
    kind: 'electron',
    async call(method, args) {
      try {
        return checkResult(method, await bridge.invoke(method, args)) as never
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'The app did not answer.' } }
      }
    },
    on(event, callback) {
      return bridge.on(event, (payload) => {
        const p = checkEvent(event, payload)
        if (p !== undefined) callback(p as never)
      })
    },
    onResync() {
      return () => {}
    },
    async saveFile(name, data) {
      download(name, data)
    },
  }
}

export function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
