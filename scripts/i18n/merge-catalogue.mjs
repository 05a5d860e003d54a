#!/usr/bin/env node
/**
 * A git merge driver for the message catalogues (src/shared/i18n/locales/*.json): two branches that
 * each add keys merge without a conflict. Keys changed on both sides to different messages are a real
 * conflict: ours is kept, the key is printed, and the exit code is 1 so git reports it.
 *
 *   git config merge.catalogue.name "Copro message catalogues"
 *   git config merge.catalogue.driver "node scripts/i18n/merge-catalogue.mjs %O %A %B"
 *   (.gitattributes names the files)
 */
import { readFileSync, writeFileSync } from 'node:fs'

const [basePath, oursPath, theirsPath] = process.argv.slice(2)
const read = (p) => {
  try {
    return JSON.parse(readFileSync(p, 'utf8') || '{}')
  } catch {
    return {}
  }
}
const base = read(basePath)
const ours = read(oursPath)
const theirs = read(theirsPath)
const out = {}
let conflicts = 0
for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
  const b = base[key]
  const o = ours[key]
  const t = theirs[key]
  if (o === t) {
    if (o !== undefined) out[key] = o
  } else if (o === b) {
    if (t !== undefined) out[key] = t
  } else if (t === b) {
    if (o !== undefined) out[key] = o
  } else {
    conflicts++
    console.error(`catalogue conflict on ${key}: kept ours`)
    if (o !== undefined) out[key] = o
  }
}
const sorted = Object.fromEntries(
  Object.keys(out)
    .sort()
    .map((k) => [k, out[k]]),
)
writeFileSync(oursPath, JSON.stringify(sorted, null, 2) + '\n')
process.exit(conflicts ? 1 : 0)
