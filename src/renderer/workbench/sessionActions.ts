import type { Language } from '../../shared/i18n'
import type { WorkbenchServices } from './context'
import { uiDateLocale, uiT } from '../device/i18n/uiT'

/** Creates a session and opens it in a tab. Returns the new id, or null on failure (already reported). */
export async function createAndOpenSession(
  { host, store }: WorkbenchServices,
  title: string,
  templateId: string | null = null,
  language?: Language,
): Promise<string | null> {
  const r = await host.call('sessions.create', { title, templateId, ...(language ? { language } : {}) })
  if (!r.ok) {
    store.notify('error', uiT('workbench.session.createFailed', { error: r.error.message }))
    return null
  }
  store.openSessionTab(r.value.id, r.value.title)
  store.notify('info', uiT('workbench.session.created', { title: r.value.title }))
  return r.value.id
}

export function defaultSessionTitle(now = new Date()): string {
  const date = now.toLocaleDateString(uiDateLocale(), { day: 'numeric', month: 'short', year: 'numeric' })
  return uiT('sessions.defaultTitle', { date })
}
