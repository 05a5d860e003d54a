/**
 * A strict, bounded JSON reader for files that come from outside (templates people share).
 *
 * Unlike JSON.parse it:
 *  - stops at a nesting depth limit before doing any work below it (no stack overflow on 10,000 levels);
 *  - rejects keys that could change how JavaScript objects behave (`__proto__`, `constructor`,
 *    `prototype`) and builds objects without a prototype;
 *  - rejects a key given twice in one object (JSON.parse silently keeps the last one);
 *  - bounds array length, object size and string length;
 *  - reports the JSON path, line and column of the first problem.
 */
export interface JsonLimits {
  readonly maxDepth: number
  readonly maxArrayLength: number
  readonly maxObjectKeys: number
  readonly maxStringLength: number
}

export interface JsonProblem {
  readonly path: (string | number)[]
  readonly message: string
  readonly line: number
  readonly column: number
}

export type JsonResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: JsonProblem }

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const LITERALS: readonly (readonly [string, boolean | null])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
]

class JsonError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message)
  }
}

export function parseJsonSafely(text: string, limits: JsonLimits): JsonResult {
  const path: (string | number)[] = []
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0

  const fail = (message: string, at = i): never => {
    throw new JsonError(message, at)
  }
  const describe = (at: number): string => (at >= text.length ? 'end of file' : `${JSON.stringify(text[at])}`)

  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
      else return
    }
  }

  const readString = (): string => {
    // text[i] is the opening quote
    const start = i
    i++
    let out = ''
    let chunkStart = i
    for (;;) {
      if (i >= text.length) fail('a text value is not closed (missing ")', start)
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        out += text.slice(chunkStart, i)
        i++
        break
      }
      if (c < 0x20)
        fail('a raw control character is not allowed inside a JSON string (write it as an escape)')
      if (c === 0x5c) {
        out += text.slice(chunkStart, i)
        const e = text[i + 1]
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out += e
            i += 2
            break
          case 'b':
            out += '\b'
            i += 2
            break
          case 'f':
            out += '\f'
            i += 2
            break
          case 'n':
            out += '\n'
            i += 2
            break
          case 'r':
            out += '\r'
            i += 2
            break
          case 't':
            out += '\t'
            i += 2
            break
          case 'u': {
            const hex = text.slice(i + 2, i + 6)
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('a \\u escape needs four hex digits')
            out += String.fromCharCode(parseInt(hex, 16))
            i += 6
            break
          }
          default:
            fail(`unknown escape \\${e ?? ''} in a text value`)
        }
        chunkStart = i
      } else i++
      if (i - start > limits.maxStringLength + 2)
        fail(`a text value is longer than ${limits.maxStringLength} characters`, start)
    }
    if (out.length > limits.maxStringLength)
      fail(`a text value is longer than ${limits.maxStringLength} characters`, start)
    return out
  }

  const readNumber = (): number => {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
    m.lastIndex = i
    const found = m.exec(text)
    if (!found || found[0] === '-' || found[0] === '') fail(`unexpected ${describe(i)}`)
    const n = Number(found![0])
    if (!Number.isFinite(n)) fail('a number is too large')
    i += found![0].length
    return n
  }

  const readValue = (depth: number): unknown => {
    skipSpace()
    const c = text[i]
    if (c === '{' || c === '[') {
      if (depth >= limits.maxDepth) fail(`nesting is deeper than ${limits.maxDepth} levels`)
      return c === '{' ? readObject(depth + 1) : readArray(depth + 1)
    }
    if (c === '"') return readString()
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return readNumber()
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length
        return value
      }
    }
    return fail(`unexpected ${describe(i)}; expected a value`)
  }

  const readArray = (depth: number): unknown[] => {
    i++ // [
    const out: unknown[] = []
    skipSpace()
    if (text[i] === ']') {
      i++
      return out
    }
    for (;;) {
      if (out.length >= limits.maxArrayLength) fail(`a list holds more than ${limits.maxArrayLength} items`)
      path.push(out.length)
      out.push(readValue(depth))
      path.pop()
      skipSpace()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === ']') {
        i++
        return out
      }
      fail(`unexpected ${describe(i)}; expected , or ] in a list`)
    }
  }

  const readObject = (depth: number): Record<string, unknown> => {
    i++ // {
    const out = Object.create(null) as Record<string, unknown>
    let count = 0
    skipSpace()
    if (text[i] === '}') {
      i++
      return out
    }
    for (;;) {
      skipSpace()
      if (text[i] !== '"') fail(`unexpected ${describe(i)}; expected a key in double quotes`)
      const keyAt = i
      const key = readString()
      path.push(key)
      if (FORBIDDEN_KEYS.has(key))
        fail(`the key "${key}" is not allowed (it could change how objects behave)`, keyAt)
      if (Object.prototype.hasOwnProperty.call(out, key))
        fail(`the key "${key}" appears twice in the same object`, keyAt)
      if (++count > limits.maxObjectKeys)
        fail(`an object holds more than ${limits.maxObjectKeys} keys`, keyAt)
      skipSpace()
      if (text[i] !== ':') fail(`unexpected ${describe(i)}; expected : after a key`)
      i++
      out[key] = readValue(depth)
      path.pop()
      skipSpace()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === '}') {
        i++
        return out
      }
      fail(`unexpected ${describe(i)}; expected , or } in an object`)
    }
  }

  try {
    const value = readValue(0)
    skipSpace()
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`)
    return { ok: true, value }
  } catch (e) {
    if (!(e instanceof JsonError)) throw e
    const { line, column } = lineAndColumn(text, e.index)
    return { ok: false, problem: { path: [...path], message: e.message, line, column } }
  }
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(index, text.length)
  for (let k = 0; k < end; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++
      lineStart = k + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}
