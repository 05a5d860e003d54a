import type { CoproServerOptions } from '../core/node/server'

export interface CliIo {
  out(s: string): void
  err(s: string): void
  version: string
  createRelay?: CoproServerOptions['createRelay']
}
