import { describe, expect, it } from 'vitest'
import { assetIdOfRecord, referencedAssetIds } from '../../../src/core/common/photos/referencedAssets'

const A = `${'a'.repeat(64)}.png`
const B = `${'b'.repeat(64)}.jpg`
const photoCard = (id: string, assetId: string) => ({
  id,
  typeName: 'shape',
  type: 'card',
  props: { text: 'Caption', photo: { assetId, w: 10, h: 10 } },
})
const imageAsset = (id: string, src: string | null) => ({
  id,
  typeName: 'asset',
  type: 'image',
  props: { name: 'wall.jpg', src },
})
const imageShape = (id: string, assetId: string) => ({
  id,
  typeName: 'shape',
  type: 'image',
  x: 0,
  y: 0,
  props: { w: 10, h: 10, assetId },
})

describe('the assets a board uses (share/assetMirror.ts)', () => {
  it('lists photo cards’ images and the canvas pictures stored as assets, once each', () => {
    const records = [
      photoCard('shape:p1', A),
      photoCard('shape:p2', A),
      imageAsset('asset:i1', `/api/assets/s1/${B}`),
      imageShape('shape:i1', 'asset:i1'),
      imageAsset('asset:old', 'data:image/png;base64,AAAA'),
      imageShape('shape:old', 'asset:old'),
      { id: 'shape:c', typeName: 'shape', type: 'card', props: { text: 'No photo' } },
    ]
    expect(referencedAssetIds(records)).toEqual([A, B])
  })

  it('names the asset of one record by itself: a photo card or a stored image, nothing else', () => {
    expect(assetIdOfRecord(photoCard('shape:p', B))).toBe(B)
    expect(assetIdOfRecord(imageAsset('asset:i', `/api/assets/other/${A}`))).toBe(A)
    expect(assetIdOfRecord(imageAsset('asset:d', 'data:image/png;base64,AAAA'))).toBeNull()
    expect(assetIdOfRecord(imageAsset('asset:n', null))).toBeNull()
    expect(assetIdOfRecord(photoCard('shape:bad', '../etc/passwd'))).toBeNull()
    expect(assetIdOfRecord(null)).toBeNull()
  })
})
