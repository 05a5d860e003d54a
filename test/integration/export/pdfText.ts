import { inflateSync } from 'node:zlib'

/**
 * A crude PDF text extractor for Chromium's (Skia's) output, enough to check that a printed report
 * contains given words: inflates the streams, reads each Type0 font's ToUnicode CMap, and decodes the
 * hex strings shown by Tj/TJ with the font selected by Tf. Text runs are joined with spaces; glyph
 * order is the drawing order (right-to-left scripts come out reversed), so compare Latin text only.
 */
export function extractPdfText(pdf: Uint8Array): string {
  const buf = Buffer.from(pdf)
  const src = buf.toString('latin1')
  const objects = new Map<number, { dict: string; stream: Buffer | null }>()
  const objRe = /(\d+) 0 obj\b/g
  let m: RegExpExecArray | null
  while ((m = objRe.exec(src))) {
    const start = m.index + m[0].length
    const end = src.indexOf('endobj', start)
    if (end < 0) break
    const body = src.slice(start, end)
    const si = body.search(/\bstream\r?\n/)
    let stream: Buffer | null = null
    let dict = body
    if (si >= 0) {
      dict = body.slice(0, si)
      const dataStart = start + si + body.slice(si).indexOf('\n') + 1
      const len = /\/Length (\d+)(?! \d+ R)/.exec(dict)
      const dataEnd = len ? dataStart + Number(len[1]) : src.indexOf('endstream', dataStart)
      const raw = buf.subarray(dataStart, dataEnd)
      try {
        stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw
      } catch {
        stream = raw
      }
    }
    objects.set(Number(m[1]), { dict, stream })
    objRe.lastIndex = end
  }
  const cmapOf = new Map<number, Map<number, string>>()
  const fontCmap = (fontObj: number): Map<number, string> => {
    const cached = cmapOf.get(fontObj)
    if (cached) return cached
    const map = new Map<number, string>()
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObj)?.dict ?? '')
    const text = ref ? (objects.get(Number(ref[1]))?.stream?.toString('latin1') ?? '') : ''
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const e of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
        map.set(parseInt(e[1]!, 16), utf16(e[2]!))
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const e of block[1]!.matchAll(
        /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
      )) {
        const lo = parseInt(e[1]!, 16)
        const hi = parseInt(e[2]!, 16)
        if (e[3]!.startsWith('[')) {
          const list = [...e[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => utf16(x[1]!))
          for (let c = lo; c <= hi; c++) map.set(c, list[c - lo] ?? '')
        } else {
          const base = utf16(e[3]!.slice(1, -1))
          for (let c = lo; c <= hi; c++)
            map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - lo)))
        }
      }
    cmapOf.set(fontObj, map)
    return map
  }
  const out: string[] = []
  for (const { dict } of objects.values()) {
    if (!/\/Type \/Page\b/.test(dict)) continue
    const fonts = new Map<string, number>()
    const fontDict = /\/Font <<([^>]*)>>/.exec(dict)
    if (fontDict) for (const f of fontDict[1]!.matchAll(/\/(\w+) (\d+) 0 R/g)) fonts.set(f[1]!, Number(f[2]))
    const contents = /\/Contents (\d+) 0 R/.exec(dict)
    const content = contents ? (objects.get(Number(contents[1]))?.stream?.toString('latin1') ?? '') : ''
    let cmap = new Map<number, string>()
    const ops = /\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ|\bET\b/g
    let line = ''
    for (const op of content.matchAll(ops)) {
      if (op[1]) cmap = fontCmap(fonts.get(op[1]) ?? -1)
      else if (op[2] !== undefined) line += decode(op[2], cmap)
      else if (op[3] !== undefined)
        for (const h of op[3].matchAll(/<([0-9A-Fa-f]*)>/g)) line += decode(h[1]!, cmap)
      else {
        out.push(line)
        line = ''
      }
    }
    out.push(line)
  }
  return out.filter((l) => l !== '').join(' ')
}

function utf16(hex: string): string {
  let s = ''
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16))
  return s
}

function decode(hex: string, cmap: Map<number, string>): string {
  let s = ''
  for (let i = 0; i + 4 <= hex.length; i += 4) s += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? ''
  return s
}
