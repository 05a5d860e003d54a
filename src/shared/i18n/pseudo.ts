import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js'

/**
 * The pseudo-locale (en-XA): every English message with accented letters and about 40 % more text,
 * between ⟦ ⟧ marks, keeping its ICU arguments, plurals, selects and tags intact. Text on screen that
 * is not accented was not translated; a mark that is cut off shows clipped text (docs/i18n.md).
 */
const ACCENTS: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'ú',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Á',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Í',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Ú',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
}
const PAD = ' ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~'

function accent(text: string): string {
  let out = ''
  for (const ch of text) out += ACCENTS[ch] ?? ch
  return out
}

function literalLength(ast: readonly MessageFormatElement[]): number {
  let n = 0
  for (const el of ast) if (el.type === TYPE.literal) n += el.value.length
  return n
}

function transform(ast: MessageFormatElement[]): MessageFormatElement[] {
  return ast.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: accent(el.value) }
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(el.options).map(([k, o]) => [k, { ...o, value: pseudoAst(o.value) }]),
      )
      return { ...el, options } as MessageFormatElement
    }
    if (el.type === TYPE.tag) return { ...el, children: transform(el.children) }
    return el
  })
}

function pseudoAst(ast: MessageFormatElement[]): MessageFormatElement[] {
  const extra = Math.ceil(literalLength(ast) * 0.4)
  const out = transform(ast)
  if (extra === 0) return out
  return [...out, { type: TYPE.literal, value: PAD.slice(0, extra) }]
}

/** One message in the pseudo-locale. */
export function pseudoLocalize(message: string): string {
  const ast = parse(message)
  return `⟦${printAST(pseudoAst(ast))}⟧`
}

/** A whole catalogue in the pseudo-locale. */
export function pseudoCatalogue(messages: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, pseudoLocalize(v)]))
}
