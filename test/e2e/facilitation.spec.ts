import type { Browser, Page } from '@playwright/test'
import {
  addActivities,
  addCard,
  cardId,
  cards,
  closeRound,
  expect,
  fitCards,
  hook,
  openBoard as openSessionBoard,
  openRound,
  showView,
  stored,
  test,
  watchErrors,
} from './fixtures'
import { joinAsGuest, phoneContext, postGuestCard, seriousViolations } from './guestHelpers'

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

const AGENDA = [
  { title: 'What is hard?', minutes: 10, instructions: 'Write one card per difficulty.' },
  { title: 'Ideas', minutes: 5, instructions: 'Any idea is welcome.' },
]

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

    await addActivities(a, AGENDA)
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
    await showView(a, 'Facilitation')
    await a.getByTestId('facilitation-view').getByRole('button', { name: 'Start' }).click()
    await expect(b.getByTestId('facil-remaining')).toHaveAttribute('data-status', 'running')

    for (let i = 0; i < 3; i++) {
      const a1 = await remainingOf(a)
      const rb = await remainingOf(b)
      const a2 = await remainingOf(a)
      expect(rb).toBeGreaterThan(0)
      expect(rb).toBeLessThanOrEqual(a1 + 1_000)
      expect(rb).toBeGreaterThanOrEqual(a2 - 1_000)
      // sample again once the countdown has moved on
      await expect.poll(() => remainingOf(a)).toBeLessThan(a2)
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
    await addCard(a, 'idea', 'Home visits')
    await addCard(a, 'idea', 'Easier forms')
    await addCard(a, 'pain', 'Long waits')
    const links = await serve.call<{ participantUrl: string }>('share.start', {
      sessionId: session.id,
      address: '127.0.0.1',
    })
    const phone = await (await phoneContext(browser)).newPage()
    await joinAsGuest(phone, links.participantUrl, { name: 'Amira', role: 'Person who uses the service' })
    errors.push(...watchErrors(phone))

    // the facilitator opens a round on ideas, 2 dots each
    await openRound(a, { kinds: ['Idea'], dots: 2 })
    const view = a.getByTestId('facilitation-view')

    // the guest votes on the canvas: two dots on "Easier forms" (only ideas have vote controls)
    await fitCards(phone)
    const dotButtons = phone.getByRole('button', { name: /^Add a dot/ })
    await expect(dotButtons).toHaveCount(2)
    const easier = await cardId(phone, 'Easier forms')
    // vote from the keyboard-accessible overlay control of that card
    const view_ = await hook(phone, (h) => h.viewport())
    const ideas = (await cards(phone)).filter(
      (c) =>
        c.kind === 'idea' &&
        c.x < view_.x + view_.w &&
        c.x + c.w > view_.x &&
        c.y < view_.y + view_.h &&
        c.y + c.h > view_.y,
    )
    const idx = ideas.findIndex((c) => c.id === easier)
    await dotButtons.nth(idx).click()
    await phone.getByRole('button', { name: /^Add a dot \(1 on this card/ }).click()
    await expect(phone.getByRole('button', { name: /^Add a dot \(2 on this card, 0 left/ })).toBeVisible()

    // the facilitator votes from the list in the Facilitation view (keyboard)
    const homeAdd = view.getByRole('button', { name: /^Add a dot to Idea: Home visits/ })
    await homeAdd.focus()
    await a.keyboard.press('Enter')
    await expect(view.getByText('1 of 2 dots left.')).toBeVisible()

    // nothing has been published: no ballot in either synced document, nor anywhere in the doc
    const ballotsIn = async (p: Page) => Object.keys((await stored(p)).ballots ?? {})
    const docMentions = async (p: Page, needle: string) => {
      const s = await stored(p)
      return JSON.stringify([s.voting, s.ballots, s.facilitation, s.workshop]).includes(needle)
    }
    // everything the guest wrote before this card has reached the facilitator once the card has
    await postGuestCard(phone, 'question', 'Marker: after my votes')
    // the guest's card takes a free place in the guest's view, which may lie outside the facilitator's
    await cardId(a, 'Marker: after my votes')
    await fitCards(a)
    await expect(a.getByTestId('card-shape').filter({ hasText: 'Marker: after my votes' })).toBeVisible()
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
    await closeRound(a)
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
