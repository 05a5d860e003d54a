import { useEffect, useState } from 'react'
import { qrSvg, svgDataUrl } from './qr'

/** A QR code image for a link; `alt` says what it opens. */
export function QrCode({
  text,
  alt,
  className,
  testId,
}: {
  text: string
  alt: string
  className?: string
  testId?: string
}) {
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    qrSvg(text).then(
      (svg) => live && setSrc(svgDataUrl(svg)),
      () => live && setSrc(null),
    )
    return () => {
      live = false
    }
  }, [text])
  if (!src) return <div className={className} role="img" aria-label={alt} data-testid={testId} />
  return <img className={className} src={src} alt={alt} data-testid={testId} data-text={text} />
}
