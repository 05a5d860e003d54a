/** Durable local storage of sessions (docs/adr/0004-storage.md). */
export { SessionStore } from './sessionStore'
export type { CreateSessionInput, RevertOptions, SessionStoreOptions } from './sessionStore'
export { StorageError } from './errors'
export type { StorageErrorCode, StorageWarning } from './errors'
export { REVERT_ORIGIN, revertDocTo, revertUpdate } from './revertDoc'
export { readDataDir } from './readOnly'
export type { ReadOnlyView } from './readOnly'
export { readCoproBytes, readCoproFile, COPRO_FORMAT_VERSION, MAX_COPRO_FILE_BYTES } from './coproFile'
export type { CoproContent, CoproManifest } from './coproFile'
export { exportSessionFolder, buildCoproFile } from './coproExport'
export { docFromUpdates, readStoredState } from './sessionState'
export {
  CheckpointMeta,
  CheckpointReason,
  Settings,
  SettingsPatch,
  SessionManifest,
  Theme,
  TemplateId,
  defaultSettings,
} from './schemas'
