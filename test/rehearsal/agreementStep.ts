import { expect, type Locator, type Page } from '@playwright/test'

/**
 * Rehearsal step 5a (issue 17 item 4): another way to decide — agree / disagree / pass on each card on
 * the phones (320 and 390), then the results by role on the laptop, the phone and the wall.
 */
export async function agreementRound(p: {
  fac: Page
  view: Locator
  named: Page
  anon: Page
  wall: Page
  snap(page: Page, who: string, step: string): Promise<void>
}): Promise<void> {
  const { fac, view, named, anon, wall, snap } = p

  // the step before (comments) leaves the Comments view open
  await fac.getByRole('button', { name: 'Facilitation', exact: true }).click()
  await expect(view).toBeVisible()
  await view.getByRole('textbox', { name: 'Question' }).fill('Do we agree with these?')
  await view.getByTestId('round-method').selectOption('agreement')
  await view.getByRole('button', { name: 'Open the round' }).click()
  await expect(view.getByTestId('facil-open-round')).toBeVisible()
  for (const g of [named, anon]) {
    await g.getByTestId('phone-go-vote').click()
    const rows = g.getByTestId('phone-vote-row')
    await rows.first().getByTestId('phone-agree').tap()
    await rows.nth(1).getByTestId('phone-disagree').tap()
  }
  await anon.getByTestId('phone-vote-row').nth(2).getByTestId('phone-pass').tap()
  await snap(anon, 'guest320-anonymous', 'agreement-answered')
  await view.getByRole('button', { name: 'Close the round and show results' }).click()
  await expect(view.getByTestId('facil-result-row').first()).toContainText('Agree')
  await snap(fac, 'facilitator', 'agreement-results')
  await anon.getByTestId('phone-go-results').click()
  await expect(anon.getByTestId('phone-result').first()).toBeVisible()
  await snap(anon, 'guest320-anonymous', 'agreement-results')
  if (await wall.getByTestId('wall').isVisible()) {
    await wall.keyboard.press('r')
    await expect(wall.getByTestId('wall-result-summary').first()).toBeVisible()
    await snap(wall, 'wall-window', 'agreement-results')
    await wall.keyboard.press('b')
  }
}
