import type { Contribution } from '../workbench/contributions'

/**
 * Every feature of the workbench: each folder's `<name>.contribution.ts(x)` exports `contribution`.
 * A new feature is a new folder with such a file; nothing else needs to be edited.
 */
const modules = import.meta.glob<{ contribution: Contribution }>('./*/*.contribution.{ts,tsx}', {
  eager: true,
})

export const FEATURES: readonly Contribution[] = Object.keys(modules)
  .sort()
  .map((path) => modules[path]!.contribution)
  .sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
