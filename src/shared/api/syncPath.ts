/**
 * Where every relay serves the sync protocol (docs/protocol/relay.md): a client's y-websocket serverUrl
 * is `ws(s)://HOST:PORT/sync`, and each session's connection is `/sync/<sessionId>?token=…`. The one
 * home of this path for the relay (src/core/node/relay/syncUrl.ts), the hosted relay, the cluster and
 * the renderer.
 */
export const SYNC_PATH = '/sync'
/** The path prefix of every sync connection: `/sync/<sessionId>`. */
export const SYNC_PATH_PREFIX = `${SYNC_PATH}/`
