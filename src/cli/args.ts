import { w } from './words'

/** A small, strict argument parser: `--name value`, `--flag`, and positionals. Unknown flags are errors. */
export interface ParsedArgs {
  positionals: string[]
  flags: Map<string, string | true>
}

export class UsageError extends Error {}

export function parseArgs(
  argv: readonly string[],
  spec: { values: string[]; booleans: string[] },
): ParsedArgs {
  const positionals: string[] = []
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!a.startsWith('--')) {
      positionals.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = a.slice(2, eq < 0 ? undefined : eq)
    if (spec.booleans.includes(name)) {
      flags.set(name, true)
    } else if (spec.values.includes(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i]
      if (v === undefined || v === '') throw new UsageError(w('cli.needsValue', { name }))
      flags.set(name, v)
    } else {
      throw new UsageError(w('cli.unknownOption', { option: `--${name}` }))
    }
  }
  return { positionals, flags }
}

export function flagString(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name)
  return typeof v === 'string' ? v : undefined
}
