export { startClusterRelay, type ClusterRelay, type ClusterRelayOptions } from './clusterRelay'
export { ClusterStore, type ClusterStoreOptions } from './pgStore'
export { SyncAdapter, type SyncAdapterOptions } from './syncAdapter'
