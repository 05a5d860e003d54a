import { z } from 'zod'
import { MAX_RELAYS, RelayOrigin } from '../../../shared/model/relayOrigin'
import { CheckpointInfo } from '../../../shared/api'
import { ThemeSetting } from '../../../shared/api/contract'
import { SessionId, SessionSummary, SessionTitle } from '../../../shared/model/session'

export const CheckpointId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a checkpoint id holds letters, digits, _ and - only')
export type CheckpointId = z.infer<typeof CheckpointId>

/** Why a checkpoint was taken: the app API's CheckpointInfo.reason (one list of reasons). */
export const CheckpointReason = CheckpointInfo.shape.reason
export type CheckpointReason = z.infer<typeof CheckpointReason>

/**
 * A checkpoint as a session's manifest lists it: the app API's CheckpointInfo (id, name, reason,
 * createdAt, size in bytes of Yjs state), with storage's stricter id and a trimmed name. A .copro file
 * carries the same fields without the id (coproFile.ts: CoproCheckpoint).
 */
export const CheckpointMeta = CheckpointInfo.extend({
  id: CheckpointId,
  name: z.string().trim().min(1).max(200),
})
export type CheckpointMeta = z.infer<typeof CheckpointMeta>

/** A template id as recorded with a session: a short slug, never a path. */
export const TemplateId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'a template id holds letters, digits, _ and - only')

/** sessions/<id>/manifest.json: enough to rebuild the index entry without the index. */
export const SessionManifest = z.object({
  formatVersion: z.literal(1),
  summary: SessionSummary,
  checkpoints: z.array(CheckpointMeta).default([]),
})
export type SessionManifest = z.infer<typeof SessionManifest>

/** The theme setting: the one definition is the app API's (src/shared/api/contract.ts). */
export const Theme = ThemeSetting
export type Theme = ThemeSetting

/**
 * App settings. Extensible: unknown keys (from a newer version) are kept as they are, and each known field
 * falls back to its default when damaged, so one bad value never discards the rest.
 */
export const Settings = z.looseObject({
  /** The tldraw licence key ('' = none; 3.15.x runs with its watermark). */
  licenseKey: z.string().max(4096).default('').catch(''),
  theme: Theme.default('system').catch('system'),
  /** Recently opened session ids, most recent first. */
  recent: z.array(SessionId).max(50).default([]).catch([]),
  /** Hosted relays the facilitator publishes to (the facilitator page's CSP names them). */
  relays: z.array(RelayOrigin).max(MAX_RELAYS).default([]).catch([]),
})
export type Settings = z.infer<typeof Settings>
export const SettingsPatch = z.looseObject({
  licenseKey: z.string().max(4096).optional(),
  theme: Theme.optional(),
  recent: z.array(SessionId).max(50).optional(),
  relays: z.array(RelayOrigin).max(MAX_RELAYS).optional(),
})
export type SettingsPatch = z.input<typeof SettingsPatch>

export function defaultSettings(): Settings {
  return Settings.parse({})
}

export const INDEX_VERSION = 1
export interface IndexData {
  version: number
  sessions: SessionSummary[]
  settings: Settings
}

/** The index's outer shape; entries are checked one by one so one bad entry costs only itself. */
export const IndexShape = z.object({
  version: z.number().int(),
  sessions: z.array(z.unknown()),
  settings: z.unknown(),
})

export { SessionId, SessionSummary, SessionTitle }

/** The counts the Sessions view shows, kept in the index so that listing never opens a board. */
export interface BoardCounts {
  readonly cardCount: number
  readonly participantCount: number
}
