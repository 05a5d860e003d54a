import { existsSync, statSync } from 'node:fs'
import { open, readdir, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createTemplateRegistry,
  type TemplateRegistry,
  type TemplateSourceText,
} from '../../common/templates/registry'
import type { TemplateProblem } from '../../common/templates/result'
import { TEMPLATE_LIMITS } from '../../common/templates/schema'

export type ReadTemplateResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: TemplateProblem }

/**
 * Reads one template file safely: it must be a regular file of at most 1 MB (checked before reading,
 * and again while reading, in case it grows) holding valid UTF-8.
 */
export async function readTemplateFile(path: string): Promise<ReadTemplateResult> {
  const max = TEMPLATE_LIMITS.maxBytes
  let info
  try {
    info = await stat(path)
  } catch (e) {
    return fail(`cannot read the file (${errorCode(e)})`)
  }
  if (!info.isFile()) return fail('is not a regular file')
  if (info.size > max)
    return fail(`the file is ${info.size} bytes; a template may be at most ${max} bytes (1 MB)`)
  let handle
  try {
    handle = await open(path, 'r')
    const buffer = Buffer.alloc(max + 1)
    let total = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > max) return fail(`the file is larger than ${max} bytes (1 MB), the most a template may be`)
    }
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, total)) }
    } catch {
      return fail('the file is not valid UTF-8 text')
    }
  } catch (e) {
    return fail(`cannot read the file (${errorCode(e)})`)
  } finally {
    await handle?.close()
  }
}

function fail(message: string): ReadTemplateResult {
  return { ok: false, problem: { path: '$', message } }
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : 'error'
}

/**
 * The folder of shipped templates: $COPRO_TEMPLATES_DIR if set, else the nearest `workshop-templates`
 * folder above this module (source tree or bundle), else one in the working directory; null if none.
 */
export function findShippedTemplatesDir(): string | null {
  const fromEnv = process.env.COPRO_TEMPLATES_DIR
  if (fromEnv) return isDir(fromEnv) ? resolve(fromEnv) : null
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'workshop-templates')
    if (isDir(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  const cwd = join(process.cwd(), 'workshop-templates')
  return isDir(cwd) ? cwd : null
}

function isDir(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isDirectory()
  } catch {
    return false
  }
}

/** Reads every `*.json` in a folder (sorted by name) into a registry; unreadable files are rejected. */
export async function loadTemplatesFromDir(dir: string): Promise<TemplateRegistry> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()
  const sources: TemplateSourceText[] = []
  const unreadable: { name: string; problems: TemplateProblem[] }[] = []
  for (const name of names) {
    const read = await readTemplateFile(join(dir, name))
    if (read.ok) sources.push({ name, text: read.text })
    else unreadable.push({ name, problems: [read.problem] })
  }
  const registry = createTemplateRegistry(sources)
  return { ...registry, rejected: [...unreadable, ...registry.rejected] }
}

/** The shipped templates (workshop-templates/), or null when the folder cannot be found. */
export async function loadShippedTemplates(
  dir = findShippedTemplatesDir(),
): Promise<TemplateRegistry | null> {
  return dir ? loadTemplatesFromDir(dir) : null
}
