import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv from 'ajv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The installers' configuration (electron-builder.json), checked here because the installers themselves
 * can only be built where the Electron runtime downloads (the release workflow): it validates against
 * electron-builder's own schema, names the formats and settings of docs/adr/0018-packaging.md, and the
 * app it packs holds exactly what the app needs — found by running electron-builder for real with a
 * stand-in Electron binary and reading the resulting app.asar.
 */

const require = createRequire(import.meta.url)
type Json = Record<string, unknown>
const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as Json
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const schema = require('app-builder-lib/scheme.json') as object

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false })
  return ajv.compile(schema)
}

describe('electron-builder configuration', () => {
  it(
    "validates against electron-builder's own schema, and the schema rejects a broken copy",
    { timeout: 120_000 },
    () => {
      const validate = validator()
      expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true)
      expect(validate({ ...config, nsis: { ...(config.nsis as Json), perMachine: 'no' } })).toBe(false)
      expect(validate({ ...config, instaler: true })).toBe(false)
    },
  )
  it('pins electron-builder exactly and never runs it while installing', () => {
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(require('electron-builder/package.json').version).toBe(pkg.devDependencies['electron-builder'])
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(pkg.scripts[hook] ?? '', hook).not.toMatch(/electron-builder|install-app-deps/)
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs')
  })
  it('builds a per-user NSIS installer and an MSI for Windows, a universal dmg, and AppImage + deb', () => {
    const targets = (platform: string) =>
      ((config[platform] as Json).target as { target: string; arch: string[] }[]).map(
        (t) => `${t.target}:${t.arch.join('+')}`,
      )
    expect(targets('win')).toEqual(['nsis:x64', 'msi:x64'])
    expect(targets('mac')).toEqual(['dmg:universal'])
    expect(targets('linux')).toEqual(['AppImage:x64', 'deb:x64'])
    // Per user, no administrator rights: a one-click NSIS installer into the user's own folder.
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false })
    // The MSI is for IT departments deploying to every user of a machine.
    expect(config.msi).toMatchObject({ perMachine: true })
  })
  it('opens .copro files with the app', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'copro', role: 'Editor' })])
  })
  it('publishes nothing by itself and ships no update server (updates are off by default)', () => {
    expect(config.publish).toBeNull()
    expect(JSON.stringify(config)).not.toMatch(/coproUpdateUrl|https?:\/\//)
  })
  it('sets the Electron fuses: no RunAsNode, no NODE_OPTIONS, encrypted cookies, ASAR-only with integrity', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
    expect(config.asar).toBe(true)
  })
  it('has an icon for every platform, in the format each one needs', () => {
    const head = (f: string, n: number) => readFileSync(f).subarray(0, n)
    expect(head('build/icon.ico', 4)).toEqual(Buffer.from([0, 0, 1, 0]))
    expect(head('build/icon.icns', 4).toString('latin1')).toBe('icns')
    const pngSize = (f: string) => {
      const b = readFileSync(f)
      expect(b.subarray(1, 4).toString('latin1'), f).toBe('PNG')
      return [b.readUInt32BE(16), b.readUInt32BE(20)]
    }
    expect(pngSize('build/icon.png')).toEqual([1024, 1024])
    for (const s of [16, 32, 48, 128, 256, 512]) expect(pngSize(`build/icons/${s}x${s}.png`)).toEqual([s, s])
    expect((config.win as Json).icon).toBe('build/icon.ico')
    expect((config.mac as Json).icon).toBe('build/icon.icns')
    expect((config.linux as Json).icon).toBe('build/icons')
  })
})

