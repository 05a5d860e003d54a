/**
 * The outline view on a 2,000-card board in Chromium through `copro serve` (issue 9), run with
 * `npx tsx bench/outline-chromium.ts` after `npm run build`:
 *  1. time from Ctrl+Alt+O to all 2,000 cards listed in the outline table;
 *  2. time from a card edit on the canvas to the new text in the outline (median of 10);
 *  3. frame times while a card is dragged every frame and the outline is shown (someone else dragging
 *     while a screen-reader user reads the outline), and while the board is shown with the outline tab
 *     open but hidden (it must then cost nothing). The board is zoomed to fit (zoom ≈ 0.32, all 2,000
 *     cards in view), so cards show their kind in large type instead of their text (ADR 0008).
 */
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS } from '../playwright.config'
import { dragFrames } from './lib/frames'
import { callApi, median, quantile, startServe } from './lib/serve'

const CARDS = Number(process.env.BENCH_CARDS ?? 2000)

const serve = await startServe()
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
})
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
await context.addInitScript('window.__name = (f) => f')
try {
  await callApi(serve.baseUrl, serve.token, 'sessions.create', {
    title: 'Big outline',
    templateId: 'service-journey-map',
  })
  const page = await context.newPage()
  await page.goto(serve.url)
  await page
    .getByRole('button', { name: /^Big outline/ })
    .first()
    .click()
  await page.waitForFunction(() => (window as any).__coproBench?.editor)
  // 2,000 cards spread over the 30 cells of the journey map (and some outside it)
  await page.evaluate((n) => {
    const editor = (window as any).__coproBench.editor
    const st = (window as any).__coproTest.stored().workshop.structure
    const kinds = ['pain', 'gain', 'contribution', 'idea', 'question', 'action', 'quote']
    const w = st.laneHeaderWidth + st.stages.reduce((a: number, s: any) => a + s.width, 0)
    const h = st.headerHeight + st.lanes.reduce((a: number, l: any) => a + l.height, 0)
    const shapes: unknown[] = []
    for (let i = 0; i < n; i++) {
      shapes.push({
        type: 'card',
        x: st.x + st.laneHeaderWidth + ((i * 37) % (w - st.laneHeaderWidth)),
        y: st.y + st.headerHeight + ((i * 53) % (h - st.headerHeight)),
        props: { kind: kinds[i % kinds.length], text: `Card ${i}: something people said about the service` },
      })
    }
    editor.run(() => editor.createShapes(shapes))
  }, CARDS)
  // let the board settle (sync, drawing) before timing the outline
  await page.waitForTimeout(3000)
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))

  const t0 = Date.now()
  await page.keyboard.press('Control+Alt+O')
  await page.waitForFunction((n) => document.querySelectorAll('.outline-card').length >= n, CARDS, {
    polling: 16,
    timeout: 60_000,
  })
  const openMs = Date.now() - t0

  const syncMs: number[] = []
  for (let i = 0; i < 10; i++) {
    const text = `Edited on the canvas ${i}`
    const t = Date.now()
    await page.evaluate((text) => {
      const editor = (window as any).__coproBench.editor
      const card = editor.getCurrentPageShapes().find((s: any) => s.type === 'card')
      editor.updateShape({ id: card.id, type: 'card', props: { text } })
    }, text)
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('.outline-card')].some((el) => el.textContent?.includes(text)),
      text,
      { polling: 8 },
    )
    syncMs.push(Date.now() - t)
  }

  const shown = (await dragFrames(page, 3000)).sort((a, b) => a - b)
  await page.getByRole('tab', { name: 'Big outline', exact: true }).click()
  await page.waitForTimeout(500)
  const hidden = (await dragFrames(page, 3000)).sort((a, b) => a - b)

  const result = {
    bench: 'outline-chromium',
    cards: CARDS,
    openMs,
    canvasToOutlineMs: { median: median(syncMs), all: syncMs },
    dragFrameMs: {
      outlineShown: { median: median(shown), p95: quantile(shown, 0.95), frames: shown.length },
      outlineHidden: { median: median(hidden), p95: quantile(hidden, 0.95), frames: hidden.length },
    },
  }
  console.log(JSON.stringify(result))
  console.log(
    `${CARDS}-card outline: listed in ${openMs} ms; canvas edit → outline median ${median(syncMs)} ms; ` +
      `drag frame median/p95 ${median(shown).toFixed(1)}/${quantile(shown, 0.95).toFixed(1)} ms with the outline shown, ` +
      `${median(hidden).toFixed(1)}/${quantile(hidden, 0.95).toFixed(1)} ms with the board (zoomed to fit) shown and the outline hidden`,
  )
} finally {
  await browser.close()
  serve.stop()
}
