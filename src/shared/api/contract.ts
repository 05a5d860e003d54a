import { z } from 'zod'
import { MAX_RELAYS, RelayOrigin } from '../model/relayOrigin'
import { SessionId, SessionSummary, SessionTitle } from '../model/session'
import { SessionRole } from '../model/roles'
import { plainLine } from '../model/plainText'
import { Language } from '../i18n/languages'

/** Settings a person can change; stored by the server, validated on every read and write. */
export const ThemeSetting = z.enum(['system', 'light', 'dark', 'high-contrast'])
export type ThemeSetting = z.infer<typeof ThemeSetting>

export const AppSettings = z.object({
  theme: ThemeSetting,
  /** tldraw licence key bought by an organisation, to remove the watermark. '' = none (watermark shown). */
  licenseKey: z.string().max(4096),
  /** Hosted relays the facilitator publishes to, most recent first: the only other origins the page may reach. */
  relays: z.array(RelayOrigin).max(MAX_RELAYS),
})
export type AppSettings = z.infer<typeof AppSettings>
export const DEFAULT_SETTINGS: AppSettings = { theme: 'system', licenseKey: '', relays: [] }

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  warnings: z.array(z.string()),
})
export type AppInfo = z.infer<typeof AppInfo>

export const BoardConnection = z.object({
  sessionId: SessionId,
  /** Base URL for y-websocket's WebsocketProvider: ws://HOST:PORT/sync */
  syncUrl: z.string(),
  token: z.string(),
  sessionRole: SessionRole,
})
export type BoardConnection = z.infer<typeof BoardConnection>

export const SaveStateEvent = z.object({
  sessionId: SessionId,
  state: z.enum(['saved', 'saving', 'error']),
  reason: z.string().optional(),
})
export type SaveStateEvent = z.infer<typeof SaveStateEvent>

/** A workbench command as the native menu sees it. */
export const MenuCommand = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-zA-Z0-9._-]+$/),
  title: z.string().min(1).max(100),
  category: z.string().max(40),
  keybinding: z.string().max(40).nullable(),
  menu: z.enum(['file', 'edit', 'view', 'session', 'help']).nullable(),
})
export type MenuCommand = z.infer<typeof MenuCommand>

/** The native menus' names in the person's language (English where absent). */
export const MenuNames = z
  .object({
    file: z.string().min(1).max(40),
    edit: z.string().min(1).max(40),
    view: z.string().min(1).max(40),
    session: z.string().min(1).max(40),
    help: z.string().min(1).max(40),
  })
  .partial()
  .strict()
export type MenuNames = z.infer<typeof MenuNames>

export const CheckpointInfo = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  reason: z.enum(['manual', 'activity-end', 'before-revert']),
  createdAt: z.string().datetime(),
  size: z.number().int().nonnegative(),
})
export type CheckpointInfo = z.infer<typeof CheckpointInfo>

/** A portable session file (.copro) in transit: base64 so both transports carry it as JSON. */
export const MAX_SESSION_FILE_BYTES = 48 * 1024 * 1024
export const SessionFile = z.object({
  fileName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\0]+$/, 'a file name, not a path'),
  base64: z
    .string()
    .max(Math.ceil(MAX_SESSION_FILE_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
})
export type SessionFile = z.infer<typeof SessionFile>

/** A network address the facilitator may share a session on (from the host's network interfaces). */
export const ShareInterface = z.object({
  name: z.string().max(100),
  address: z.string().min(2).max(64),
  family: z.enum(['IPv4', 'IPv6']),
  internal: z.boolean(),
})
export type ShareInterface = z.infer<typeof ShareInterface>

/** The join links of a shared session: `http://ADDR:PORT/?join=<sessionId>&token=<guest token>`. */
export const ShareLinks = z.object({
  sessionId: SessionId,
  address: z.string().min(2).max(64),
  port: z.number().int().min(1).max(65535),
  participantUrl: z.string().max(300),
  observerUrl: z.string().max(300),
  /** When the guest tokens stop working; null = until sharing stops or the app quits. */
  expiresAt: z.string().datetime().nullable(),
  /** The short code for the participant link (shared/api/guestJoin.ts JoinCode), typed at `joinCodeUrl`. */
  joinCode: z.string().max(16).optional(),
  /** Where a guest types the join code: `http://<address>:<port>/join`. */
  joinCodeUrl: z.string().max(300).optional(),
})
export type ShareLinks = z.infer<typeof ShareLinks>

export const ShareStatus = z.object({
  sessionId: SessionId,
  shared: z.boolean(),
  links: ShareLinks.nullable(),
  /** Guests (participants + observers) on the session's board right now: people (devices), not connections. */
  guests: z.number().int().nonnegative(),
})
export type ShareStatus = z.infer<typeof ShareStatus>

