import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const children: ChildProcess[] = []
const dataDir = mkdtempSync(join(tmpdir(), 'copro-cli-'))

function serve(args: string[]): {
  child: ChildProcess
  output: Promise<{ out: string; err: string; code: number | null }>
  url: Promise<string>
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  let err = ''
  child.stdout!.on('data', (d) => (out += String(d)))
  child.stderr!.on('data', (d) => (err += String(d)))
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /Copro Studio is running at (\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.on('exit', () => reject(new Error(`exited: ${err}`)))
  })
  url.catch(() => {})
  const output = new Promise<{ out: string; err: string; code: number | null }>((resolve) =>
    child.on('exit', (code) => resolve({ out, err, code })),
  )
  return { child, output, url }
}

afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

describe('copro serve (the real CLI entry, real data folder)', () => {
  it('prints the URL with a fresh token, serves the API with it, and refuses a second server on the same folder', async () => {
    const first = serve(['--port', '0', '--data-dir', dataDir])
    const url = new URL(await first.url)
    expect(url.hostname).toBe('127.0.0.1')
    const token = url.searchParams.get('token')!
    expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/)
    const res = await fetch(`${url.origin}/api/call/sessions.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Persisted' }),
    })
    expect(res.status).toBe(200)
    expect((await fetch(`${url.origin}/api/call/sessions.list`, { method: 'POST', body: '{}' })).status).toBe(
      401,
    )

    const second = serve(['--port', '0', '--data-dir', dataDir])
    const result = await second.output
    expect(result.code).not.toBe(0)
    expect(result.err).toMatch(/in use/i)

    first.child.kill('SIGTERM')
    expect((await first.output).code).toBe(0)

    // The session survived the restart.
    const third = serve(['--port', '0', '--data-dir', dataDir])
    const url3 = new URL(await third.url)
    const list = await fetch(`${url3.origin}/api/call/sessions.list`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${url3.searchParams.get('token')}`,
        'content-type': 'application/json',
      },
      body: '{}',
    })
    const body = (await list.json()) as { value: { title: string }[] }
    expect(body.value.map((s) => s.title)).toEqual(['Persisted'])
    expect(url3.searchParams.get('token')).not.toBe(token)
    third.child.kill('SIGTERM')
    await third.output
  })

  it('rejects bad options with a usage message', async () => {
    const bad = serve(['--port', 'seventy'])
    const r = await bad.output
    expect(r.code).toBe(2)
    expect(r.err).toContain('--port must be')
  })
})
