import { expect, test, watchErrors } from './fixtures'
import { openFacilitatorBoard } from './guestHelpers'

/**
 * Images as assets (issue 16 item 5), through the real `copro serve`: an image dropped on the board is
 * uploaded to the server and drawn from there; the board keeps its path, not base64.
 */

const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

test('an image dropped on the board is stored on the server, not inside the board', async ({
  browser,
  serve,
}) => {
  const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Photo board' })
  const page = await openFacilitatorBoard(browser, serve, 'Photo board')
  const errors = watchErrors(page)
  const canvas = page.locator('.tl-canvas')
  await expect(canvas).toBeVisible()
  const box = (await canvas.boundingBox())!
  await page.evaluate(
    ({ b64, x, y }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const dt = new DataTransfer()
      dt.items.add(new File([bytes], 'photo.png', { type: 'image/png' }))
      const target = document.querySelector('.tl-canvas')!
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt, clientX: x, clientY: y }),
        )
    },
    { b64: PNG_BASE64, x: box.x + box.width / 2, y: box.y + box.height / 2 },
  )
  const image = page.locator('.tl-image').first()
  await expect(image).toBeVisible()
  // tldraw shows a local preview (blob:) while uploading; then the server's copy
  const currentSrc = () =>
    image.evaluate((el) => (el as HTMLImageElement).currentSrc || getComputedStyle(el).backgroundImage)
  await expect.poll(currentSrc).toContain(`/api/assets/${id}/`)
  const src = await currentSrc()
  // the server has it; the board's stored state has no base64 image
  const path = /\/api\/assets\/[^?"]+/.exec(src)![0]
  const res = await fetch(`${serve.baseUrl}${path}?token=${serve.token}`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/png')
  // the board the server keeps (its .copro export) has the path once the edit has synced, never base64
  const stored = async () =>
    Buffer.from(
      (await serve.call<{ base64: string }>('sessions.exportFile', { id })).base64,
      'base64',
    ).toString('latin1')
  await expect.poll(stored).toContain(path)
  expect(await stored()).not.toContain('data:image')
  expect(errors).toEqual([])
})
