import { expect, showView, test, type ServeHandle } from './fixtures'
import { openFacilitatorBoard, type Links } from './guestHelpers'
import { addPhoneCard, goTo, joinPhone, layoutProblems, phoneOf } from './phoneHelpers'

/**
 * Comments and "me too" (issue 17 item 3) through the UI: two phones (one at 320×568) comment on a
 * card, reply and say "me too"; the facilitator sees the counts in the outline, opens the thread in
 * the Comments view, hides a comment (it goes to the trash with who and when) and restores it.
 */
async function sharedSession(serve: ServeHandle, title: string) {
  const { id } = await serve.call<{ id: string }>('sessions.create', {
    title,
    templateId: 'service-journey-map',
  })
  const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
  return { id, links }
}

test('phones comment and say "me too"; the facilitator sees it in the outline, hides and restores a comment', async ({
  browser,
  serve,
}) => {
  test.setTimeout(150_000)
  const { links } = await sharedSession(serve, 'Talking it over')
  const fac = await openFacilitatorBoard(browser, serve, 'Talking it over')
  const a = (await phoneOf(browser, 320, 568)).page
  const b = (await phoneOf(browser, 390, 844)).page
  await joinPhone(a, links.participantUrl, { role: /^Person who uses the service/ })
  await joinPhone(b, links.participantUrl, { name: 'Amira', consent: true, role: /^Carer or family member/ })

  await addPhoneCard(a, 'pain', 'Nobody rings back', { stage: 'Finding out', lane: 'What is hard' })

  // Amira (named, with consent) says "me too" and comments
  await goTo(b, 'board')
  const cardB = b.getByTestId('phone-card').filter({ hasText: 'Nobody rings back' })
  await cardB.getByTestId('phone-card-comments').click()
  const threadB = b.getByTestId('comment-thread')
  await threadB.getByTestId('me-too').click()
  await expect(threadB.getByTestId('me-too')).toHaveAttribute('aria-pressed', 'true')
  await expect(threadB.getByTestId('me-too-split')).toHaveText('1 person said “me too”: Carer/family 1')
  await threadB.getByTestId('comment-input').fill('Same for us, three weeks')
  await threadB.getByTestId('comment-send').click()
  await expect(b.getByTestId('phone-comments-status')).toHaveText('Comment sent.')
  await expect(threadB.getByTestId('comment')).toHaveCount(1)

  // the anonymous phone at 320 px: sees Amira's name (she agreed), says "me too", replies
  await goTo(a, 'board')
  const cardA = a.getByTestId('phone-card').filter({ hasText: 'Nobody rings back' })
  await expect(cardA.getByTestId('phone-card-comments')).toContainText('1 comment, 1 me too')
  await cardA.getByTestId('phone-card-comments').click()
  const threadA = a.getByTestId('comment-thread')
  await expect(threadA.getByTestId('comment')).toContainText('Amira (Carer/family)')
  await threadA.getByTestId('me-too').click()
  await expect(threadA.getByTestId('me-too-split')).toHaveText(
    '2 people said “me too”: Service user 1, Carer/family 1',
  )
  await threadA.getByRole('button', { name: /^Reply/ }).click()
  await threadA.getByLabel('Reply to Amira (Carer/family)').fill('We gave up ringing')
  await threadA.getByRole('button', { name: 'Send reply' }).click()
  await expect(threadA.locator('.cmt-replies [data-testid="comment"]')).toContainText('We gave up ringing')
  expect(await layoutProblems(a, 'phone comments at 320×568')).toEqual([])
  // Amira sees the reply; the anonymous person is shown by role only
  await expect(threadB.locator('.cmt-replies [data-testid="comment"]')).toContainText('Service user')
  await expect(threadB.locator('.cmt-replies [data-testid="comment"]')).toContainText('We gave up ringing')

  // the facilitator: the outline shows the counts; its Comments button opens the thread
  await fac.keyboard.press('Control+Alt+O')
  const outline = fac.getByTestId('outline')
  const item = outline.locator('.outline-card').filter({ hasText: 'Nobody rings back' })
  const open = item.getByRole('button', { name: /^Comments \(2 comments, 2 me too\)/ })
  await expect(open).toBeVisible()
  await open.focus()
  await fac.keyboard.press('Enter')
  const view = fac.getByTestId('comments-view')
  await expect(view).toBeVisible()
  await expect(view.getByTestId('comments-card')).toContainText('Nobody rings back')
  await expect(view.getByTestId('comments-card')).toBeFocused()
  await expect(view.getByTestId('comment')).toHaveCount(2)

  // hide Amira's comment: gone everywhere, in the trash with who and when
  await view.getByRole('button', { name: 'Hide the comment by Amira (Carer/family)' }).click()
  await expect(view.getByTestId('comment')).toHaveCount(1)
  await expect(threadB.getByText('Same for us, three weeks')).toHaveCount(0)
  await showView(fac, 'Trash and activity')
  const trash = fac.getByRole('list', { name: 'Deleted from the board' })
  await expect(trash).toContainText('Comment: Same for us, three weeks')
  await expect(trash).toContainText(/Deleted by Facilitator at/)
  await expect(fac.getByTestId('activity-log')).toContainText(/hid the comment “Same for us/)
  await trash.getByRole('button', { name: /^Restore/ }).click()
  await expect(threadB.getByText('Same for us, three weeks')).toBeVisible()
  await expect(threadA.getByTestId('comment')).toHaveCount(2)

  // wall mode (F5 on the board's tab): the card's "me too" count stays, in large type; comments do not
  await fac.getByRole('tab', { name: /^Talking it over/ }).click()
  await fac.getByTestId('status-connection').click()
  await fac.keyboard.press('F5')
  await expect(fac.getByTestId('wall')).toBeVisible()
  const badge = fac.getByTestId('me-too-badge')
  await expect(badge).toBeVisible()
  await expect(badge).toHaveText('2')
  expect(await badge.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20)
  await expect(fac.locator('.cmt-canvas__comments')).toBeHidden()
})
