import { devices, type Page } from '@playwright/test'
import { expect, hook, openRound, test, waitForBoard, watchErrors } from './fixtures'
import { boardLink, openFacilitatorBoard } from './guestHelpers'

/**
 * A workshop by keyboard only: open the session, write a card with the composer, leave the canvas,
 * add and vote on cards in the outline, move between the workbench parts with F6, and hear the
 * activity, timer, voting and results announcements. The same person facilitates from the Facilitation
 * view, by keyboard too; only the passing of time goes through the test hook (elapseTimer).
 */

/** What has focus, in words: its aria-label, else its label, else its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return ''
    const label = (el as HTMLInputElement).labels?.[0]?.innerText
    return (el.getAttribute('aria-label') ?? label ?? el.innerText ?? el.tagName).trim()
  })

/** Presses Tab until the focused element's name matches, failing after `max` presses. */
async function tabTo(page: Page, name: RegExp, max = 80, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    if (name.test(await focused(page))) return
    await page.keyboard.press(key)
  }
  throw new Error(`focus never reached ${name}; last: ${await focused(page)}`)
}

/** Presses Tab until the focused element matches a CSS selector. */
async function tabToSelector(page: Page, selector: string, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => !!document.activeElement?.matches(sel), selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`focus never reached ${selector}; last: ${await focused(page)}`)
}

const inPart = (page: Page, selector: string) =>
  page.evaluate((s) => !!document.querySelector(s)?.contains(document.activeElement), selector)