/** `GET /api/guest/session?token=…`: what a guest's join screen may know, for its own session only. */
export const GuestSessionInfo = z.object({
  sessionId: SessionId,
  title: z.string(),
  role: z.enum(['participant', 'observer']),
})
export type GuestSessionInfo = z.infer<typeof GuestSessionInfo>

/** A problem found in a template file: where (JSON path) and what is wrong, in plain words. */
export const TemplateProblemInfo = z.object({ path: z.string(), message: z.string() })

export const TemplateListEntry = z.object({
  source: z.enum(['shipped', 'custom']),
  /** The template as stored; the renderer validates it against the template schema before use. */
  template: z.unknown(),
})

export const TemplateSaveResult = z.union([
  z.object({ ok: z.literal(true), templateId: z.string() }),
  z.object({ ok: z.literal(false), problems: z.array(TemplateProblemInfo) }),
])

const CheckpointRef = z.object({ id: SessionId, checkpointId: z.string().min(1).max(64) }).strict()

/** An export report to print to PDF: the self-contained HTML (scripts off while printing). */
export const ExportPdfArgs = z.object({ html: z.string().min(1).max(40_000_000) }).strict()

/** `export.office`: which document, and whether consenting people's names appear (as in every export). */
export const ExportOfficeArgs = z
  .object({ id: SessionId, format: z.enum(['docx', 'xlsx']), includeNames: z.boolean() })
  .strict()

/** An .xlsx file up to 10 MB, as base64. */
export const MAX_SPREADSHEET_BASE64 = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 4
/** The rows of a spreadsheet's first sheet: each row's spreadsheet number and its cells as text. */
export const SpreadsheetRows = z.object({
  rows: z.array(z.object({ row: z.number().int().min(1), cells: z.array(z.string()) })),
  sheet: z.string(),
})
export type SpreadsheetRows = z.infer<typeof SpreadsheetRows>

const NoArgs = z.object({}).strict()
const ById = z.object({ id: SessionId }).strict()

function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R, doc: string) {
  return { args, result, doc }
}

/**
 * The app API: the single source of truth for what the renderer may ask of the server.
 * Both transports (Electron IPC and HTTP/WebSocket) go through the same router, which parses
 * every argument with these schemas.
 */
