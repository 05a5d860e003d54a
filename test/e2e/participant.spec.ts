import {
  cardTexts,
  cards,
  closeRound,
  expect,
  openRound,
  showView,
  stored,
  test,
  type ServeHandle,
} from './fixtures'
import { openFacilitatorBoard, type Links } from './guestHelpers'
import { addPhoneCard, goTo, joinPhone, layoutProblems, phoneOf } from './phoneHelpers'

/**
 * The participant screen for phones (issue 15): three phones at 320 and 390 px join from the join link,
 * add cards to the cells they choose, pass, vote (taking a dot back) and read the board as a list,
 * while the facilitator runs the agenda on the canvas; the offline queue; layout at 320×568 to tablets,
 * portrait and landscape, up to 200 % text.
 */
const JOURNEY = 'service-journey-map'

async function sharedSession(serve: ServeHandle, title: string) {
  const { id } = await serve.call<{ id: string }>('sessions.create', { title, templateId: JOURNEY })
  const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
  return { id, links }
}

test.describe('the participant screen on phones', () => {
  test('three phones join, add cards to chosen cells, pass, vote and read the board while the agenda runs', async ({
    browser,
    serve,
  }) => {
    test.setTimeout(180_000)
    const { links } = await sharedSession(serve, 'Phone workshop')
    const fac = await openFacilitatorBoard(browser, serve, 'Phone workshop')
    const a = (await phoneOf(browser, 320, 568)).page
    const b = (await phoneOf(browser, 390, 844)).page
    const c = (await phoneOf(browser, 390, 844)).page

    await joinPhone(a, links.participantUrl, { role: /^Person who uses the service/ })
    await joinPhone(b, links.participantUrl, {
      name: 'Amira',
      consent: true,
      role: /^Carer or family member/,
    })
    await joinPhone(c, links.participantUrl, { name: 'Dev', role: /^Front-line staff/ })
    // no canvas on a phone: tldraw is never loaded
    for (const p of [a, b, c]) {
      expect(await p.locator('.tl-container').count()).toBe(0)
      await expect(p.getByTestId('phone-no-activity')).toBeVisible()
    }

    // the facilitator starts an activity; every phone shows it under Now
    await showView(fac, 'Facilitation')
    const view = fac.getByTestId('facilitation-view')
    await view.getByRole('button', { name: 'Go to Walk through the journey' }).click()
    for (const p of [a, b, c])
      await expect(p.getByTestId('phone-activity-title')).toHaveText('Walk through the journey')
    await expect(a.getByTestId('phone-prompt')).toContainText('Write one card for each thing that happens')

    // cards go to the cells the guests chose, said in words before and after sending
    const said = await addPhoneCard(a, 'pain', 'I never know who to ring', {
      stage: 'Finding out',
      lane: 'What is hard',
    })
    expect(said).toBe('Your card is on the board in “Finding out · What is hard”.')
    await addPhoneCard(b, 'idea', 'A text the day before', { stage: 'First meeting', lane: 'Ideas' })
    await addPhoneCard(c, 'pain', 'Forms only online', { stage: 'Finding out', lane: 'What is hard' })
    await addPhoneCard(c, 'pain', 'Nobody rings back', { stage: 'Finding out', lane: 'What is hard' })
    await expect
      .poll(() => cardTexts(fac))
      .toEqual(
        expect.arrayContaining([
          'I never know who to ring',
          'A text the day before',
          'Forms only online',
          'Nobody rings back',
        ]),
      )
    // the three cards in one cell do not cover one another on the canvas
    const inCell = (await cards(fac)).filter((k) => /ring|Forms only|rings back/.test(k.text))
    expect(inCell).toHaveLength(3)
    for (const p of inCell)
      for (const q of inCell)
        if (p !== q)
          expect(p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y).toBe(true)
    // a named guest who agreed carries the name; the others carry none
    const props = Object.values((await stored(fac)).tl_records as Record<string, any>)
      .map((e: any) => e.val ?? e)
      .filter((r: any) => r?.type === 'card')
      .map((r: any) => [r.props.text, r.props.authorName])
    expect(Object.fromEntries(props)).toMatchObject({
      'A text the day before': 'Amira',
      'Forms only online': '',
      'I never know who to ring': '',
    })

    // private writing: the card stays on the phone until the facilitator reveals the cards
    await view.getByRole('button', { name: 'Go to How it feels' }).click()
    await goTo(a, 'now')
    await expect(a.getByTestId('phone-content-note')).toContainText('hard memories')
    const privately = await addPhoneCard(a, 'pain', 'I felt alone in the waiting room', {
      stage: 'First meeting',
      lane: 'How it feels',
    })
    expect(privately).toContain('Others see it when the facilitator reveals the cards')
    await expect(a.getByTestId('phone-waiting')).toContainText('Shown when the facilitator reveals')
    expect(await cardTexts(fac)).not.toContain('I felt alone in the waiting room')
    await view.getByTestId('facil-reveal').click()
    await expect.poll(() => cardTexts(fac)).toContain('I felt alone in the waiting room')
    await expect(a.getByTestId('phone-waiting')).toBeHidden()

    // Pass: counted for the facilitator, nobody named
    await goTo(c, 'now')
    await c.getByTestId('phone-pass').click()
    await expect(c.getByTestId('phone-pass-status')).toContainText('not who')
    await expect(fac.getByTestId('facilitation-view')).toContainText('1 passed')

    // Board: cards grouped by cell, own cards marked, a filter by kind
    await goTo(a, 'board')
    const group = a.getByRole('region', { name: /^Finding out · What is hard/ })
    await expect(group.getByTestId('phone-card')).toHaveCount(3)
    await expect(group.locator('[data-mine="true"]')).toHaveText(/I never know who to ring/)
    await a.getByTestId('phone-filter-idea').check()
    await expect(a.getByTestId('phone-card')).toHaveText([/A text the day before/])
    await a.getByTestId('phone-filter-all').check()

    // Vote: a round opens; the control under the finger never moves, and a dot can be taken back
    await openRound(fac, { question: 'What matters most?', dots: 3 })
    await expect(a.getByTestId('phone-go-vote')).toBeVisible()
    await goTo(a, 'vote')
    const row = a.getByTestId('phone-vote-row').filter({ hasText: 'Forms only online' })
    const plus = row.getByTestId('phone-dot-add')
    const minus = row.getByTestId('phone-dot-remove')
    await plus.scrollIntoViewIfNeeded()
    const before = await plus.boundingBox()
    await plus.tap()
    await expect(row.getByTestId('phone-dot-count')).toHaveText(/^1/)
    expect(await plus.boundingBox()).toEqual(before)
    await plus.tap()
    await expect(row.getByTestId('phone-dot-count')).toHaveText(/^2/)
    expect(await plus.boundingBox()).toEqual(before)
    const minusBox = await minus.boundingBox()
    await minus.tap()
    await expect(row.getByTestId('phone-dot-count')).toHaveText(/^1/)
    expect(await minus.boundingBox()).toEqual(minusBox)
    await expect(a.getByTestId('phone-dots-left')).toHaveText('You have 2 of 3 dots left.')
    await goTo(b, 'vote')
    await b
      .getByTestId('phone-vote-row')
      .filter({ hasText: 'A text the day before' })
      .getByTestId('phone-dot-add')
      .tap()
    expect(await layoutProblems(a, 'vote 320')).toEqual([])
    // the dots stay on the phones until the round closes, then the ballots are published
    expect(Object.keys((await stored(fac)).ballots ?? {})).toEqual([])
    await closeRound(fac)
    await expect.poll(async () => Object.keys((await stored(fac)).ballots ?? {}).length).toBe(2)
    await expect(a.getByTestId('phone-go-vote')).toBeHidden()
    const results = fac.getByTestId('facilitation-view').getByTestId('facil-results')
    await expect(results.getByRole('row', { name: /Forms only online 1/ })).toBeVisible()
  })

  test('cards written offline wait on the phone, are said to wait, and go on reconnect', async ({
    browser,
    serve,
  }) => {
    const { links } = await sharedSession(serve, 'Hall wifi')
    const fac = await openFacilitatorBoard(browser, serve, 'Hall wifi')
    const { context, page } = await phoneOf(browser, 390, 844)
    await joinPhone(page, links.participantUrl, { role: /^Front-line staff/ })

    await context.setOffline(true)
    await expect(page.getByTestId('phone-banner')).toContainText('Connection lost')
    const said = await addPhoneCard(page, 'idea', 'Ring me instead', {
      stage: 'Getting in touch',
      lane: 'Ideas',
    })
    expect(said).toContain('waiting to send')
    await expect(page.getByTestId('phone-waiting')).toContainText('Waiting to send')
    await expect(page.getByTestId('phone-banner')).toContainText('1 card is waiting to send')
    // kept on the device
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).some(
          (k) => k.startsWith('copro.phone.outbox.') && localStorage.getItem(k)!.includes('Ring me instead'),
        ),
      ),
    ).toBe(true)
    expect(await cardTexts(fac)).not.toContain('Ring me instead')
    // the banner sits in the page's flow: it covers nothing
    const banner = (await page.getByTestId('phone-banner').boundingBox())!
    const heading = (await page.locator('.phone-h1').boundingBox())!
    expect(banner.y + banner.height).toBeLessThanOrEqual(heading.y)

    await context.setOffline(false)
    await expect(page.getByTestId('phone-banner')).toHaveText('Connected again.')
    await expect.poll(() => cardTexts(fac)).toContain('Ring me instead')
    await expect(page.getByTestId('phone-waiting')).toBeHidden()
  })

  for (const size of [
    { w: 320, h: 568, scale: 100 },
    { w: 320, h: 568, scale: 200 },
    { w: 568, h: 320, scale: 200 },
    { w: 390, h: 844, scale: 150 },
    { w: 834, h: 1112, scale: 200, view: 'phone' },
  ]) {
    test(`fits ${size.w}×${size.h} at ${size.scale} % text: no sideways scrolling, big targets, no axe problems`, async ({
      browser,
      serve,
    }) => {
      const { links } = await sharedSession(serve, `Fits ${size.w}×${size.h} ${size.scale}`)
      const { page } = await phoneOf(browser, size.w, size.h, { textScale: size.scale })
      const url = size.view ? `${links.participantUrl}&view=${size.view}` : links.participantUrl
      await page.goto(url)
      await expect(page.getByTestId('guest-join')).toBeVisible()
      expect(await layoutProblems(page, 'join')).toEqual([])
      await joinPhone(page, url, { name: 'Sam', role: /^Person who uses the service/ })
      await addPhoneCard(page, 'question', 'Who do I ask about a very long word like supercalifragilistic?')
      for (const place of ['now', 'add', 'board', 'menu'] as const) {
        await goTo(page, place)
        expect(await layoutProblems(page, place)).toEqual([])
      }
      // focus follows reading order (no tabindex reorders it): each control is below the one before,
      // or beside it on the same line
      await goTo(page, 'add')
      const backwards = await page.evaluate(() => {
        const els = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')]
        const boxes = els.map((el) => (el.closest('label') ?? el).getBoundingClientRect())
        const out: string[] = []
        for (let i = 1; i < boxes.length; i++) {
          const p = boxes[i - 1]!
          const n = boxes[i]!
          const below = n.top >= p.top - 1
          const beside = n.top < p.bottom && n.left >= p.right - 1
          if (!below && !beside)
            out.push(`${els[i - 1]!.outerHTML.slice(0, 50)} → ${els[i]!.outerHTML.slice(0, 50)}`)
        }
        return out
      })
      expect(backwards).toEqual([])
    })
  }

  test('a laptop opening the join link gets the full canvas, and can switch to the simple screen', async ({
    browser,
    serve,
  }) => {
    const { links } = await sharedSession(serve, 'On a laptop')
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(links.participantUrl)
    await expect(page).toHaveURL(/view=board/)
    await page.getByRole('radio', { name: /^Front-line staff/ }).check()
    await page.getByTestId('guest-join-button').click()
    await expect(page.getByTestId('guest-board')).toBeVisible()
    await page.getByTestId('guest-simple-screen').click()
    await page.getByRole('radio', { name: /^Front-line staff/ }).check()
    await page.getByTestId('guest-join-button').click()
    await expect(page.getByTestId('phone-screen')).toBeVisible()
    // the choice is remembered on this device
    await page.goto(links.participantUrl)
    await expect(page.getByTestId('guest-join')).toBeVisible()
    await expect(page).not.toHaveURL(/view=board/)
  })

  test('a guest changes their answer about their name, then withdraws their cards, from the menu', async ({
    browser,
    serve,
  }) => {
    const { links } = await sharedSession(serve, 'Changing my mind')
    const fac = await openFacilitatorBoard(browser, serve, 'Changing my mind')
    const { page } = await phoneOf(browser, 390, 844)
    await joinPhone(page, links.participantUrl, { name: 'Sam', role: /^Person who uses the service/ })
    await addPhoneCard(page, 'idea', 'Open on Saturdays')
    const authorName = async () =>
      Object.values((await stored(fac)).tl_records as Record<string, any>)
        .map((e: any) => e.val ?? e)
        .find((r: any) => r?.props?.text === 'Open on Saturdays')?.props.authorName
    await expect.poll(authorName).toBe('')
    await goTo(page, 'menu')
    await page.getByTestId('phone-consent-yes').check()
    await expect(page.getByTestId('phone-menu-status')).toContainText(
      'Your name is now shown on your cards (1 changed)',
    )
    await expect.poll(authorName).toBe('Sam')
    await page.getByTestId('phone-consent-no').check()
    await expect.poll(authorName).toBe('')
    await page.getByTestId('phone-withdraw').click()
    await page.getByTestId('phone-withdraw-confirm').click()
    await expect(page.getByTestId('phone-withdrawn')).toBeVisible()
    await expect.poll(async () => Object.keys((await stored(fac)).withdrawn ?? {}).length).toBe(1)
  })

  test('an observer is told they can read but not write', async ({ browser, serve }) => {
    const { links } = await sharedSession(serve, 'Watching')
    const { page } = await phoneOf(browser, 390, 844)
    await page.goto(links.observerUrl)
    await expect(page.getByTestId('guest-join')).toContainText('you cannot write on it or vote')
    await page.getByRole('radio', { name: /^Front-line staff/ }).check()
    await page.getByTestId('guest-join-button').click()
    await expect(page.getByTestId('phone-observer-note')).toContainText('you cannot write or vote')
    await expect(page.getByTestId('phone-go-add')).toHaveCount(0)
  })
})
