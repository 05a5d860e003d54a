import type { Browser, Page } from '@playwright/test'
import { expect, openBoard as openSessionBoard, test, watchErrors } from './fixtures'
import { joinAsGuest, phoneContext, seriousViolations } from './guestHelpers'

/**
 * Facilitation across browser contexts through the real `copro serve`: a shared countdown that agrees
 * although one machine's clock is 7 minutes fast, and a voting round whose votes exist only on each
 * voter's device until the round closes (checked in the synced documents, not the UI).
 */
const SKEW_MS = 7 * 60_000

async function openBoard(browser: Browser, url: string, title: string, skewMs = 0): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  if (skewMs !== 0) {
    // this machine's clock is wrong by skewMs: Date.now and new Date() both
    await context.addInitScript((skew: number) => {
      const RealDate = Date
      const realNow = RealDate.now.bind(RealDate)
      class SkewedDate extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(realNow() + skew)
          else super(...(args as [number]))
        }
        static override now(): number {
          return realNow() + skew
        }
      }
      ;(globalThis as { Date: DateConstructor }).Date = SkewedDate as DateConstructor
    }, skewMs)
  }
  const page = await context.newPage()
  await openSessionBoard(page, url, title)
  return page
}

const AGENDA = {
  currentIndex: 0,
  activities: [
    {
      id: 'a1',
      title: 'What is hard?',
      durationMs: 10 * 60_000,
      instructions: 'Write one card per difficulty.',
      private: false,
      contentNote: '',
      targetId: null,
    },
    {
      id: 'a2',
      title: 'Ideas',
      durationMs: 5 * 60_000,
      instructions: 'Any idea is welcome.',
      private: false,
      contentNote: '',
      targetId: null,
    },
  ],
}

const remainingOf = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('facil-remaining').getAttribute('data-remaining-ms'))

