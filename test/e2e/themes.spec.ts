import { cards, expect, openBoard, showView, stored, test, watchErrors } from './fixtures'

/**
 * Themes and bulk input through the UI against the real `copro serve`: a pasted list becomes one card
 * per line in the outline, "Suggest themes" proposes groups that the facilitator renames and accepts,
 * and ticked cards are grouped under a name.
 */
test.describe('themes and bulk input', () => {
  test('paste a list into the outline, suggest and accept a theme, group ticked cards', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await serve.call('sessions.create', { title: 'Themes e2e', templateId: null })
    await openBoard(page, serve.url, 'Themes e2e')

    // one card per line from the outline's add form
    await page.keyboard.press('ControlOrMeta+Alt+O')
    const add = page.getByTestId('outline-add')
    await expect(add).toBeVisible()
    await add.getByLabel('Kind').selectOption('pain')
    await add.getByTestId('outline-add-per-line').check()
    await add
      .getByLabel('Text')
      .fill(
        [
          'The waiting list is far too long',
          'Long waiting list for therapy',
          'Nobody tells you your place on the waiting list',
          'Can never get through on the phone',
          'On hold on the phone for forty minutes',
        ].join('\n'),
      )
    await add.getByRole('button', { name: 'Add 5 cards' }).click()
    await expect.poll(async () => (await cards(page)).length).toBe(5)
    expect(new Set((await cards(page)).map((c) => c.kind))).toEqual(new Set(['pain']))

    // suggest themes in the Themes view; rename the waiting one and accept it
    await page
      .getByRole('tab', { name: /Themes e2e/ })
      .first()
      .click()
    await showView(page, 'Themes')
    await page.getByTestId('suggest-themes').click()
    const proposals = page.getByTestId('theme-proposals')
    await expect(proposals.getByLabel('Suggested theme name')).toHaveCount(2)
    const waiting = proposals.locator('li[data-proposal]').filter({ hasText: 'far too long' })
    await waiting.getByLabel('Suggested theme name').fill('Waiting times')
    await waiting.getByRole('button', { name: 'Accept' }).click()
    await expect(page.getByTestId('themes-list')).toContainText('Waiting times')
    await expect
      .poll(async () =>
        Object.values((await stored(page)).themes ?? {}).map((t: any) => [t.name, t.cardIds.length]),
      )
      .toEqual([['Waiting times', 3]])

    // group the phone cards by ticking them in the view (the canvas selection path is covered by
    // test/component/ThemesPanel.test.tsx)
    await page.getByText(/Tick cards not yet in a theme/).click()
    // (by role: the outline, when open, also names its card buttons after the card's text)
    await page.getByRole('checkbox', { name: 'Can never get through on the phone', exact: true }).check()
    await page.getByRole('checkbox', { name: 'On hold on the phone for forty minutes', exact: true }).check()
    await page.getByTestId('theme-name').fill('Getting through')
    await page.getByTestId('group-ticked').click()
    await expect
      .poll(async () =>
        Object.values((await stored(page)).themes ?? {})
          .map((t: any) => [t.name, t.cardIds.length])
          .sort(),
      )
      .toEqual([
        ['Getting through', 2],
        ['Waiting times', 3],
      ])
    expect(errors).toEqual([])
  })
})
