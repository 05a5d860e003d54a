#!/usr/bin/env node
// The `copro` command: runs the built CLI (out/cli/index.js). Build it with `npm run build`.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const entry = fileURLToPath(new URL('../out/cli/index.js', import.meta.url))
if (!existsSync(entry)) {
  process.stderr.write('Copro Studio is not built yet. Run `npm run build` first.\n')
  process.exit(1)
}
await import(pathToFileURL(entry).href)
