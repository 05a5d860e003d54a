import { useEffect, useState, type ImgHTMLAttributes } from 'react'

/** Waits before each new try: a picture a guest just added may reach this server a moment after its card. */
const RETRY_MS = [1000, 2000, 4000, 8000, 15_000, 30_000]

/**
 * An <img> of a session's picture that tries again when it fails to load. A published session's
 * pictures are copied between the laptop and the relay after their cards arrive (share/assetMirror.ts),
 * so the first request can miss; each retry asks again with a new `retry` query parameter (the server
 * ignores it; the browser does not reuse the failed answer). After the last wait it keeps trying every
 * 30 s while it is shown.
 */
export function RetryingImage({ src, ...rest }: ImgHTMLAttributes<HTMLImageElement> & { src: string }) {
  const [attempt, setAttempt] = useState(0)
  const [failedAt, setFailedAt] = useState<number | null>(null)
  useEffect(() => {
    setAttempt(0)
    setFailedAt(null)
  }, [src])
  useEffect(() => {
    if (failedAt === null) return
    const wait = RETRY_MS[Math.min(failedAt, RETRY_MS.length - 1)]!
    const timer = setTimeout(() => setAttempt(failedAt + 1), wait)
    return () => clearTimeout(timer)
  }, [failedAt])
  const url = attempt === 0 ? src : `${src}${src.includes('?') ? '&' : '?'}retry=${attempt}`
  return <img {...rest} src={url} onError={() => setFailedAt(attempt)} />
}
