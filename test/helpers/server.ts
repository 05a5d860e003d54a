import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { CoproServer } from '../../src/core/node/server'

/**
 * One CoproServer for a test file: `start` builds it before the file's tests, making the temp
 * folders it needs with `tempDir(prefix)`; after the tests the server is closed, then those folders
 * are removed.
 */
export function serverPerFile(start: (tempDir: (prefix: string) => string) => Promise<CoproServer>): void {
  let server: CoproServer
  const dirs: string[] = []
  const tempDir = (prefix: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix))
    dirs.push(dir)
    return dir
  }
  beforeAll(async () => {
    server = await start(tempDir)
  })
  afterAll(async () => {
    await server.close()
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
}

/** Makes `dir` a minimal renderer build: an assets folder, and `files` (path under `dir` → content). */
export function writeRenderer(dir: string, files: Record<string, string | Buffer>): string {
  mkdirSync(join(dir, 'assets'))
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content)
  return dir
}

/** What the app API answered: the HTTP status and the JSON body. */
export interface ApiReply<T = any> {
  status: number
  body: { ok: boolean; value: T; error?: any }
}

/**
 * POSTs `args` to the app API's `/api/call/<method>` at `baseUrl` (a string as it is, anything else
 * as JSON), with `token` as a bearer header (none when null).
 */
export async function callApi<T = any>(
  baseUrl: string,
  method: string,
  args: unknown,
  token: string | null,
): Promise<ApiReply<T>> {
  const res = await fetch(`${baseUrl}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof args === 'string' ? args : JSON.stringify(args),
  })
  return { status: res.status, body: (await res.json()) as ApiReply<T>['body'] }
}
