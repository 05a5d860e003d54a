import {
  ApiFailure,
  MAX_SESSION_FILE_BYTES,
  type ApiEvent,
  type ApiEventPayload,
  type AppInfo,
  type BoardConnection,
  type MenuCommand,
  type MenuNames,
} from '../../../shared/api'
import type { SessionSummary } from '../../../shared/model/session'
import type * as Y from 'yjs'
import { structureToTemplate } from '../../common/templates'
import { safeFileName } from '../../common/text/sanitize'
import { newSessionUpdate } from '../../common/newSession'
import { startFreshRun } from '../../common/freshRun'
import { readAgenda } from '../../common/facilitation/state'
import { readStructure } from '../../common/session/read'
import { writeMeta } from '../../common/session/write'
import type { TemplateService } from '../templates/templateService'
import type { SessionBackend } from './backend'
import type { Handlers } from './router'
import type { SessionCounts } from './sessionCounts'
import type { SharingApi } from './sharing'
import { officeHandlers } from './officeHandlers'

/**
 * What only some hosts can do, injected by the host (Electron's main process) so that the handlers stay
 * free of Electron. They serve the desktop window's own calls (transport 'ipc'); a browser tab on the
 * same server is answered as in any browser: no native menu, and "print instead" for PDFs.
 */
export interface HostCapabilities {
  /** Builds the native application menu from the workbench's commands. */
  setMenu?(commands: readonly MenuCommand[], menus?: MenuNames): void
  /** Prints an HTML report to A4 PDF bytes; throws if printing fails. */
  printPdf?(html: string): Promise<Uint8Array>
}

export interface HandlerDeps {
  /** Native menu and PDF printing where the host has them (the desktop app); absent in a browser host. */
  host?: HostCapabilities
  templates: TemplateService
  /** Card and participant counts in the session index (sessionCounts.ts); absent, counts stay as stored. */
  counts?: Pick<SessionCounts, 'settle'>
  /**
   * Runs `fn` on a session's document and keeps what it changed: on the live room doc when the room
   * is loaded (every client follows), otherwise on a doc rebuilt from storage, saving the difference.
   */
  withSessionDoc<T>(sessionId: string, fn: (doc: Y.Doc) => T): Promise<T>
  backend: SessionBackend
  /** Applies an update to a session's live room doc, if the room is loaded (so clients follow). */
  liveApplier(sessionId: string): ((update: Uint8Array) => void) | undefined
  info(): AppInfo
  connection(sessionId: string): BoardConnection
  emit<E extends ApiEvent>(event: E, payload: ApiEventPayload<E>): void
  /** Share session (LAN links, guest tokens); absent on hosts that cannot share. */
  sharing?: SharingApi
  /**
   * Sends every connection of a session away (facilitators too, close code 4421) and unloads its room,
   * so that nothing edited after a trash is shown as live but not saved.
   */
  closeSession?(sessionId: string): Promise<void> | void
}

