import { HeadingLevel, ImageRun, Paragraph, TextRun } from 'docx'
import { authorLabel, cellLabel } from '../../common/export/formats/common'
import type { ExportModel } from '../../common/export/schema'
import { wordsOf } from '../../common/export/formats/words'

/**
 * Photos in the Word report (issue 17 item 6, and the logo of item 7): each photo card's and picture's
 * image embedded with its caption as alt text and as the line under it. Word takes PNG, JPEG and GIF;
 * a WebP image (or one that could not be read) is named by its file in the export's `photos/` folder.
 */
export interface DocxImages {
  /** `photos/<assetId>` → bytes (core/node/export/photoFiles.ts). */
  readonly photos?: ReadonlyMap<string, Uint8Array>
  readonly logo?: { readonly assetId: string; readonly bytes: Uint8Array } | undefined
}

/** Page width left for a picture, in pixels at 96 per inch (A4 less margins ≈ 6.3 in). */
const MAX_W = 600
const MAX_H = 420

function wordType(file: string): 'png' | 'jpg' | 'gif' | null {
  const ext = file.slice(file.lastIndexOf('.') + 1)
  return ext === 'png' ? 'png' : ext === 'jpg' ? 'jpg' : ext === 'gif' ? 'gif' : null
}

/** Width and height from a PNG, GIF or JPEG header; null when they cannot be read. */
export function imageSize(b: Uint8Array): { w: number; h: number } | null {
  const u16 = (i: number) => (b[i]! << 8) | b[i + 1]!
  if (b[0] === 0x89 && b[1] === 0x50 && b.length >= 24)
    return {
      w: ((b[16]! << 24) | (b[17]! << 16) | u16(18)) >>> 0,
      h: ((b[20]! << 24) | (b[21]! << 16) | u16(22)) >>> 0,
    }
  if (b[0] === 0x47 && b[1] === 0x49 && b.length >= 10)
    return { w: b[6]! | (b[7]! << 8), h: b[8]! | (b[9]! << 8) }
  if (b[0] === 0xff && b[1] === 0xd8) {
    let i = 2
    while (i + 9 < b.length && b[i] === 0xff) {
      const marker = b[i + 1]!
      const len = u16(i + 2)
      // SOF0–SOF15 (not DHT C4, JPG C8, DAC CC) hold the frame size
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { w: u16(i + 7), h: u16(i + 5) }
      i += 2 + len
    }
  }
  return null
}

function fit(w: number, h: number, maxW: number, maxH: number): { width: number; height: number } {
  if (w <= 0 || h <= 0) return { width: Math.min(maxW, 400), height: Math.min(maxH, 300) }
  const s = Math.min(1, maxW / w, maxH / h)
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) }
}

function image(
  file: string,
  bytes: Uint8Array | undefined,
  size: { w: number; h: number },
  caption: string,
  max = { w: MAX_W, h: MAX_H },
): Paragraph {
  const type = wordType(file)
  if (!bytes || !type)
    return new Paragraph({ children: [new TextRun({ text: `Photo file: ${file}`, italics: true })] })
  const real = size.w > 0 && size.h > 0 ? size : (imageSize(bytes) ?? size)
  return new Paragraph({
    children: [
      new ImageRun({
        type,
        data: bytes,
        transformation: fit(real.w, real.h, max.w, max.h),
        altText: { name: file, description: caption, title: caption },
      }),
    ],
  })
}

/** The "Photos" part of the Word report, or nothing when the board has no photos or pictures. */
export function docxPhotos(m: ExportModel, images: DocxImages): Paragraph[] {
  const cards = m.cards.filter((c) => c.photo)
  const pictures = (m.images ?? []).filter((p) => p.file)
  if (cards.length === 0 && pictures.length === 0) return []
  const out: Paragraph[] = [
    new Paragraph({ text: wordsOf(m).t('report.section.photos'), heading: HeadingLevel.HEADING_1 }),
  ]
  for (const c of cards) {
    const p = c.photo!
    out.push(image(p.file, images.photos?.get(p.file), { w: p.width, h: p.height }, c.text))
    out.push(
      new Paragraph(`${c.text} — ${cellLabel(c.cell, wordsOf(m))} · ${authorLabel(c.author, wordsOf(m))}`),
    )
  }
  for (const p of pictures) {
    out.push(image(p.file!, images.photos?.get(p.file!), { w: 0, h: 0 }, p.description))
    out.push(new Paragraph(`${p.description} — ${cellLabel(p.cell, wordsOf(m))}`))
  }
  return out
}

/** The organisation's logo above the title, or nothing. */
export function docxLogo(m: ExportModel, images: DocxImages): Paragraph[] {
  const logo = images.logo
  if (!logo) return []
  const alt = m.report.organisation ? `${m.report.organisation} logo` : 'Logo'
  return [image(`photos/${logo.assetId}`, logo.bytes, { w: 0, h: 0 }, alt, { w: 220, h: 80 })]
}
