import { test as base, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test'
import type { CoproTestHook, TestCard } from '../../src/renderer/board/testHook'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ServeHandle {
  /** The URL `copro serve` printed, with the facilitator token. */
  url: string
  baseUrl: string
  token: string
  dataDir: string
  call<T = unknown>(method: string, args?: unknown): Promise<T>
}

/** Starts the real `copro serve` (the built CLI) on port 0 with a fresh data folder. */
export async function startServe(): Promise<ServeHandle & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'copro-e2e-'))
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/copro.js', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += String(d)))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`copro serve did not start: ${stderr}`)), 20_000)
    child.stdout!.on('data', (d) => {
      out += String(d)
      const m = /Copro Studio is running at (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.on('exit', (code) => reject(new Error(`copro serve exited with ${code}: ${stderr}`)))
  })
  const parsed = new URL(url)
  const token = parsed.searchParams.get('token')!
  const baseUrl = parsed.origin
  return {
    url,
    baseUrl,
    token,
    dataDir,
    async call<T>(method: string, args: unknown = {}) {
      const res = await fetch(`${baseUrl}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(args),
      })
      const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } }
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
      return body.value
    },
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(`console: ${m.text()}`)
  })
  return errors
}

/**
 * A session's button in the Sessions list: its name starts with the title (taken literally). Only the
 * side bar's list: a session may share its title with a view (a session called "Themes").
 */
export const sessionButton = (page: Page, title: string) =>
  page
    .getByTestId('side-bar')
    .getByRole('button', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first()

/** Clicks a session in the Sessions list (which must be showing) and waits until its board is ready. */
export async function clickSession(page: Page, title: string): Promise<void> {
  await sessionButton(page, title).click()
  await waitForBoard(page)
  await expect(page.locator('[role="tabpanel"]:not([hidden]) .tl-container')).toBeVisible()
}

export interface ActivityDraft {
  title: string
  minutes?: number
  instructions?: string
  private?: boolean
  contentNote?: string
}

/**
 * The facilitator adds activities to the agenda in the Facilitation view, then goes to the first
 * (as a facilitator starting the workshop does).
 */
export async function addActivities(page: Page, activities: ActivityDraft[]): Promise<void> {
  await showView(page, 'Facilitation')
  const view = page.getByTestId('facilitation-view')
  for (const a of activities) {
    await view.getByRole('button', { name: 'Add activity' }).click()
    await view.getByLabel('Title').fill(a.title)
    if (a.minutes !== undefined) await view.getByLabel('Minutes').fill(String(a.minutes))
    if (a.instructions) await view.getByLabel('Instructions (shown to everyone)').fill(a.instructions)
    if (a.private) await view.getByLabel(/Private writing/).check()
    if (a.contentNote) await view.getByLabel(/Content note/).fill(a.contentNote)
    await view.getByRole('button', { name: 'Save' }).click()
    await expect(view.getByRole('button', { name: `Go to ${a.title}` })).toBeVisible()
  }
  await view.getByRole('button', { name: `Go to ${activities[0]!.title}` }).click()
  await expect(page.getByTestId('facil-banner')).toContainText(activities[0]!.title)
}

/** The facilitator opens a voting round from the Facilitation view. */
export async function openRound(
  page: Page,
  round: { question?: string; dots: number; kinds?: string[] },
): Promise<void> {
  await showView(page, 'Facilitation')
  const view = page.getByTestId('facilitation-view')
  if (round.question) await view.getByRole('textbox', { name: 'Question' }).fill(round.question)
  for (const k of round.kinds ?? []) await view.getByRole('checkbox', { name: k, exact: true }).check()
  await view.getByLabel('Dots per person').fill(String(round.dots))
  await view.getByRole('button', { name: 'Open the round' }).click()
  await expect(view.getByTestId('facil-open-round')).toBeVisible()
}

/** The facilitator closes the open round from the Facilitation view. */
export async function closeRound(page: Page): Promise<void> {
  await showView(page, 'Facilitation')
  await page
    .getByTestId('facilitation-view')
    .getByRole('button', { name: 'Close the round and show results' })
    .click()
}

/** Moves the camera so every card is in view (as zooming out by hand would). */
export async function fitCards(page: Page): Promise<void> {
  const all = await cards(page)
  const box = (await canvas(page).boundingBox())!
  const x0 = Math.min(...all.map((c) => c.x)) - 40
  const y0 = Math.min(...all.map((c) => c.y)) - 40
  const x1 = Math.max(...all.map((c) => c.x + c.w)) + 40
  const y1 = Math.max(...all.map((c) => c.y + c.h)) + 40
  const z = Math.min(1, box.width / (x1 - x0), box.height / (y1 - y0))
  await hook(page, (h, a) => h.setCamera({ x: a.w / 2 / a.z - a.cx, y: a.h / 2 / a.z - a.cy, z: a.z }), {
    cx: (x0 + x1) / 2,
    cy: (y0 + y1) / 2,
    z,
    w: box.width,
    h: box.height,
  })
}

/** Shows a side-bar view (the activity bar toggles, so only click when it is not already shown). */
export async function showView(page: Page, view: string): Promise<void> {
  const button = page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: view, exact: true })
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click()
  await expect(page.locator('#side-bar-title')).toHaveText(view)
}

/** Loads the app from `url` and opens the session titled `title` on its board. */
export async function openBoard(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url)
  await clickSession(page, title)
}

/**
 * The board's test hook (`window.__coproTest`, src/renderer/board/testHook.md): what a test reads
 * (cards, camera, status, stored state) and the little the UI cannot reach. Everything a person does is
 * done through the UI (below) or the app API (`serve.call`).
 */
export type { CoproTestHook, TestCard }

/** Waits until a board is mounted and its test hook installed. */
export async function waitForBoard(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.__coproTest)
}

/**
 * Runs `fn(hook, arg)` in the page with the board's test hook and returns its (serialisable) result.
 * `fn` must not use anything from the test's scope except `arg`.
 */
export function hook<R, A = undefined>(page: Page, fn: (h: CoproTestHook, arg: A) => R, arg?: A): Promise<R> {
  const call = `(async () => {
    const h = window.__coproTest
    if (!h) throw new Error('no board is open (window.__coproTest is not installed)')
    return (${fn.toString()})(h, ${JSON.stringify(arg ?? null)})
  })()`
  return page.evaluate(call) as Promise<R>
}

/** Every card on the board as plain data. */
export const cards = (page: Page): Promise<TestCard[]> => hook(page, (h) => h.cards())

/** The texts of the cards on the board, sorted. */
export const cardTexts = async (page: Page): Promise<string[]> =>
  (await cards(page)).map((c) => c.text).sort()

/** The id of the card with exactly this text (waits until there is one). */
export async function cardId(page: Page, text: string): Promise<string> {
  let id: string | undefined
  await expect.poll(async () => (id = (await cards(page)).find((c) => c.text === text)?.id)).toBeTruthy()
  return id!
}

/** The session document's stored state (every top-level map and array, as JSON), read-only. */
export const stored = (page: Page): Promise<Record<string, any>> => hook(page, (h) => h.stored())

/** The card records in the stored document (what has been synced, not what is on this screen). */
export async function storedCards(page: Page): Promise<Array<{ id: string; props: Record<string, any> }>> {
  const records = ((await stored(page)).tl_records ?? []) as Array<{ val?: { type?: string } }>
  return records.map((e) => e.val).filter((r): r is any => r?.type === 'card')
}

/** The canvas of the board that is showing. */
export const canvas = (page: Page) => page.locator('.tl-container:visible').first()

/** A card on the canvas, by (part of) its text. */
export const cardShape = (page: Page, text: string | RegExp) =>
  page.getByTestId('card-shape').filter({ hasText: text })

export interface CardExtras {
  owner?: string
  due?: string
}

/**
 * Adds a card as a person does: `c` on the canvas opens the composer, choose the kind, type, Add. The
 * card goes beside the selected card (or in the middle of the view) and is selected. Returns its id.
 */
export async function addCard(
  page: Page,
  kind: string,
  text: string,
  extras: CardExtras = {},
): Promise<string> {
  const composer = page.getByTestId('card-composer')
  // (retried only while the composer has not opened: a slow first open must not get a second `c`)
  await expect(async () => {
    if (!(await composer.isVisible())) {
      await canvas(page).focus()
      await page.keyboard.press('c')
    }
    await expect(composer).toBeVisible({ timeout: 5000 })
  }).toPass()
  await expect(page.getByTestId('composer-text')).toBeFocused()
  await page.getByTestId(`composer-kind-${kind}`).check()
  await page.getByTestId('composer-text').fill(text)
  if (extras.owner !== undefined) await page.getByTestId('composer-owner').fill(extras.owner)
  if (extras.due !== undefined) await page.getByTestId('composer-due').fill(extras.due)
  await page.getByTestId('composer-add').click()
  await expect(composer).toBeHidden()
  return cardId(page, text)
}

/** Selects a card by clicking it on the canvas (it must be in view). */
export async function selectCard(page: Page, text: string): Promise<void> {
  await cardShape(page, text).first().click()
  await expect
    .poll(async () => {
      const sel = await hook(page, (h) => h.selection())
      const all = await cards(page)
      return sel.length === 1 && all.find((c) => c.id === sel[0])?.text === text
    })
    .toBe(true)
}

/**
 * Drags a card with the mouse and lets go with its centre on page point (cx, cy). The view is first
 * centred between the two points at a zoom where both are in view, as a person would scroll. In a cell
 * the card then snaps into the free slot nearest that point (the card flow, ADR 0030), so it ends near
 * the point, not on it; outside any cell it stays where it was dropped.
 */
export async function dragCardTo(page: Page, id: string, cx: number, cy: number): Promise<void> {
  const card = (await cards(page)).find((c) => c.id === id)!
  const from = { x: card.x + card.w / 2, y: card.y + card.h / 2 }
  const box = (await canvas(page).boundingBox())!
  const span = Math.max(Math.abs(cx - from.x) + card.w * 2, Math.abs(cy - from.y) + card.h * 2)
  const z = Math.min(1, (Math.min(box.width, box.height) * 0.8) / span)
  const mid = { x: (from.x + cx) / 2, y: (from.y + cy) / 2 }
  await hook(
    page,
    (h, a) => h.setCamera({ x: a.w / 2 / a.z - a.mid.x, y: a.h / 2 / a.z - a.mid.y, z: a.z }),
    { mid, z, w: box.width, h: box.height },
  )
  const [a, b] = await hook(page, (h, p) => [h.pageToScreen(p[0]!), h.pageToScreen(p[1]!)], [
    from,
    { x: cx, y: cy },
  ])
  await page.mouse.move(a!.x, a!.y)
  await page.mouse.down()
  await page.mouse.move(a!.x + 10, a!.y + 10, { steps: 2 })
  await page.mouse.move(b!.x, b!.y, { steps: 8 })
  await page.mouse.up()
  await expect
    .poll(async () => {
      const c = (await cards(page)).find((c) => c.id === id)!
      return Math.abs(c.x + c.w / 2 - cx) < c.w && Math.abs(c.y + c.h / 2 - cy) < c.h
    })
    .toBe(true)
}

/**
 * Waits until `to` has everything `from` sent before this call: `from` scrolls its view to a new spot
 * and back, and `to` waits until it has seen `from`'s view there. Presence travels over the same
 * socket after the document updates, so by then the relay has handled (passed on, or dropped) every
 * earlier write of `from`.
 */
export async function afterSync(from: Page, to: Page): Promise<void> {
  const before = await hook(from, (h) => h.camera())
  const spot = { x: 100_000 + Math.round(Math.random() * 100_000), y: -100_000 }
  await hook(from, (h, p) => h.centerOn(p), spot)
  await expect
    .poll(async () =>
      (await hook(to, (h) => h.peers())).some(
        (p) => !!p.viewport && Math.abs(p.viewport.x + p.viewport.w / 2 - spot.x) < 2,
      ),
    )
    .toBe(true)
  await hook(from, (h, c) => h.setCamera(c), before)
}

/** Clears the selection, as Escape on the canvas does. */
export async function selectNone(page: Page): Promise<void> {
  await canvas(page).focus()
  await page.keyboard.press('Escape')
  await expect.poll(() => hook(page, (h) => h.selection().length)).toBe(0)
}

/** Opens a new browser context (another person) on the session's board; fixtures close it. */
export async function openPerson(
  browser: Browser,
  url: string,
  title: string,
  options: BrowserContextOptions = { viewport: { width: 1280, height: 800 } },
): Promise<Page> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await openBoard(page, url, title)
  return page
}

export const test = base.extend<{ closeContexts: void }, { serve: ServeHandle }>({
  /** Every browser context a test opens (browser.newContext) is closed when the test ends. */
  closeContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts())
      await use()
      for (const c of browser.contexts()) if (!before.has(c)) await c.close().catch(() => undefined)
    },
    { auto: true },
  ],
  serve: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const s = await startServe()
      await use(s)
      await s.stop()
    },
    { scope: 'worker' },
  ],
})

export { expect }
