/**
 * Joining from a phone on hall wifi (issue 15 item 6): a fresh phone (390×844, touch, empty cache) opens
 * the participant join link served by `copro serve`, under Chromium's CPU throttling ×4 and the
 * DevTools "Fast 3G" network (562.5 ms latency, 180 kB/s down, 84 kB/s up; CDP
 * Network.emulateNetworkConditions). Measures the bytes over the wire (compressed, headers included:
 * Network.loadingFinished encodedDataLength) of everything loaded to join, the time from opening the
 * link to a usable join screen, and from "Join" to the participant screen connected, median of RUNS.
 * Also checks that no tldraw or workbench chunk was fetched.
 *   npm run build && npx tsx bench/phone-join.ts       (BENCH_RUNS=5)
 * Targets: ≤ 200 kB to join; link → usable screen ≤ 3 s.
 */
import { loadavg } from 'node:os'
import { chromium, devices } from '@playwright/test'
import { CHROMIUM_ARGS } from '../playwright.config'
import { callApi, median, startServe } from './lib/serve'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 }

const serve = await startServe()
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
})
const { defaultBrowserType: _ignored, viewport: _v, ...mobile } = devices['Pixel 7']
try {
  const { id } = await callApi(serve.baseUrl, serve.token, 'sessions.create', {
    title: 'Hall wifi',
    templateId: 'service-journey-map',
  })
  const links = await callApi(serve.baseUrl, serve.token, 'share.start', {
    sessionId: id,
    address: '127.0.0.2',
  })

  const toJoinScreen: number[] = []
  const toConnected: number[] = []
  const bytes: number[] = []
  let files: string[] = []
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ ...mobile, viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', FAST_3G)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    const urls = new Map<string, string>()
    const sizes = new Map<string, number>()
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url))
    cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength))

    const t0 = Date.now()
    await page.goto(links.participantUrl)
    await page.getByTestId('guest-join-button').waitFor({ state: 'visible', timeout: 60_000 })
    toJoinScreen.push(Date.now() - t0)

    await page.getByRole('radio', { name: /^Person who uses the service/ }).check()
    const t1 = Date.now()
    await page.getByTestId('guest-join-button').click()
    await page
      .locator('[data-testid="phone-connection"][data-link="online"]')
      .waitFor({ state: 'attached', timeout: 60_000 })
    await page.getByTestId('phone-now').waitFor()
    toConnected.push(Date.now() - t1)

    let total = 0
    for (const [, n] of sizes) total += n
    bytes.push(total)
    files = [...sizes.keys()].map((rid) => new URL(urls.get(rid) ?? 'http://x/?').pathname)
    await context.close()
  }
  const heavy = files.filter((f) => /Board|index-|tldraw|\.woff/.test(f))
  const result = {
    bench: 'phone-join',
    runs: RUNS,
    bytesMedian: median(bytes),
    bytes,
    toJoinScreenMs: median(toJoinScreen),
    toJoinScreenRuns: toJoinScreen,
    joinToConnectedMs: median(toConnected),
    joinToConnectedRuns: toConnected,
    files,
    heavyFiles: heavy,
    load: loadavg().map((l) => Number(l.toFixed(1))),
  }
  console.log(JSON.stringify(result))
  console.log(
    `phone join over Fast 3G, CPU ×4: ${(result.bytesMedian / 1000).toFixed(1)} kB over the wire (target ≤ 200 kB); ` +
      `link → join screen ${result.toJoinScreenMs} ms (target ≤ 3,000 ms); Join → connected ${result.joinToConnectedMs} ms; ` +
      `${heavy.length === 0 ? 'no tldraw/workbench chunk fetched' : `HEAVY: ${heavy.join(', ')}`}`,
  )
  if (heavy.length > 0 || result.bytesMedian > 200_000) process.exitCode = 1
} finally {
  await browser.close()
  serve.stop()
}
