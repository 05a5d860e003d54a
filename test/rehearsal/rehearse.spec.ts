import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServe } from '../e2e/fixtures'
import { moderationStep } from './moderationStep'
import { agreementRound } from './agreementStep'
import { guestPhoto } from './photoStep'
import { layoutFacts, type LayoutFacts } from './layoutFacts'
import { rehearseComments } from './rehearseComments'
import { trashStep } from './trashStep'
import { LANGUAGE_GUESTS, languageGuest, phone } from './phones'
import { fitBoard } from './fitBoard'

/**
 * The rehearsal (`npm run rehearse`): a short workshop run through the UI only, against the real
 * `copro serve`, as the room would see it. A facilitator at 1920×1080 (the projected screen), three
 * guests on phones on the participant screen (320×568 anonymous, 390×844 named with consent, 390×844
 * keyboard only: join, add a card to a chosen cell, pass, vote) and an observer. At every
 * step it saves a screenshot of each screen and the layout facts (layoutFacts.ts) into rehearsal/;
 * rehearsal/facts.json gathers them. It asserts only that each step could be done: the point is to LOOK.
 */
const OUT = 'rehearsal'
const steps: { step: string; who: string; screenshot: string; facts: LayoutFacts }[] = []
const notes: string[] = []
let n = 0

async function snap(page: Page, who: string, step: string): Promise<void> {
  n++
  const file = `${String(n).padStart(2, '0')}-${who}-${step}.png`
  await page.screenshot({ path: join(OUT, file) })
  steps.push({ step, who, screenshot: file, facts: await layoutFacts(page) })
}

/** Goes through the join screen by touch (or by keyboard only when `keyboard` is set). */
async function joinAs(
  page: Page,
  url: string,
  who: { name?: string; role: RegExp; keyboard?: boolean; snapAs?: string },
): Promise<void> {
  await page.goto(url)
  await expect(page.getByTestId('guest-join')).toBeVisible()
  if (who.keyboard) {
    // Tab to each field in reading order; no pointer at all.
    await page.keyboard.press('Tab')
    await tabTo(page, page.getByLabel(/^Your name/))
    await page.keyboard.type(who.name ?? '')
    // a radio group is one Tab stop; the arrow keys pick within it
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate(() => document.activeElement?.getAttribute('name') === 'guest-role')) break
      await page.keyboard.press('Tab')
    }
    const target = page.getByRole('radio', { name: who.role })
    for (let i = 0; i < 8 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown')
    await expect(target).toBeChecked()
    await tabTo(page, page.getByTestId('guest-join-button'))
    await page.keyboard.press('Enter')
  } else {
    if (who.name) {
      await page.getByLabel(/^Your name/).fill(who.name)
      await page.getByTestId('guest-consent-yes').check()
    }
    await page.getByRole('radio', { name: who.role }).check()
    if (who.snapAs) await snap(page, who.snapAs, 'join-screen')
    await page.getByTestId('guest-join-button').click()
  }
  await expect(page.getByTestId('phone-screen')).toBeVisible()
}

/** Presses Tab until `target` has focus (at most 80 times); for the keyboard-only guest. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)))
      return
    await page.keyboard.press('Tab')
  }
  throw new Error(`could not reach ${String(target)} with Tab`)
}

/** A guest writes a card on the participant screen's Add place, in a chosen cell (or where it goes by default). */
async function guestCard(
  page: Page,
  kind: string,
  text: string,
  keyboard = false,
  cell?: { stage: string; lane: string },
): Promise<void> {
  if (keyboard) {
    await tabTo(page, page.getByTestId('phone-go-add'))
    await page.keyboard.press('Enter')
    // the kinds are one radio group: one Tab stop, the arrow keys choose
    await tabTo(page, page.locator('fieldset.phone-kinds'))
    const radio = page.getByTestId(`phone-kind-${kind}`)
    for (let i = 0; i < 8 && !(await radio.isChecked()); i++) await page.keyboard.press('ArrowDown')
    await expect(radio).toBeChecked()
    await tabTo(page, page.getByTestId('phone-card-text'))
    await page.keyboard.type(text)
    await tabTo(page, page.getByTestId('phone-card-post'))
    await page.keyboard.press('Enter')
  } else {
    await page.getByTestId('phone-go-add').click()
    await page.getByTestId(`phone-kind-${kind}`).check()
    await page.getByTestId('phone-card-text').fill(text)
    if (cell) {
      await page.getByTestId('phone-stage').selectOption({ label: cell.stage })
      await page.getByTestId('phone-lane').selectOption({ label: cell.lane })
    }
    await page.getByTestId('phone-card-post').click()
  }
  await expect(page.getByTestId('phone-add-status')).toContainText(
    /Your card is (on the board|saved on this phone)/,
  )
}

