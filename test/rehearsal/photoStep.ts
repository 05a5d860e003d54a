import { expect, type Page } from '@playwright/test'

/**
 * The rehearsal's photo card (issue 17 item 6): a guest on the participant screen takes a photo (the
 * app's 1,024 px icon, through the file input as a camera would hand it over), captions it and posts it.
 */
export async function guestPhoto(page: Page, caption: string): Promise<void> {
  await page.getByTestId('phone-go-add').click()
  await page.getByTestId('phone-photo-file').setInputFiles('build/icon.png')
  await page.getByTestId('phone-photo-caption').fill(caption)
  await page.getByTestId('phone-photo-post').click()
  await expect(page.getByTestId('phone-photo-status')).toContainText('Your photo is on the board')
  await page.getByTestId('phone-photo').scrollIntoViewIfNeeded()
}
