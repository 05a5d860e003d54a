import {
  ApiFailure,
  type ApiEvent,
  type ApiEventPayload,
  type AppInfo,
  type BoardConnection,
} from '../../../shared/api'
import type { SessionSummary } from '../../../shared/model/session'
import type { SessionBackend } from './backend'
import type { Handlers } from './router'

export interface HandlerDeps {
  backend: SessionBackend
  info(): AppInfo
  connection(sessionId: string): BoardConnection
  emit<E extends ApiEvent>(event: E, payload: ApiEventPayload<E>): void
}

/** The app API's implementation: thin, over the session backend. */
export function createApiHandlers(deps: HandlerDeps): Handlers {
  const { backend } = deps
  const existing = async (id: string): Promise<SessionSummary> => {
    const s = await backend.get(id)
    if (!s) throw new ApiFailure('not_found', 'That session does not exist.')
    return s
  }
  const changed = <T>(v: T): T => {
    deps.emit('sessions.changed', {})
    return v
  }
  return {
    'app.info': () => deps.info(),
    'settings.get': () => backend.getSettings(),
    'settings.set': async (patch) => {
      const s = await backend.setSettings(patch)
      deps.emit('settings.changed', s)
      return s
    },
    'sessions.list': (a) => backend.list(a),
    'sessions.create': async (a) =>
      changed(await backend.create({ title: a.title, templateId: a.templateId ?? null })),
    'sessions.get': (a) => existing(a.id),
    'sessions.rename': async (a) => {
      await existing(a.id)
      return changed(await backend.rename(a.id, a.title))
    },
    'sessions.duplicate': async (a) => {
      await existing(a.id)
      return changed(await backend.duplicate(a.id))
    },
    'sessions.delete': async (a) => {
      await existing(a.id)
      return changed(await backend.delete(a.id))
    },
    'sessions.restore': async (a) => {
      await existing(a.id)
      return changed(await backend.restore(a.id))
    },
    'board.connect': async (a) => {
      const s = await existing(a.id)
      if (s.deletedAt) throw new ApiFailure('conflict', 'That session is in the trash. Restore it first.')
      return deps.connection(a.id)
    },
    // In a browser there is no native menu; Electron's main answers this itself over IPC.
    'menu.setCommands': () => ({ applied: false }),
  }
}
