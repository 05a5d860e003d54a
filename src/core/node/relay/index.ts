export { Relay, type RelayOptions, type RelaySessionInfo, type RelayStats } from './relay'
export { RelayAuthResult, SYNC_PATH_PREFIX, parseSyncUrl } from './auth'
export {
  CLOSE_CODES,
  CLOSE_REASONS,
  isPermanentCloseCode,
  type CloseCode,
  type CloseCodeName,
} from './closeCodes'
export { DEFAULT_LIMITS, RelayLimits } from './limits'
export { READ_ONLY_REASON } from './room'
export { MemoryPersistence, type RoomPersistence, type SaveState } from './persistence'
export { startStandaloneRelay, type StandaloneRelay, type StandaloneRelayOptions } from './standalone'