test.describe('facilitation across clients', () => {
  test('the countdown agrees across two clients whose clocks are 7 minutes apart', async ({
    browser,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Timer skew' })
    const a = await openBoard(browser, serve.url, 'Timer skew')
    const b = await openBoard(browser, serve.url, 'Timer skew', SKEW_MS)
    const errors = [...watchErrors(a), ...watchErrors(b)]
    // the skewed page really is 7 minutes ahead
    const localGap = (await b.evaluate(() => Date.now())) - (await a.evaluate(() => Date.now()))
    expect(Math.abs(localGap - SKEW_MS)).toBeLessThan(5_000)

    await a.evaluate((agenda) => {
      ;(window as any).__coproBoard.doc.getMap('workshop').set('agenda', agenda)
    }, AGENDA)
    await expect(b.getByTestId('facil-banner')).toContainText('What is hard?')
    await expect(b.getByTestId('facil-banner')).toContainText('Write one card per difficulty.')
    // B has learned the relay clock: its offset is about minus seven minutes
    await expect
      .poll(async () => Number(await b.getByTestId('facil-banner').getAttribute('data-clock-offset')))
      .toBeLessThan(-SKEW_MS + 2_000)
    expect(Number(await b.getByTestId('facil-banner').getAttribute('data-clock-offset'))).toBeGreaterThan(
      -SKEW_MS - 2_000,
    )

    // the facilitator starts the timer from the Facilitation view
    await a.getByRole('button', { name: 'Facilitation', exact: true }).click()
    await a.getByTestId('facilitation-view').getByRole('button', { name: 'Start' }).click()
    await expect(b.getByTestId('facil-remaining')).toHaveAttribute('data-status', 'running')

    for (let i = 0; i < 3; i++) {
      const a1 = await remainingOf(a)
      const rb = await remainingOf(b)
      const a2 = await remainingOf(a)
      expect(rb).toBeGreaterThan(0)
      expect(rb).toBeLessThanOrEqual(a1 + 1_000)
      expect(rb).toBeGreaterThanOrEqual(a2 - 1_000)
      await a.waitForTimeout(700)
    }
    // the displayed text agrees too (one second of rounding either way)
    const toSec = (t: string) => {
      const m = /(\d+):(\d\d)/.exec(t)!
      return Number(m[1]) * 60 + Number(m[2])
    }
    const ta = toSec((await a.getByTestId('facil-remaining').textContent())!)
    const tb = toSec((await b.getByTestId('facil-remaining').textContent())!)
    expect(Math.abs(ta - tb)).toBeLessThanOrEqual(1)

    // pause holds the same time everywhere; +1 min shows on both
    await a.getByTestId('facilitation-view').getByRole('button', { name: 'Pause' }).click()
    await expect(b.getByTestId('facil-remaining')).toHaveAttribute('data-status', 'paused')
    const pausedA = await remainingOf(a)
    await expect.poll(() => remainingOf(b)).toBe(pausedA)
    await a.getByTestId('facilitation-view').getByRole('button', { name: '+1 min' }).click()
    await expect.poll(() => remainingOf(b)).toBe(pausedA + 60_000)
    expect(errors).toEqual([])
  })

  test('votes stay on each device until the round closes, then results split by role', async ({
    browser,
    serve,
  }) => {
    const session = await serve.call<{ id: string }>('sessions.create', { title: 'Voting privacy' })
    const a = await openBoard(browser, serve.url, 'Voting privacy')
    const errors = watchErrors(a)
    await a.evaluate(() => {
      const api = (window as any).__coproBoard
      api.addCard('idea', 'Home visits')
      api.addCard('idea', 'Easier forms')
      api.addCard('pain', 'Long waits')
    })
    const links = await serve.call<{ participantUrl: string }>('share.start', {
      sessionId: session.id,
      address: '127.0.0.1',
    })
    const phone = await (await phoneContext(browser)).newPage()
    await joinAsGuest(phone, links.participantUrl, { name: 'Amira', role: 'Person who uses the service' })
    errors.push(...watchErrors(phone))

    // the facilitator opens a round on ideas, 2 dots each
    await a.getByRole('button', { name: 'Facilitation', exact: true }).click()
    const view = a.getByTestId('facilitation-view')
    await view.getByLabel('Idea').check()
    await view.getByLabel('Dots per person').fill('2')
    await view.getByRole('button', { name: 'Open the round' }).click()
    await expect(view.getByTestId('facil-open-round')).toBeVisible()

    // the guest votes on the canvas: two dots on "Easier forms" (only ideas have vote controls)
    await phone.evaluate(() => (window as any).__coproBoard.zoomToFit())
    const dotButtons = phone.getByRole('button', { name: /^Add a dot/ })
    await expect(dotButtons).toHaveCount(2)
    const easier = await phone.evaluate(() => {
      const ed = (window as any).__coproBoard.editor
      return ed.getCurrentPageShapes().find((s: any) => s.props?.text === 'Easier forms').id as string
    })
    // vote from the keyboard-accessible overlay control of that card
    const idx = await phone.evaluate((id) => {
      const ed = (window as any).__coproBoard.editor
      const ideas = ed
        .getCurrentPageShapes()
        .filter((s: any) => s.type === 'card' && s.props.kind === 'idea')
        .filter((s: any) => ed.getViewportPageBounds().collides(ed.getShapePageBounds(s)))
      return ideas.findIndex((s: any) => s.id === id)
    }, easier)
    await dotButtons.nth(idx).click()
    await phone.getByRole('button', { name: /^Add a dot \(1 on this card/ }).click()
    await expect(phone.getByRole('button', { name: /^Add a dot \(2 on this card, 0 left/ })).toBeVisible()

    // the facilitator votes from the list in the Facilitation view (keyboard)
    const homeAdd = view.getByRole('button', { name: /^Add a dot to Idea: Home visits/ })
    await homeAdd.focus()
    await a.keyboard.press('Enter')
    await expect(view.getByText('1 of 2 dot(s) left.')).toBeVisible()

    // nothing has been published: no ballot in either synced document, nor anywhere in the doc
    const ballotsIn = (p: Page) =>
      p.evaluate(() => [...(window as any).__coproBoard.doc.getMap('ballots').keys()] as string[])
    const docMentions = (p: Page, needle: string) =>
      p.evaluate((n) => {
        const doc = (window as any).__coproBoard.doc
        return JSON.stringify(
          ['voting', 'ballots', 'facilitation', 'workshop'].map((k) => doc.getMap(k).toJSON()),
        ).includes(n)
      }, needle)
    await a.waitForTimeout(500)
    expect(await ballotsIn(a)).toEqual([])
    expect(await ballotsIn(phone)).toEqual([])
    expect(await docMentions(a, easier)).toBe(false)
    // …but the guest's dots are on the guest's device
    const local = await phone.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('copro.votes.'))
        .map((k) => localStorage.getItem(k)),
    )
    expect(local.join()).toContain(easier)

    // close: both ballots are published and the results split by role
    await view.getByRole('button', { name: 'Close the round and show results' }).click()
    await expect.poll(() => ballotsIn(a).then((b) => b.length)).toBe(2)
    const results = view.getByTestId('facil-results')
    await expect(results.getByRole('row', { name: /Easier forms 2 Service user 2/ })).toBeVisible()
    await expect(results.getByRole('row', { name: /Home visits 1 Facilitator 1/ })).toBeVisible()
    await results.getByLabel('Separate tallies for each role').check()
    await expect(
      results.getByRole('heading', { name: /Person who uses the service \(1 voter/ }),
    ).toBeVisible()
    // results show on the guest's canvas too
    await expect(phone.getByRole('img', { name: /^2 dots: Service user 2/ })).toBeVisible()

    // the Facilitation view and the canvas overlays pass axe in every theme
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await a.evaluate((t) => (document.documentElement.dataset.theme = t), theme)
      expect(await seriousViolations(a, theme, ['.tl-container'])).toEqual([])
    }
    expect(errors).toEqual([])
  })
})
