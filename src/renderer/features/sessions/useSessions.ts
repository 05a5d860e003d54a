import { useCallback, useEffect, useState } from 'react'
import type { SessionSummary } from '../../../shared/model/session'
import { useServices } from '../../workbench/context'
import { uiT } from '../../device/i18n/uiT'

/** The session list, refreshed whenever the server says sessions changed. */
export function useSessions(query: string, includeDeleted = false) {
  const { host, store } = useServices()
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null)
  const refresh = useCallback(async () => {
    const r = await host.call('sessions.list', { query: query || undefined, includeDeleted })
    if (r.ok) setSessions(r.value)
    else store.notify('error', uiT('sessions.listFailed', { error: r.error.message }))
  }, [host, store, query, includeDeleted])
  useEffect(() => {
    void refresh()
    const offs = [host.on('sessions.changed', () => void refresh()), host.onResync(() => void refresh())]
    return () => offs.forEach((off) => off())
  }, [host, refresh])
  return { sessions, refresh }
}
