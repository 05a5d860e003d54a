import type { z } from 'zod'
import { parseJsonSafely } from './safeJson'
import { Template, TEMPLATE_FORMAT_VERSION, TEMPLATE_LIMITS, formatPath } from './schema'
import type { TemplateProblem, TemplateResult } from './result'
import { MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE, describeForbiddenChar } from '../text/fields'

/** At most this many problems are reported for one file (then a summary line). */
export const MAX_PROBLEMS = 100

const JSON_LIMITS = {
  maxDepth: TEMPLATE_LIMITS.maxDepth,
  maxArrayLength: TEMPLATE_LIMITS.maxArrayLength,
  maxObjectKeys: TEMPLATE_LIMITS.maxObjectKeys,
  maxStringLength: 100_000,
} as const

/** UTF-8 length of a string, without TextEncoder (this module is pure). Stops counting past `cap`. */
export function utf8Length(text: string, cap = Infinity): number {
  let bytes = 0
  for (let i = 0; i < text.length && bytes <= cap; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/**
 * Reads a template file's text: size check, bounded prototype-safe JSON, then the schema.
 * Never throws on any input; every problem comes back with a JSON path and a plain message.
 * `fileName` is accepted for symmetry with the loaders; problems do not repeat it (see formatProblem).
 */
export function parseTemplate(text: string, _fileName?: string): TemplateResult {
  if (typeof text !== 'string') return fail([{ path: '$', message: 'the template is not text' }])
  if (
    text.length > TEMPLATE_LIMITS.maxBytes ||
    utf8Length(text, TEMPLATE_LIMITS.maxBytes) > TEMPLATE_LIMITS.maxBytes
  )
    return fail([
      {
        path: '$',
        message: `the file is larger than ${TEMPLATE_LIMITS.maxBytes} bytes (1 MB), the most a template may be`,
      },
    ])
  if (text.trim() === '') return fail([{ path: '$', message: 'the file is empty' }])
  const json = parseJsonSafely(text, JSON_LIMITS)
  if (!json.ok)
    return fail([
      {
        path: formatPath(json.problem.path),
        message: `not valid JSON: ${json.problem.message}`,
        line: json.problem.line,
        column: json.problem.column,
      },
    ])
  return validateTemplate(json.value)
}

/** Validates an already-parsed value (e.g. from the app's own state) against the template schema. */
export function validateTemplate(value: unknown): TemplateResult {
  const version = valueAt(value, ['formatVersion'])
  if (typeof version === 'number' && version > TEMPLATE_FORMAT_VERSION)
    return fail([
      {
        path: '$.formatVersion',
        message: `this template uses format version ${version}, made by a newer Copro Studio; this version reads format ${TEMPLATE_FORMAT_VERSION}`,
      },
    ])
  const parsed = Template.safeParse(value)
  if (parsed.success) return { ok: true, template: parsed.data }
  return fail(issuesToProblems(parsed.error.issues, value))
}

function fail(problems: TemplateProblem[]): TemplateResult {
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS
    problems = [...problems.slice(0, MAX_PROBLEMS), { path: '$', message: `… and ${more} more problems` }]
  }
  return { ok: false, problems }
}

export function issuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown): TemplateProblem[] {
  const out: TemplateProblem[] = []
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ path: formatPath([...issue.path, key]), message: 'unknown field (check the spelling)' })
      continue
    }
    out.push({ path: formatPath(issue.path), message: describeIssue(issue, valueAt(input, issue.path)) })
  }
  return out
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined
    if (typeof p === 'symbol' || !Object.prototype.hasOwnProperty.call(v, p)) return undefined
    v = (v as Record<string | number, unknown>)[p]
  }
  return v
}

function kindOf(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'string') return 'text'
  return `a ${typeof v}`
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required'
      return `should be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(value)}`
    case 'too_big':
      if (issue.origin === 'string') return `is longer than ${String(issue.maximum)} characters`
      if (issue.origin === 'array') return `holds more than ${String(issue.maximum)} items`
      return `must be at most ${String(issue.maximum)}`
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty'
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item(s)`
      return `must be at least ${String(issue.minimum)}`
    case 'invalid_format': {
      const isCharRule = issue.message === SINGLE_LINE_MESSAGE || issue.message === MULTI_LINE_MESSAGE
      if (typeof value === 'string' && isCharRule) {
        const bad = describeForbiddenChar(value, issue.message === MULTI_LINE_MESSAGE)
        if (bad) return `${issue.message} (found ${bad})`
      }
      return issue.message
    }
    case 'invalid_value':
      if (value === undefined) return 'is required'
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${JSON.stringify(value) ?? 'nothing'}`
    case 'invalid_union':
      if (issue.path[issue.path.length - 1] === 'type')
        return value === undefined
          ? 'is required: use "grid" (stages × lanes) or "zones"'
          : `must be "grid" (stages × lanes) or "zones", not ${JSON.stringify(value)}`
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return 'has an unknown "type": use "grid" (stages × lanes) or "zones"'
      return `should be an object, not ${kindOf(value)}`
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`
    default:
      return issue.message
  }
}