/** The app API's implementation: thin, over the session backend. */
export function createApiHandlers(deps: HandlerDeps): Handlers {
  const { backend } = deps
  const existing = async (id: string): Promise<SessionSummary> => {
    const s = await backend.get(id)
    if (!s) throw new ApiFailure('not_found', 'That session does not exist.')
    return s
  }
  const durable = () => {
    if (!backend.checkpoints) throw new ApiFailure('unavailable', 'This server keeps no files (memory only).')
    return backend.checkpoints
  }
  const sharing = (): SharingApi => {
    if (!deps.sharing) throw new ApiFailure('unavailable', 'This server cannot share sessions.')
    return deps.sharing
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
    // From the index alone: only boards edited since their counts were recorded are counted (live docs).
    'sessions.list': async (a) => {
      await deps.counts?.settle()
      return backend.list(a)
    },
    'sessions.create': async (a) => {
      const template = a.templateId ? await deps.templates.get(a.templateId) : null
      if (a.templateId && !template)
        throw new ApiFailure('not_found', `There is no template "${a.templateId}".`)
      const s = await backend.create({ title: a.title, templateId: a.templateId ?? null })
      backend.append(
        s.id,
        newSessionUpdate(
          { sessionId: s.id, title: s.title, templateId: s.templateId, createdAt: s.createdAt },
          template,
          a.language,
        ),
      )
      await backend.flush(s.id)
      return changed(s)
    },
    'sessions.get': (a) => existing(a.id),
    'sessions.rename': async (a) => {
      await existing(a.id)
      const renamed = await backend.rename(a.id, a.title)
      await deps.withSessionDoc(a.id, (doc) => writeMeta(doc, { title: renamed.title }))
      return changed(renamed)
    },
    'sessions.duplicate': async (a) => {
      await existing(a.id)
      await deps.counts?.settle([a.id]) // the copy takes its source's counts
      const copy = await backend.duplicate(a.id)
      // a fresh run unless asked otherwise: structure and cards, none of the copied run's live state
      await deps.withSessionDoc(copy.id, (doc) =>
        a.keepLiveState
          ? writeMeta(doc, { sessionId: copy.id, title: copy.title })
          : startFreshRun(doc, { sessionId: copy.id, title: copy.title }),
      )
      return changed(copy)
    },
    'sessions.delete': async (a) => {
      await existing(a.id)
      await deps.sharing?.stop(a.id) // a trashed session's guests are sent away
      await deps.closeSession?.(a.id) // and everyone else, before the log is flushed and closed
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
    'checkpoints.list': async (a) => {
      await existing(a.id)
      return durable().list(a.id)
    },
    'checkpoints.create': async (a) => {
      await existing(a.id)
      return durable().create(a.id, a.name, a.reason ?? 'manual')
    },
    'checkpoints.restoreAsNew': async (a) => {
      await existing(a.id)
      return changed(await durable().restoreAsNew(a.id, a.checkpointId))
    },
    'checkpoints.revert': async (a) => {
      await existing(a.id)
      return durable().revert(a.id, a.checkpointId, deps.liveApplier(a.id))
    },
    'templates.list': async () => {
      const list = await deps.templates.list()
      return { templates: list.templates, rejected: list.rejected }
    },
    'templates.import': async (a) => {
      const r = await deps.templates.import(a.text, a.fileName)
      return r.ok
        ? { ok: true as const, templateId: r.template.id }
        : { ok: false as const, problems: r.problems }
    },
    'templates.saveFromBoard': async (a) => {
      await existing(a.id)
      const { structure, agenda } = await deps.withSessionDoc(a.id, (doc) => ({
        structure: readStructure(doc),
        agenda: readAgenda(doc),
      }))
      if (!structure) {
        return {
          ok: false as const,
          problems: [{ path: '$', message: 'This board has no structure to save yet.' }],
        }
      }
      const t = structureToTemplate(structure, agenda, { id: a.templateId, name: a.name, purpose: a.purpose })
      if (!t.ok) return { ok: false as const, problems: [...t.problems] }
      const saved = await deps.templates.save(t.template)
      return saved.ok
        ? { ok: true as const, templateId: saved.template.id }
        : { ok: false as const, problems: saved.problems }
    },
    'sessions.exportFile': async (a) => {
      const s = await existing(a.id)
      const bytes = await durable().exportFile(a.id)
      return { fileName: `${safeFileName(s.title)}.copro`, base64: Buffer.from(bytes).toString('base64') }
    },
    'sessions.importFile': async (a) => {
      const bytes = Buffer.from(a.base64, 'base64')
      if (bytes.length > MAX_SESSION_FILE_BYTES)
        throw new ApiFailure('invalid_arguments', 'That file is too large.')
      const imported = await durable().importFile(new Uint8Array(bytes))
      // the document names the new session (its title may carry a "(2)" to tell it from another)
      await deps.withSessionDoc(imported.id, (doc) =>
        writeMeta(doc, { sessionId: imported.id, title: imported.title }),
      )
      return changed(imported)
    },
    'share.interfaces': () => sharing().interfaces(),
    'share.start': (a) => sharing().start(a),
    'share.stop': (a) => sharing().stop(a.sessionId),
    'share.status': (a) => sharing().status(a.sessionId),
    // Only the desktop window has a native menu (HostCapabilities); a browser host answers "not applied".
    'menu.setCommands': (a, ctx) => {
      const setMenu = ctx.transport === 'ipc' ? deps.host?.setMenu : undefined
      if (!setMenu) return { applied: false }
      setMenu(a.commands, a.menus)
      return { applied: true }
    },
    // Only the desktop app can print to PDF (Electron's printToPDF, through HostCapabilities); the
    // browser renderer falls back to the browser's print dialog ("Save as PDF").
    'export.pdf': async (a, ctx) => {
      const printPdf = ctx.transport === 'ipc' ? deps.host?.printPdf : undefined
      if (!printPdf)
        throw new ApiFailure('unavailable', 'Printing to PDF needs the desktop app; use the print dialog.')
      let pdf: Uint8Array
      try {
        pdf = await printPdf(a.html)
      } catch {
        throw new ApiFailure('internal', 'Could not print the report to PDF.')
      }
      return { base64: Buffer.from(pdf).toString('base64') }
    },
    ...officeHandlers(deps),
  }
}
