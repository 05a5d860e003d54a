import { join } from 'node:path'
import { CoproServer, type HostCapabilities } from '../core/node/server'
import { openDesktopBackend } from './wiring'

/** Starts the same CoproServer as `copro serve`, on loopback, for the desktop window. */
export async function createDesktopServer(
  dataDir: string,
  version: string,
  capabilities: HostCapabilities = {},
): Promise<CoproServer> {
  const backend = await openDesktopBackend(dataDir, version)
  return CoproServer.start({
    host: '127.0.0.1',
    port: 0,
    backend,
    // Served to guests who join from their own browsers when the facilitator shares a session.
    rendererDir: join(import.meta.dirname, '../renderer'),
    appHost: 'electron',
    capabilities,
    appVersion: version,
    dataDir,
    log: (m) => console.error(m),
  })
}