test('rehearsal: a short workshop, as the room sees it', async ({ browser }) => {
  test.setTimeout(10 * 60_000)
  mkdirSync(OUT, { recursive: true })
  const serve = await startServe()
  const failed: string[] = []
  /** One step of the workshop: a failure is noted with a screenshot, and the rehearsal goes on. */
  const phase = async (name: string, page: Page, fn: () => Promise<void>) => {
    try {
      await fn()
    } catch (e) {
      failed.push(`${name}: ${String(e).split('\n')[0]}`)
      await snap(page, 'failed', name).catch(() => undefined)
    }
  }
  const pages: Page[] = []
  let facContext: BrowserContext
  try {
    // 1. The facilitator, on the laptop that is projected.
    facContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    const fac = await facContext.newPage()
    await fac.goto(serve.url)
    await snap(fac, 'facilitator', 'welcome')
    await fac.getByText('New session from a template…').first().click()
    await expect(fac.getByTestId('template-gallery')).toBeVisible()
    await snap(fac, 'facilitator', 'templates')
    await fac.getByRole('button', { name: /Use this template: Service journey map/i }).click()
    await expect(fac.locator('[role="tabpanel"]:not([hidden]) [data-testid="structure-layer"]')).toBeVisible()
    await snap(fac, 'facilitator', 'board-opened')

    // Cards by keyboard: point at an empty spot of a cell, press c, write, add.
    const canvas = fac.locator('[role="tabpanel"]:not([hidden]) .tl-canvas')
    const facCard = async (kind: string, text: string, x: number, y: number) => {
      await fac.keyboard.press('Escape')
      await canvas.click({ position: { x, y } })
      await fac.keyboard.press('c')
      const composer = fac.getByTestId('card-composer')
      await expect(composer).toBeVisible()
      await fac.getByTestId(`composer-kind-${kind}`).check()
      await fac.getByTestId('composer-text').fill(text)
      await fac.getByTestId('composer-add').click()
      await expect(composer).toBeHidden()
    }
    await phase('facilitator-cards', fac, async () => {
      await facCard('pain', 'Letters about appointments arrive after the appointment', 420, 420)
      await facCard('gain', 'Reception staff know people by name', 640, 300)
      await facCard('contribution', 'Tenants can test new letters before they go out', 860, 560)
      await fitBoard(fac)
      await snap(fac, 'facilitator', 'first-cards-zoom-to-fit')
    })

    // The toolbar's Card button: the seven kinds; the composer says where the card goes. Then the
    // action is linked to the pain it addresses with the Link cards tool.
    await phase('card-menu-and-link', fac, async () => {
      await fac.getByTestId('tool-card').click()
      await expect(fac.getByTestId('card-kind-menu')).toBeVisible()
      await snap(fac, 'facilitator', 'card-menu')
      await fac.getByTestId('card-kind-action').click()
      await expect(fac.getByTestId('composer-where')).toBeVisible()
      await fac.getByTestId('composer-text').fill('Send appointment letters two weeks before')
      await snap(fac, 'facilitator', 'composer-where')
      await fac.getByTestId('composer-add').click()
      const box = async (text: string) =>
        (await fac.getByTestId('card-shape').filter({ hasText: text }).boundingBox())!
      const from = await box('Send appointment letters')
      const to = await box('Letters about appointments')
      await fac.getByTestId('tool-arrow').click()
      await fac.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
      await fac.mouse.down()
      await fac.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 })
      await fac.mouse.up()
      await expect(fac.locator('.tl-arrow-label').filter({ hasText: 'addresses' })).toBeVisible()
      await snap(fac, 'facilitator', 'linked')
    })

    // 2. Share: participant and observer links from the Participants view.
    let participantUrl = ''
    let observerUrl = ''
    await phase('share', fac, async () => {
      await fac.getByRole('button', { name: 'Participants', exact: true }).click()
      await fac.getByTestId('share-address-127.0.0.1').check()
      await fac.getByTestId('share-start').click()
      await expect(fac.getByTestId('share-state')).toBeVisible()
      await snap(fac, 'facilitator', 'sharing')
      participantUrl = await fac.getByLabel(/Participant link/).inputValue()
      observerUrl = await fac.getByLabel(/Observer link/).inputValue()
    })

    // 3. Three guests on phones and an observer.
    const anon = await phone(browser, 320, 568)
    const named = await phone(browser, 390, 844)
    const kb = await phone(browser, 390, 844)
    const observer = await phone(browser, 390, 844)
    pages.push(fac, anon, named, kb, observer)
    // The 320 px guest cannot scan: types the join code shown under the QR code (issue 15 item 7).
    await phase('join-code', anon, async () => {
      const hint = fac.getByTestId('share-join-code')
      const code = (await hint.getAttribute('data-code')) ?? ''
      await anon.goto((await hint.locator('.share-code__url').textContent()) ?? '')
      await anon.getByLabel('Join code').fill(`${code.slice(0, 3)} ${code.slice(3)}`.toLowerCase())
      await snap(anon, 'guest320-anonymous', 'join-code')
      await anon.getByRole('button', { name: 'Join' }).click()
      await expect(anon.getByTestId('guest-join')).toBeVisible()
    })
    await phase('join-anonymous', anon, async () => {
      await joinAs(anon, participantUrl, {
        role: /^Person who uses the service/,
        snapAs: 'guest320-anonymous',
      })
      await snap(anon, 'guest320-anonymous', 'joined')
    })
    await phase('join-named', named, async () => {
      await joinAs(named, participantUrl, { name: 'Amira', role: /^Carer or family member/ })
      await snap(named, 'guest390-named', 'joined')
    })
    await phase('join-keyboard', kb, async () => {
      await joinAs(kb, participantUrl, { name: 'Dev', role: /^Front-line staff/, keyboard: true })
      await snap(kb, 'guest390-keyboard', 'joined')
    })
    await phase('observer', observer, async () => {
      await observer.goto(observerUrl)
      await expect(observer.getByTestId('guest-join').or(observer.getByTestId('phone-screen'))).toBeVisible()
      await snap(observer, 'observer', 'opened')
    })
    // Guests who read Welsh and Arabic pick their language first, on 320×568 phones (issue 19).
    for (const guest of LANGUAGE_GUESTS) {
      const page = await phone(browser, 320, 568)
      pages.push(page)
      await phase(`join-${guest.code}`, page, () => languageGuest(page, participantUrl, guest, snap))
    }

    await phase('guest-cards', named, async () => {
      await guestCard(anon, 'pain', 'I never know who to ring', false, {
        stage: 'Finding out',
        lane: 'What is hard',
      })
      await guestCard(named, 'idea', 'A text message the day before', false, {
        stage: 'Getting in touch',
        lane: 'Ideas',
      })
      await guestCard(kb, 'contribution', 'I can explain the booking system to new staff', true)
      await snap(anon, 'guest320-anonymous', 'card-added')
      await snap(named, 'guest390-named', 'card-added')
      await snap(kb, 'guest390-keyboard', 'card-added')
      await guestPhoto(named, 'Our wall of sticky notes from the first meeting')
      await snap(named, 'guest390-named', 'photo-added')
      await named.getByTestId('phone-go-board').click()
      await snap(named, 'guest390-named', 'board-list')
    })
    await fitBoard(fac)
    await snap(fac, 'facilitator', 'guest-cards-arrived')

    // 4. An activity with a timer, private writing, then the reveal.
    const view = fac.getByTestId('facilitation-view')
    await phase('activity', fac, async () => {
      await fac.getByRole('button', { name: 'Facilitation', exact: true }).click()
      await view.getByRole('button', { name: 'Add activity' }).click()
      await view.getByLabel('Title', { exact: true }).fill('What gets in the way?')
      await view.getByLabel('Minutes').fill('5')
      await view
        .getByLabel(/Instructions/)
        .fill('Write what gets in the way. Only you see your cards until the reveal.')
      await view.getByLabel(/Private writing/).check()
      await view.getByRole('button', { name: 'Save' }).click()
      // the template brought its own agenda: go to the new activity, then start its timer
      await view.getByRole('button', { name: 'Go to What gets in the way?' }).click()
      await view.getByRole('button', { name: 'Start' }).click()
      await snap(fac, 'facilitator', 'activity-running')
      await named.getByTestId('phone-go-now').click()
      await anon.getByTestId('phone-go-now').click()
      await snap(named, 'guest390-named', 'activity-running')
      await snap(anon, 'guest320-anonymous', 'activity-running')
    })
    // The projector: wall mode (F5) while the activity runs — the board fitted, the prompt, the timer.
    await phase('wall-activity', fac, async () => {
      await fac.getByTestId('status-connection').click()
      await fac.keyboard.press('F5')
      await expect(fac.getByTestId('wall')).toBeVisible()
      await expect(fac.getByTestId('wall-timer')).toHaveAttribute('data-status', 'running')
      await snap(fac, 'facilitator', 'wall-activity')
      // S: the whole structure instead of the activity's cells
      await fac.keyboard.press('s')
      await snap(fac, 'facilitator', 'wall-whole-structure')
      // Space pauses the timer from the wall
      await fac.keyboard.press('Space')
      await expect(fac.getByTestId('wall-timer')).toHaveAttribute('data-status', 'paused')
      await snap(fac, 'facilitator', 'wall-timer-paused')
      await fac.keyboard.press('Space')
      await fac.keyboard.press('Escape')
      await expect(fac.getByTestId('wall')).toBeHidden()
    })
    await phase('pass', kb, async () => {
      await tabTo(kb, kb.getByTestId('phone-go-now'))
      await kb.keyboard.press('Enter')
      await tabTo(kb, kb.getByTestId('phone-pass'))
      await kb.keyboard.press('Enter')
      await expect(kb.getByTestId('phone-pass-status')).toContainText('not who')
      await snap(kb, 'guest390-keyboard', 'passed')
    })
    await phase('private-writing', named, async () => {
      await guestCard(named, 'pain', 'The waiting room is too loud to hear my name')
      await guestCard(anon, 'pain', 'Forms only online')
      await snap(anon, 'guest320-anonymous', 'private-writing')
    })
    await phase('reveal', fac, async () => {
      await view.getByTestId('facil-reveal').click()
      // the whole board fitted to show what was revealed, the banner still up
      await fitBoard(fac)
      await snap(fac, 'facilitator', 'revealed')
    })

    // 5. A voting round: guests spend dots, the facilitator closes it and shows the results.
    await phase('voting', fac, async () => {
      await view.getByRole('textbox', { name: 'Question' }).fill('What should we fix first?')
      await view.getByRole('button', { name: 'Open the round' }).click()
      await expect(view.getByTestId('facil-open-round')).toBeVisible()
      await snap(fac, 'facilitator', 'voting-open')
      await named.getByTestId('phone-go-vote').click()
      await anon.getByTestId('phone-go-vote').click()
      await snap(named, 'guest390-named', 'voting-open')
      await snap(anon, 'guest320-anonymous', 'voting-open')
      const dot = named.getByTestId('phone-dot-add').first()
      await dot.tap()
      await dot.tap()
      await named.getByTestId('phone-dot-remove').first().tap()
      await anon.getByTestId('phone-dot-add').first().tap()
      await snap(named, 'guest390-named', 'voted')
      await snap(anon, 'guest320-anonymous', 'voted')
      await view.getByRole('button', { name: 'Close the round and show results' }).click()
      await expect(view.getByTestId('facil-results')).toBeVisible()
      // the phones send their dots at the close: the results count both guests once they arrive
      await expect(view.getByTestId('facil-results')).toContainText('2 ballots')
      await snap(fac, 'facilitator', 'results')
      await named.getByTestId('phone-go-board').click()
      await snap(named, 'guest390-named', 'after-vote-board')
      await anon.getByTestId('phone-go-menu').click()
      await snap(anon, 'guest320-anonymous', 'menu')
    })
    // The results on the wall, in a second window (the projector) while the laptop keeps its controls.
    await phase('wall-results', fac, async () => {
      // (if the guests' votes did not get through above, the facilitator votes and closes the round)
      const close = view.getByRole('button', { name: 'Close the round and show results' })
      if (await close.isVisible()) {
        await view
          .getByRole('button', { name: /^Add a dot to/ })
          .first()
          .click()
        await close.click()
      }
      await fac.getByTestId('status-connection').click()
      const [wall] = await Promise.all([facContext.waitForEvent('page'), fac.keyboard.press('Shift+F5')])
      pages.push(wall)
      await wall.setViewportSize({ width: 1920, height: 1080 })
      await expect(wall.getByTestId('wall')).toBeVisible({ timeout: 30_000 })
      await wall.keyboard.press('r')
      await expect(wall.getByTestId('wall-results')).toBeVisible()
      await snap(wall, 'wall-window', 'results')
      await snap(fac, 'facilitator', 'laptop-while-wall-shows-results')
      await wall.keyboard.press('b')
      await snap(wall, 'wall-window', 'board')
    })

    await phase('comments', fac, () => rehearseComments({ fac, named, anon }, snap)) // issue 17
    // 5a. Another way to decide: agree / disagree / pass (agreementStep.ts).
    await phase('agreement', fac, () => agreementRound({ fac, view, named, anon, wall: pages.at(-1)!, snap }))
    // 5b. Scribing and the trash (trashStep.ts).
    await phase('trash', fac, () => trashStep(fac, snap))

    await phase('moderation', fac, () => moderationStep(fac, named, snap))

    // 6. Export: the report a service designer takes away.
    await phase('export', fac, async () => {
      await fac.getByRole('button', { name: 'Export', exact: true }).click()
      await expect(fac.getByTestId('export-view')).toBeVisible()
      await snap(fac, 'facilitator', 'export')
    })
  } finally {
    writeFileSync(
      join(OUT, 'facts.json'),
      JSON.stringify({ date: new Date().toISOString(), failed, notes, steps }, null, 2),
    )
    for (const p of pages) await p.context().close()
    await serve.stop()
  }
  expect(failed, 'steps of the workshop that could not be done').toEqual([])
})
