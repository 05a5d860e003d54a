import type { Template } from './schema'

/** One thing wrong with a template file: where (JSON path, and line/column when known) and what. */
export interface TemplateProblem {
  /** JSON path such as `$.structure.stages[2].label`; `$` for the whole file. */
  readonly path: string
  readonly message: string
  readonly line?: number
  readonly column?: number
}

export type TemplateResult =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly problems: readonly TemplateProblem[] }

/** `file: $.json.path: what is wrong` (with line:column for JSON syntax problems). */
export function formatProblem(file: string, p: TemplateProblem): string {
  const where = p.line !== undefined ? ` (line ${p.line}, column ${p.column ?? 1})` : ''
  return `${file}: ${p.path}: ${p.message}${where}`
}
