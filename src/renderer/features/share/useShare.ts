import { useCallback, useEffect, useRef, useState } from 'react'
import type { ShareInterface, ShareStatus } from '../../../shared/api'
import { useServices } from '../../workbench/context'
import { uiT } from '../../device/i18n/uiT'

export interface ShareState {
  status: ShareStatus | null
  interfaces: ShareInterface[] | null
  busy: boolean
  error: string | null
  start(address: string, expiresInSeconds: number | null): Promise<boolean>
  stop(): Promise<boolean>
}

/** One session's sharing through the app API (share.status / interfaces / start / stop + share.changed). */
export function useShare(sessionId: string | null): ShareState {
  const { host, store } = useServices()
  const [status, setStatus] = useState<ShareStatus | null>(null)
  const statusRef = useRef(status)
  statusRef.current = status
  const [interfaces, setInterfaces] = useState<ShareInterface[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const refresh = useCallback(async () => {
    if (!sessionId) return
    const r = await host.call('share.status', { sessionId })
    if (r.ok) setStatus(r.value)
    else setError(r.error.message)
  }, [host, sessionId])

  useEffect(() => {
    setStatus(null)
    setError(null)
    if (!sessionId) return
    void refresh()
    const offs = [
      host.on('share.changed', (e) => {
        if (e.sessionId !== sessionId) return
        // the guest count changes often; links only when sharing starts or stops
        if (statusRef.current?.shared !== e.shared) void refresh()
        else setStatus((s) => (s ? { ...s, guests: e.guests } : s))
      }),
      host.onResync(() => void refresh()),
    ]
    return () => offs.forEach((off) => off())
  }, [host, sessionId, refresh])

  useEffect(() => {
    if (!sessionId) return
    let live = true
    void host.call('share.interfaces', {}).then((r) => {
      if (!live) return
      if (r.ok) setInterfaces(r.value)
      else setError(r.error.message)
    })
    return () => {
      live = false
    }
  }, [host, sessionId])

  const start = useCallback(
    async (address: string, expiresInSeconds: number | null) => {
      if (!sessionId) return false
      setBusy(true)
      setError(null)
      const r = await host.call('share.start', {
        sessionId,
        address,
        ...(expiresInSeconds ? { expiresInSeconds } : {}),
      })
      setBusy(false)
      if (!r.ok) {
        setError(r.error.message)
        store.notify('error', uiT('share.startFailed', { error: r.error.message }))
        return false
      }
      await refresh()
      store.notify('info', uiT('share.started', { address: r.value.address }))
      return true
    },
    [host, store, sessionId, refresh],
  )

  const stop = useCallback(async () => {
    if (!sessionId) return false
    setBusy(true)
    setError(null)
    const r = await host.call('share.stop', { sessionId })
    setBusy(false)
    if (!r.ok) {
      setError(r.error.message)
      store.notify('error', uiT('share.stopFailed', { error: r.error.message }))
      return false
    }
    setStatus(r.value)
    store.notify('info', uiT('share.stopped'))
    return true
  }, [host, store, sessionId])

  return { status, interfaces, busy, error, start, stop }
}
