import { expect, type Page } from '@playwright/test'

/**
 * The rehearsal's moderation step (ADR 0047): the facilitator holds guests' cards; a phone's card waits
 * ("Waiting for the facilitator"), the board shows "Waiting for approval", the facilitator approves it
 * from the outline with the keyboard, and the phone says it is on the board. Holding is turned off again.
 */
export async function moderationStep(
  fac: Page,
  named: Page,
  snap: (page: Page, who: string, step: string) => Promise<void>,
): Promise<void> {
  await fac.getByRole('button', { name: 'Facilitation', exact: true }).click()
  const section = fac.getByTestId('moderation-section')
  await section.getByLabel('Hold guests’ cards for approval').check()
  await section.getByRole('button', { name: 'Save moderation settings' }).click()
  await named.getByTestId('phone-go-add').click()
  await named.getByTestId('phone-kind-idea').check()
  await named.getByTestId('phone-card-text').fill('A named person to ring')
  await named.getByTestId('phone-card-post').click()
  await expect(named.getByTestId('phone-held-card')).toContainText('Waiting for the facilitator')
  await named.getByTestId('phone-approval').scrollIntoViewIfNeeded()
  await snap(named, 'guest390-named', 'waiting-for-facilitator')
  await expect(fac.getByTestId('moderation-badge')).toBeVisible()
  await snap(fac, 'facilitator', 'waiting-for-approval-badge')
  await fac.keyboard.press('Control+Alt+O')
  const held = fac.getByTestId('outline-held-card').first()
  await held.focus()
  await snap(fac, 'facilitator', 'outline-approval-queue')
  await fac.keyboard.press('a')
  await expect(named.getByTestId('phone-decided-card').first()).toContainText('On the board')
  await named.getByTestId('phone-approval').scrollIntoViewIfNeeded()
  await snap(named, 'guest390-named', 'card-approved')
  await section.getByLabel('Hold guests’ cards for approval').uncheck()
  await section.getByRole('button', { name: 'Save moderation settings' }).click()
}
