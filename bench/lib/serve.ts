import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Starts the built `copro serve` on port 0 for a benchmark; needs `npm run build` first. */
export async function startServe(): Promise<{ url: string; baseUrl: string; token: string; stop(): void }> {
  if (!existsSync('out/cli/index.js')) throw new Error('Run `npm run build` before this benchmark.')
  const dataDir = mkdtempSync(join(tmpdir(), 'copro-bench-'))
  const child = spawn(process.execPath, ['bin/copro.js', 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += String(d)
      const m = /running at (\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.on('exit', (c) => reject(new Error(`serve exited ${c}`)))
  })
  const u = new URL(url)
  return {
    url,
    baseUrl: u.origin,
    token: u.searchParams.get('token')!,
    stop() {
      child.kill('SIGTERM')
      setTimeout(() => rmSync(dataDir, { recursive: true, force: true }), 500)
    },
  }
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))
  return sorted[i]!
}

export function median(xs: number[]): number {
  return quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  )
}

/** Calls the app API of a running `copro serve` with its facilitator token; returns the value. */
export async function callApi(baseUrl: string, token: string, method: string, args: unknown): Promise<any> {
  const r = await fetch(`${baseUrl}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  })
  return ((await r.json()) as { value: any }).value
}
