import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

export type Encoding = 'br' | 'gzip'

/** File types worth compressing (fonts and images are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map'])
/** Smaller files go out as they are: the headers would eat the saving. */
const MIN_BYTES = 1024
/** Upper bound on what the cache holds; the built renderer is ~8 MB raw, ~2 MB compressed. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024

/**
 * The encoding to send for a request's Accept-Encoding: brotli if accepted, else gzip, else none.
 * `q=0` refuses an encoding.
 */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null
  const accepted = new Set<string>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean)
    if (name && !(q && Number(q[1]) === 0)) accepted.add(name)
  }
  if (accepted.has('br')) return 'br'
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip'
  return null
}

export function isCompressible(ext: string, size: number): boolean {
  return size >= MIN_BYTES && COMPRESSIBLE.has(ext)
}

/**
 * Compressed copies of the renderer's files, made on first request and kept in memory (keyed by path,
 * size and modification time, so a rebuilt file is compressed again). Phones on hall wifi fetch the
 * 1.6 MB canvas bundle as ~0.46 MB (the whole renderer: 2.4 MB → 0.65 MB). Compression runs in libuv's
 * thread pool, and concurrent requests for one file share one compression.
 */
export class CompressedAssets {
  private readonly cache = new Map<string, Promise<Buffer>>()
  private readonly sizes = new Map<string, number>()
  private bytes = 0

  get(file: string, size: number, mtimeMs: number, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}\0${file}\0${size}\0${mtimeMs}`
    let hit = this.cache.get(key)
    if (!hit) {
      hit = this.compress(file, encoding)
      this.cache.set(key, hit)
      hit.then(
        (buf) => this.account(key, buf.byteLength),
        () => this.cache.delete(key),
      )
    }
    return hit
  }

  private async compress(file: string, encoding: Encoding): Promise<Buffer> {
    const raw = await readFile(file)
    return encoding === 'br'
      ? brotli(raw, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: 5, // 1.6 MB bundle: 0.46 MB in ~90 ms (quality 9: 0.44 MB in ~200 ms)
            [zlib.BROTLI_PARAM_SIZE_HINT]: raw.byteLength,
          },
        })
      : gz(raw, { level: 6 })
  }

  private account(key: string, size: number): void {
    this.sizes.set(key, size)
    this.bytes += size
    // drop the oldest entries past the bound (Map keeps insertion order)
    for (const [k, s] of this.sizes) {
      if (this.bytes <= MAX_CACHE_BYTES) break
      this.sizes.delete(k)
      this.cache.delete(k)
      this.bytes -= s
    }
  }
}
