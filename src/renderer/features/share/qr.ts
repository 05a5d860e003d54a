import QRCode from 'qrcode'

/**
 * QR options for join links: medium error correction (survives a projector's glare and a phone held
 * at an angle) and the standard quiet zone, black on white whatever the theme.
 */
export const QR_OPTIONS = {
  type: 'svg',
  errorCorrectionLevel: 'M',
  margin: 4,
  color: { dark: '#000000', light: '#ffffff' },
} as const

/** The QR code of a link as an SVG document (scales to any size without blurring). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, QR_OPTIONS)
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
