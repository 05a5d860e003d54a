import { z } from 'zod'
import { assetIdOfSrc } from './photo'

/**
 * The pictures on the canvas that are not photo cards: tldraw `image` shapes whose asset is stored in
 * the session's asset store (pasted or dropped on the desktop canvas; closing5.md "Noticed and left
 * alone"). Read from the document's records with zod, no tldraw import, so the outline, every export
 * and the report list them. A picture whose image is not in the asset store (a data: URL of an older
 * board) is listed without a file.
 */
const ImageShape = z.object({
  id: z.string().startsWith('shape:'),
  typeName: z.literal('shape'),
  type: z.literal('image'),
  x: z.number().finite(),
  y: z.number().finite(),
  props: z.object({
    w: z.number().finite(),
    h: z.number().finite(),
    assetId: z.string().nullable(),
    altText: z.string().optional(),
  }),
})
const ImageAsset = z.object({
  id: z.string(),
  typeName: z.literal('asset'),
  type: z.literal('image'),
  props: z.object({ name: z.string().optional(), src: z.string().nullable() }),
})

export interface BoardImage {
  readonly id: string
  /** In the session's asset store, or null (not stored as an asset). */
  readonly assetId: string | null
  /** What the picture shows: its alt text, else its file name, else a plain word. */
  readonly description: string
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

export const PICTURE_WORD = 'Picture on the board'

/** Every image shape of the document's records, in board order (top to bottom, left to right). */
export function readBoardImages(records: Iterable<unknown>): BoardImage[] {
  const shapes: z.infer<typeof ImageShape>[] = []
  const assets = new Map<string, z.infer<typeof ImageAsset>>()
  for (const r of records) {
    const s = ImageShape.safeParse(r)
    if (s.success) {
      shapes.push(s.data)
      continue
    }
    const a = ImageAsset.safeParse(r)
    if (a.success) assets.set(a.data.id, a.data)
  }
  return shapes
    .map((s) => {
      const asset = s.props.assetId ? assets.get(s.props.assetId) : undefined
      const src = asset?.props.src ?? null
      const name = (asset?.props.name ?? '').trim()
      const alt = (s.props.altText ?? '').trim()
      return {
        id: s.id,
        assetId: src ? assetIdOfSrc(src) : null,
        description: alt || name || PICTURE_WORD,
        x: s.x,
        y: s.y,
        w: s.props.w,
        h: s.props.h,
      }
    })
    .sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
}