test.describe('a workshop by keyboard only', () => {
  test('join, write, leave the canvas, use the outline, vote and hear the results', async ({
    page,
    serve,
  }) => {
    test.setTimeout(180_000)
    const errors = watchErrors(page)
    await serve.call('sessions.create', { title: 'Keyboard workshop', templateId: 'service-journey-map' })
    await page.goto(serve.url)
    await expect(page.getByTestId('workbench')).toBeVisible()

    // F6 moves between the parts: activity bar, then the side bar (Sessions)
    await page.keyboard.press('F6')
    expect(await inPart(page, '.activity-bar')).toBe(true)
    await page.keyboard.press('F6')
    expect(await inPart(page, '.side-bar')).toBe(true)
    // open the session from the list
    await tabTo(page, /^Keyboard workshop/)
    await page.keyboard.press('Enter')
    await waitForBoard(page)
    await expect(page.getByRole('tab', { name: 'Keyboard workshop' })).toHaveAttribute(
      'aria-selected',
      'true',
    )

    // write a card with the composer, opened from the command palette
    await page.keyboard.press('Control+Shift+P')
    await page.keyboard.type('new card')
    await expect(page.getByRole('option').first()).toContainText('New card (C on the canvas)')
    await page.keyboard.press('Enter')
    const composer = page.getByTestId('card-composer')
    await expect(composer).toBeVisible()
    // the composer puts focus in its text box once it has opened: keys before that would go elsewhere
    await expect(page.getByTestId('composer-text')).toBeFocused()
    await page.keyboard.press('Alt+1')
    await expect(page.getByTestId('composer-kind-pain')).toBeChecked()
    await page.keyboard.type('The letters use long words')
    await page.keyboard.press('Enter')
    await expect(composer).toBeHidden()
    await expect(
      page.getByTestId('card-shape').filter({ hasText: 'The letters use long words' }),
    ).toBeVisible()

    // no keyboard trap: Escape clears the selection, Escape again leaves the canvas for the tab
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('tab', { name: 'Keyboard workshop' })).toBeFocused()

    // the outline, by its shortcut; the card written on the canvas is there
    await page.keyboard.press('Control+Alt+O')
    const outline = page.getByTestId('outline')
    await expect(outline).toBeVisible()
    await expect(page.getByRole('tab', { name: /^Outline: Keyboard workshop/ })).toBeFocused()
    await expect(outline.getByText('The letters use long words')).toBeVisible()

    // add a card into a chosen cell from the outline
    await tabTo(page, /^Where/, 80)
    const where = outline.getByTestId('outline-add').getByLabel('Where')
    await expect(where).toBeFocused()
    const before = await where.inputValue()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    const chosen = await where.inputValue()
    const chosenName = (await where.locator('option:checked').textContent())!.trim()
    expect(chosen).not.toBe(before)
    await page.keyboard.press('Tab')
    await expect(outline.getByTestId('outline-add').getByLabel('Text')).toBeFocused()
    await page.keyboard.type('Ask people which words they use')
    await page.keyboard.press('Enter')
    const added = outline.locator(`[data-cell="${chosen}"]`).getByText('Ask people which words they use')
    await expect(added).toBeVisible()
    // the cell is named as everywhere else: "Stage · Lane"
    expect(chosenName).toMatch(/ · /)
    await expect(page.getByTestId('announcer')).toContainText(`Card added to ${chosenName}`)

    // the facilitator starts the first activity from the Facilitation view, by keyboard: announced
    await page.keyboard.press('Control+Shift+F')
    await expect(page.locator('#side-bar-title')).toHaveText('Facilitation')
    await page.getByRole('tab', { name: /^Outline/ }).focus()
    await page.keyboard.press('Shift+F6') // editor → side bar
    expect(await inPart(page, '.side-bar')).toBe(true)
    await tabTo(page, /^Start$/)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('announcer')).toContainText('Welcome and ground rules')

    // time passes: one minute left
    const left = Number(await page.getByTestId('facil-remaining').first().getAttribute('data-remaining-ms'))
    await hook(page, (h, ms) => h.elapseTimer(ms), left - 59_000)
    await expect(page.getByTestId('announcer')).toContainText('One minute left.')

    // the facilitator opens a voting round from the Facilitation view: announced
    await tabTo(page, /^Question$/)
    await page.keyboard.type('Priorities')
    await tabTo(page, /^Dots per person$/)
    await page.keyboard.press('Control+A')
    await page.keyboard.type('3')
    await tabTo(page, /^Open the round$/)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('announcer')).toContainText('Voting is open: Priorities. You have 3 votes.')

    // votes in the outline
    await page.keyboard.press('Control+Alt+O')
    await expect(page.getByRole('tab', { name: /^Outline/ })).toBeFocused()
    await expect(outline.getByText(/You have 3 of 3 votes left/)).toBeVisible()
    await tabTo(page, /^Vote: Idea card “Ask people/)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await expect(outline.getByText(/You have 1 of 3 votes left/)).toBeVisible()
    await expect(page.locator(':focus')).toHaveAccessibleName(/^Vote \(2\): Idea card/)
    // from the outline's tab, forward to the other card's vote button (the cards' order in the table
    // follows their places on the board, so it is not assumed here)
    await page.getByRole('tab', { name: /^Outline/ }).focus()
    await tabTo(page, /^Vote: Pain card “The letters/)
    await page.keyboard.press('Enter')
    await expect(outline.getByText(/You have 0 of 3 votes left/)).toBeVisible()
    // the same dots as the canvas and the Facilitation view use (on this device until the round closes)
    const dots = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('copro.votes.'))!
      return (JSON.parse(localStorage.getItem(key)!) as { cardIds: string[] }).cardIds
    })
    expect(dots).toHaveLength(3)

    // the facilitator closes the round; the board publishes the ballot; the results are read out
    await page.getByRole('tab', { name: /^Outline/ }).focus()
    await page.keyboard.press('Shift+F6')
    await tabTo(page, /^Close the round and show results$/)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('announcer')).toContainText(
      'Results of Priorities: first, “Ask people which words they use” with 2 votes; second, “The letters use long words” with 1 vote.',
    )

    // time is up: said assertively
    await hook(page, (h) => h.elapseTimer(60 * 60_000))
    await expect(page.getByTestId('announcer-assertive')).toHaveText('Time is up.')

    // F6 from the editor reaches the status bar, Shift+F6 comes back, and F6 wraps to the activity bar
    await page.getByRole('tab', { name: /^Outline/ }).focus()
    await page.keyboard.press('F6')
    expect(await inPart(page, '.status-bar')).toBe(true)
    await page.keyboard.press('Shift+F6')
    expect(await inPart(page, '.editor-area')).toBe(true)
    await page.keyboard.press('F6')
    await page.keyboard.press('F6')
    expect(await inPart(page, '.activity-bar')).toBe(true)

    // every preference can be reached from the palette
    await page.keyboard.press('Control+Shift+P')
    await page.keyboard.type('calm mode')
    await page.keyboard.press('Enter')
    await expect(page.locator('html')).toHaveAttribute('data-a11y-calm', 'on')
    await expect(page.getByTestId('announcer')).toHaveText('Calm mode on.')
    expect(await hook(page, (h) => h.animationSpeed())).toBe(0)
    expect(errors).toEqual([])
  })

  test('a guest joins from a share link on a phone, writes a card and hears the workshop, by keyboard', async ({
    browser,
    serve,
  }) => {
    const { id } = await serve.call<{ id: string }>('sessions.create', {
      title: 'Guest keyboard',
      templateId: 'service-journey-map',
    })
    const share = await serve.call<{ participantUrl: string }>('share.start', {
      sessionId: id,
      address: '127.0.0.1',
    })
    const { defaultBrowserType: _ignored, ...pixel } = devices['Pixel 7']
    const context = await browser.newContext({ ...pixel })
    const guest = await context.newPage()
    const errors = watchErrors(guest)
    // the full canvas on a phone (the participant screen by keyboard: participant.spec.ts, the rehearsal)
    await guest.goto(boardLink(share.participantUrl))
    await expect(guest.getByTestId('guest-join')).toBeVisible()

    // the join screen by keyboard: name, role, join
    await tabToSelector(guest, 'input[autocomplete="nickname"]')
    await guest.keyboard.type('Amira')
    await tabToSelector(guest, 'input[name="guest-role"]') // the role group: arrows choose within it
    await tabTo(guest, /Carer or family member/, 8, 'ArrowDown')
    await expect(guest.getByRole('radio', { name: /Carer or family member/ })).toBeChecked()
    await tabToSelector(guest, '[data-testid="guest-join-button"]')
    await guest.keyboard.press('Enter')
    await expect(guest.getByTestId('guest-board')).toBeVisible()
    await waitForBoard(guest)

    // write a card with the simple composer
    await tabToSelector(guest, '[data-testid="guest-kind-pain"]')
    await guest.keyboard.press('Enter')
    await expect(guest.getByTestId('guest-card-text')).toBeFocused()
    await guest.keyboard.type('I never know who to ring')
    await tabToSelector(guest, '[data-testid="guest-card-post"]')
    await guest.keyboard.press('Enter')
    await expect
      .poll(async () => (await hook(guest, (h) => h.cards())).map((c) => `${c.kind}: ${c.text}`))
      .toContain('pain: I never know who to ring')

    // the facilitator moves the workshop on; the guest hears it through the board's live regions
    const facilitator = await openFacilitatorBoard(browser, serve, 'Guest keyboard')
    await openRound(facilitator, { question: 'What matters most', dots: 2 })
    await expect(guest.getByTestId('board-announcer')).toHaveText(
      'Voting is open: What matters most. You have 2 votes.',
    )
    expect(errors).toEqual([])
  })
})
