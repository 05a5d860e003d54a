import { readFileSync } from 'node:fs'
import path from 'node:path'

const LOCALES = path.resolve('src/shared/i18n/locales')

/** A message catalogue (the tests read the same files the app is built from). */
export const catalogue = (code: string): Readonly<Record<string, string>> =>
  JSON.parse(readFileSync(path.join(LOCALES, `${code}.json`), 'utf8')) as Record<string, string>

/** One message, or a failed test when the catalogue lacks it. */
export const msg = (c: Readonly<Record<string, string>>, key: string): string => {
  const m = c[key]
  if (m === undefined) throw new Error(`no message ${key}`)
  return m
}