describe('the packaged app (electron-builder run with a stand-in Electron)', () => {
  const work = mkdtempSync(join(tmpdir(), 'copro-pack-'))
  let files: string[] = []
  let readPacked: (file: string) => string = () => ''

  beforeAll(() => {
    if (!existsSync('out/main/index.js') || !existsSync('out/renderer/index.html')) {
      throw new Error('out/ is not built: run `npm run build` first (npm test builds before it runs vitest).')
    }
    // electron-builder copies an "unpacked Electron" from electronDist; a one-line script stands in for
    // the binary (fuses need the real one, so they are checked in the configuration above instead).
    const electronDist = join(work, 'electron')
    mkdirSync(electronDist)
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n')
    chmodSync(join(electronDist, 'electron'), 0o755)
    const { electronFuses: _fuses, $schema: _schema, ...rest } = config
    const testConfig = {
      ...rest,
      electronDist,
      directories: { ...(config.directories as Json), output: join(work, 'dist') },
    }
    writeFileSync(join(work, 'config.json'), JSON.stringify(testConfig))
    const r = spawnSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--projectDir',
        '.',
        '--config',
        join(work, 'config.json'),
        '--publish',
        'never',
        '--linux',
        '--dir',
      ],
      { encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
    )
    if (r.status !== 0) throw new Error(`electron-builder failed:\n${r.stdout}\n${r.stderr}`)
    const asar = join(work, 'dist', 'linux-unpacked', 'resources', 'app.asar')
    const { listPackage, extractFile } = require('@electron/asar') as {
      listPackage(p: string): string[]
      extractFile(p: string, file: string): Buffer
    }
    files = listPackage(asar).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''))
    readPacked = (file) => extractFile(asar, file).toString('utf8')
  }, 240_000)
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('contains the built app (out/) and every shipped workshop template', () => {
    for (const f of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'])
      expect(files, f).toContain(f)
    expect(files.some((f) => f.startsWith('out/renderer/assets/'))).toBe(true)
    const templates = readdirSync('workshop-templates').filter((n) => n.endsWith('.json'))
    expect(templates.length).toBeGreaterThan(0)
    for (const t of templates) expect(files, t).toContain(`workshop-templates/${t}`)
  })
  it('leaves out sources, tests, source maps, the CLI build and development dependencies', () => {
    expect(files.filter((f) => /^(src|test|bench|scripts|docs|build|\.github)\//.test(f))).toEqual([])
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
    expect(files.filter((f) => /(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]s$/.test(f))).toEqual(
      [],
    )
    expect(files.filter((f) => f.startsWith('out/cli/'))).toEqual([])
    const modules = new Set(
      files
        .filter((f) => f.startsWith('node_modules/'))
        .map((f) => {
          const p = f.split('/')
          return p[1]!.startsWith('@') ? `${p[1]}/${p[2]}` : p[1]!
        }),
    )
    for (const dev of Object.keys(pkg.devDependencies)) expect(modules.has(dev), dev).toBe(false)
  })
  it('names every packed package in the third-party notices, and each carries its licence', () => {
    const notices = readFileSync('THIRD_PARTY_NOTICES.md', 'utf8').toLowerCase()
    const packed = files
      .filter((f) => /^node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(f))
      .map((f) => f.slice('node_modules/'.length, -'/package.json'.length))
    expect(packed.length).toBeGreaterThan(0)
    for (const name of packed) {
      expect(notices, name).toContain(name.toLowerCase())
      const hasFile = files.some((f) => new RegExp(`^node_modules/${name}/(licen[cs]e|copying)`, 'i').test(f))
      const declared = (JSON.parse(readPacked(`node_modules/${name}/package.json`)) as { license?: string })
        .license
      expect(hasFile || typeof declared === 'string', name).toBe(true)
    }
  })
  it('holds every package the built main process imports', () => {
    const main = readFileSync('out/main/index.js', 'utf8')
    const bare = [...main.matchAll(/(?:from\s+|import\(\s*)["']([^"'./][^"']*)["']/g)]
      .map((m) => m[1]!)
      .filter((s) => !s.startsWith('node:') && s !== 'electron')
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!))
    expect(bare.length).toBeGreaterThan(0)
    for (const name of new Set(bare)) {
      expect(pkg.dependencies[name], `${name} must be a dependency`).toBeDefined()
      expect(files, name).toContain(`node_modules/${name}/package.json`)
    }
  })
})
