#!/usr/bin/env node
// `npm run dist`: builds the installers for this computer's platform into dist/ with electron-builder
// (configuration: electron-builder.json; decisions: docs/adr/0018-packaging.md).
//   Windows → NSIS installer (per user, no admin rights) + MSI · macOS → universal .dmg · Linux → AppImage + .deb
// electron-builder downloads the Electron runtime for the target first; where that cannot happen it
// says so in one sentence, like `npm start`.
// Exit codes: 0 packages built · 1 the build failed · 2 nothing built, the Electron runtime cannot be fetched here.
// COPRO_UPDATE_URL=https://… builds packages that look for updates on that server (see README, "Updates").
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const platformFlag = { win32: '--win', darwin: '--mac', linux: '--linux' }[process.platform]
if (!platformFlag) {
  process.stderr.write(
    `Copro Studio has no installer for this operating system (${process.platform}): build on Windows, macOS or Linux, or run \`npm run serve\` to use it in your browser.\n`,
  )
  process.exit(2)
}

// The runtime electron-builder will package: both architectures for the universal macOS build.
const archs = process.platform === 'darwin' ? ['x64', 'arm64'] : [process.arch]
const electronRequire = createRequire(join(process.cwd(), 'node_modules', 'electron', 'package.json'))
const { version } = electronRequire('./package.json')
const { downloadArtifact } = electronRequire('@electron/get')

process.stdout.write(
  `Fetching the Electron ${version} runtime for ${process.platform} (${archs.join(', ')})…\n`,
)
for (const arch of archs) {
  try {
    // Cached after the first time; electron-builder finds it in the same cache.
    await downloadArtifact({
      version,
      artifactName: 'electron',
      platform: process.platform,
      arch,
      checksums: electronRequire('./checksums.json'),
    })
  } catch {
    process.stderr.write(
      `The Electron runtime could not be downloaded on this machine, so no installer can be built here: run \`npm run dist\` where its download host is reachable, or let the release workflow (.github/workflows/release.yml) build the installers.\n`,
    )
    process.exit(2)
  }
}

const build = spawnSync('npm', ['run', '--silent', 'build'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
if (build.status !== 0) process.exit(1)

const args = ['--config', 'electron-builder.json', '--publish', 'never', platformFlag]
const updateUrl = process.env.COPRO_UPDATE_URL
// The address goes into the app, and electron-builder writes the latest*.yml files the server must hold.
if (updateUrl)
  args.push(
    `-c.extraMetadata.coproUpdateUrl=${updateUrl}`,
    '-c.publish.provider=generic',
    `-c.publish.url=${updateUrl}`,
  )
const bin = join(
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder',
)
const r = spawnSync(bin, args, { stdio: 'inherit', shell: process.platform === 'win32' })
process.exit(r.status === 0 ? 0 : 1)
