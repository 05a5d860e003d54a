export { Relay } from './relay'
export { RelayAuthResult, type RelayOptions } from './options'
export type { RelaySessionInfo, RelayStats } from './stats'
export { SYNC_PATH, SYNC_PATH_PREFIX, parseSyncUrl, syncServerUrl } from './syncUrl'
export {
  CLOSE_CODES,
  CLOSE_REASONS,
  isPermanentCloseCode,
  RelayRefusal,
  type CloseCode,
  type CloseCodeName,
} from './closeCodes'
export { connectionBudgetRefusal, DEFAULT_LIMITS, RelayLimits, resolveLimits } from './limits'
export { checkUpdateCost, type CostLimits } from './updateCost'
export { READ_ONLY_REASON } from './room'
export { MemoryPersistence, type RoomPersistence, type SaveState } from './persistence'