export const API = {
  'app.info': method(NoArgs, AppInfo, 'Name, version, host and data folder of the running app.'),
  'settings.get': method(NoArgs, AppSettings, 'The current settings.'),
  'settings.set': method(AppSettings.partial().strict(), AppSettings, 'Change some settings; returns all.'),
  'sessions.list': method(
    z.object({ includeDeleted: z.boolean().optional(), query: z.string().max(200).optional() }).strict(),
    z.array(SessionSummary),
    'Sessions, newest first; optionally filtered by title.',
  ),
  'sessions.create': method(
    z
      .object({
        title: SessionTitle,
        templateId: z.string().max(64).nullable().optional(),
        /** The session's language: the template's texts in it, stored as the session language (issue 19). */
        language: Language.optional(),
      })
      .strict(),
    SessionSummary,
    'Create a session, blank or from a template; with a language, the template is read in that language and it becomes the session language.',
  ),
  'sessions.get': method(ById, SessionSummary, 'One session.'),
  'sessions.rename': method(
    z.object({ id: SessionId, title: SessionTitle }).strict(),
    SessionSummary,
    'Rename.',
  ),
  'sessions.duplicate': method(
    z.object({ id: SessionId, keepLiveState: z.boolean().optional() }).strict(),
    SessionSummary,
    'Copy a session as a fresh run (structure, cards, agenda, participants); keepLiveState also keeps the current activity, timer, votes, passes, trash and activity log.',
  ),
  'sessions.delete': method(ById, SessionSummary, 'Move a session to the trash (restorable).'),
  'sessions.restore': method(ById, SessionSummary, 'Bring a session back from the trash.'),
  'board.connect': method(ById, BoardConnection, 'Where and how to join the live board of a session.'),
  'checkpoints.list': method(ById, z.array(CheckpointInfo), 'Named snapshots of a session, newest first.'),
  'checkpoints.create': method(
    z
      .object({
        id: SessionId,
        name: plainLine(1, 200),
        reason: z.enum(['manual', 'activity-end']).optional(),
      })
      .strict(),
    CheckpointInfo,
    'Take a named snapshot of the board now.',
  ),
  'checkpoints.restoreAsNew': method(CheckpointRef, SessionSummary, 'Open a checkpoint as a new session.'),
  'checkpoints.revert': method(
    CheckpointRef,
    z.object({ beforeRevert: CheckpointInfo }),
    'Turn the board back to a checkpoint (a checkpoint of the present is taken first, so it can be undone).',
  ),
  'templates.list': method(
    NoArgs,
    z.object({
      templates: z.array(TemplateListEntry),
      rejected: z.array(z.object({ name: z.string(), problems: z.array(TemplateProblemInfo) })),
    }),
    'Shipped and custom workshop templates, and files that were rejected with their problems.',
  ),
  'templates.import': method(
    z.object({ fileName: z.string().min(1).max(200), text: z.string().max(1_100_000) }).strict(),
    TemplateSaveResult,
    'Check a template file and, if valid, keep it as a custom template.',
  ),
  'templates.saveFromBoard': method(
    z
      .object({
        id: SessionId,
        templateId: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
        name: plainLine(1, 120),
        purpose: z.string().trim().min(1).max(600),
      })
      .strict(),
    TemplateSaveResult,
    "Save the board's structure and agenda as a new custom template.",
  ),
  'sessions.exportFile': method(ById, SessionFile, 'The session as one portable .copro file.'),
  'sessions.importFile': method(
    SessionFile.strict(),
    SessionSummary,
    'Import a .copro file as a new session.',
  ),
  'share.interfaces': method(
    NoArgs,
    z.array(ShareInterface),
    'Network addresses this computer could share a session on (loopback included, marked internal).',
  ),
  'share.start': method(
    z
      .object({
        sessionId: SessionId,
        address: z.string().min(2).max(64),
        port: z.number().int().min(0).max(65535).optional(),
        expiresInSeconds: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 3600)
          .optional(),
      })
      .strict(),
    ShareLinks,
    'Make a session reachable on one address and mint its participant and observer links.',
  ),
  'share.stop': method(
    z.object({ sessionId: SessionId }).strict(),
    ShareStatus,
    'Stop sharing: revoke every guest token of the session and close guest connections.',
  ),
  'share.status': method(
    z.object({ sessionId: SessionId }).strict(),
    ShareStatus,
    'Whether a session is shared, its links, and how many guests are connected.',
  ),
  'menu.setCommands': method(
    z.object({ commands: z.array(MenuCommand).max(500), menus: MenuNames.optional() }).strict(),
    z.object({ applied: z.boolean() }),
    'The workbench tells the host its commands; the desktop app builds its native menu from them.',
  ),
  'export.pdf': method(
    ExportPdfArgs,
    z.object({ base64: z.string() }),
    'Print an HTML report to an A4 PDF (desktop app only; a browser host answers unavailable and prints instead).',
  ),
  'export.office': method(
    ExportOfficeArgs,
    z.object({ base64: z.string() }),
    'A Word report (.docx, photos and logo embedded) or an Excel workbook (.xlsx, one sheet per table) of a session, made by the server (which ships docx and exceljs).',
  ),
  'cards.readSpreadsheet': method(
    z.object({ base64: z.string().min(1).max(MAX_SPREADSHEET_BASE64) }).strict(),
    SpreadsheetRows,
    "The first sheet of an .xlsx file as rows of text (for the cards import's preview); the renderer checks the rows as it checks a CSV.",
  ),
} as const

export type ApiMethod = keyof typeof API
export const API_METHODS = Object.keys(API) as ApiMethod[]
export type ApiArgs<M extends ApiMethod> = z.input<(typeof API)[M]['args']>
export type ApiValue<M extends ApiMethod> = z.infer<(typeof API)[M]['result']>

/** Events the server pushes to renderers. */
export const API_EVENTS = {
  'session.saveState': SaveStateEvent,
  'sessions.changed': z.object({}),
  /** A session's stored files were damaged or missing when it was opened: what was recovered and set aside. */
  'session.recovery': z.object({ sessionId: SessionId, message: z.string().max(4000) }),
  'settings.changed': AppSettings,
  'command.run': z.object({ id: MenuCommand.shape.id }),
  'share.changed': z.object({
    sessionId: SessionId,
    shared: z.boolean(),
    guests: z.number().int().nonnegative(),
  }),
  /** Desktop only: a .copro file opened from outside the app (double-click, a second launch) was imported, or not. */
  'sessions.fileOpened': z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), fileName: z.string().max(200), session: SessionSummary }),
    z.object({ ok: z.literal(false), fileName: z.string().max(200), message: z.string().max(500) }),
  ]),
} as const
export type ApiEvent = keyof typeof API_EVENTS
export const API_EVENT_NAMES = Object.keys(API_EVENTS) as ApiEvent[]
export type ApiEventPayload<E extends ApiEvent> = z.infer<(typeof API_EVENTS)[E]>

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name)
}
export function isApiEvent(name: unknown): name is ApiEvent {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API_EVENTS, name)
}
