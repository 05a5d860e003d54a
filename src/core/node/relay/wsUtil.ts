import type { WebSocket } from 'ws'

/** The close code ws sends for a framing error (it keeps it under a symbol), else 1002 (protocol error). */
export function wsErrorCloseCode(err: Error): number {
  const key = Object.getOwnPropertySymbols(err).find((sym) => sym.description === 'status-code')
  const code = key === undefined ? undefined : (err as unknown as Record<symbol, unknown>)[key]
  return typeof code === 'number' ? code : 1002
}

/** Resolves once the socket has closed, terminating it after `timeoutMs`. */
export function waitClosed(ws: WebSocket, timeoutMs: number): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate()
      resolve()
    }, timeoutMs)
    timer.unref()
    ws.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
