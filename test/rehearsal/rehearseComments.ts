import { expect, type Page } from '@playwright/test'

/**
 * The rehearsal's comments step (issue 17 item 3): the named guest says "me too" on a card and
 * comments; the anonymous guest at 320 px reads the thread; the facilitator opens it in the Comments view.
 */
export async function rehearseComments(
  p: { fac: Page; named: Page; anon: Page },
  snap: (page: Page, who: string, step: string) => Promise<void>,
): Promise<void> {
  const { fac, named, anon } = p
  await named.getByTestId('phone-go-board').click()
  await named.getByTestId('phone-card-comments').first().click()
  const thread = named.getByTestId('comment-thread')
  await thread.getByTestId('me-too').click()
  await thread.getByTestId('comment-input').fill('Same here: the letters come after the appointment')
  await thread.getByTestId('comment-send').click()
  await expect(thread.getByTestId('comment')).toHaveCount(1)
  await snap(named, 'guest390-named', 'comments')
  await anon.getByTestId('phone-go-board').click()
  await anon.getByTestId('phone-card-comments').first().click()
  await expect(anon.getByTestId('comment-thread').getByTestId('comment')).toHaveCount(1)
  await snap(anon, 'guest320-anonymous', 'comments')
  await fac.getByRole('button', { name: 'Comments', exact: true }).click()
  const view = fac.getByTestId('comments-view')
  await view.locator('.comments-cards button').first().click()
  await expect(view.getByTestId('comment')).toHaveCount(1)
  await snap(fac, 'facilitator', 'comments')
}
