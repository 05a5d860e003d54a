import { expect, type Page } from '@playwright/test'

/**
 * Scribing and the trash: the facilitator writes a card for a carer who is not on a phone, then deletes
 * it by mistake; the Trash and activity view shows it with who and when, ready to restore.
 */
export async function trashStep(
  fac: Page,
  snap: (page: Page, who: string, step: string) => Promise<void>,
): Promise<void> {
  await fac.locator('.tl-container:visible').first().focus()
  await fac.keyboard.press('c')
  await fac.getByTestId('composer-text').fill('Parking is hard on clinic days')
  await fac.getByTestId('composer-scribed-for').selectOption({ label: 'Someone: Carer or family member' })
  await snap(fac, 'facilitator', 'scribing')
  await fac.getByTestId('composer-add').click()
  await expect(fac.getByTestId('card-composer')).toBeHidden()
  // the new card, selected by a click (on a busy machine the composer's own selection may not have landed)
  const card = fac.locator('[data-testid="card-shape"]', { hasText: 'Parking is hard on clinic days' })
  await expect(card).toBeVisible()
  await card.click()
  await fac.keyboard.press('Delete')
  await expect(card).toHaveCount(0)
  await fac.getByRole('button', { name: 'Trash and activity', exact: true }).click()
  await expect(fac.getByTestId('trash-view')).toContainText('Parking is hard')
  await snap(fac, 'facilitator', 'trash-and-activity')
}
