import type { Page } from '@playwright/test'
import {
  addActivities,
  addCard,
  afterSync,
  cards,
  expect,
  fitCards,
  hook,
  selectCard,
  showView,
  stored,
  storedCards,
  test,
  watchErrors,
} from './fixtures'
import { joinAsGuest, openFacilitatorBoard, phoneContext, seriousViolations } from './guestHelpers'

/**
 * A facilitator runs an agenda from the app while a guest on a phone follows: a timed activity that
 * ends on its own (cue + checkpoint), a content note, a pass, private writing and the reveal,
 * spotlight, follow, a lock and the shared voice balance.
 */
const AGENDA = [
  { title: 'Warm up', minutes: 1, instructions: 'Say hello.' },
  {
    title: 'Money worries',
    minutes: 5,
    instructions: 'Write what worries you. Only you can see your cards until the reveal.',
    private: true,
    contentNote: 'This activity talks about debt and money worries.',
  },
]

interface CardView {
  id: string
  text: string
  author: string
  authorId: string
  meta: Record<string, unknown>
}
const shapes = async (p: Page): Promise<CardView[]> =>
  (await cards(p)).map((c) => ({
    id: c.id,
    text: c.text,
    author: String(c.props.authorName),
    authorId: String(c.props.authorId),
    meta: c.meta,
  }))
const docCardTexts = async (p: Page): Promise<string[]> =>
  (await storedCards(p)).map((r) => r.props.text as string)

test('a facilitator runs an agenda and a guest follows', async ({ browser, serve }) => {
  const session = await serve.call<{ id: string }>('sessions.create', { title: 'Full run' })
  const fac = await openFacilitatorBoard(browser, serve, 'Full run')
  const errors = watchErrors(fac)
  await addActivities(fac, AGENDA)
  const links = await serve.call<{ participantUrl: string }>('share.start', {
    sessionId: session.id,
    address: '127.0.0.1',
  })
  const guest = await (await phoneContext(browser)).newPage()
  await joinAsGuest(guest, links.participantUrl, { role: 'Person who uses the service' })
  errors.push(...watchErrors(guest))

  // the guest is registered in the participant map, anonymously
  await expect
    .poll(async () =>
      Object.values((await stored(fac)).participants ?? {}).map(
        (p: any) => `${p.coproRole}/${p.sessionRole}/${p.name}`,
      ),
    )
    .toContain('service-user/participant/')

  // 1. a timed activity: starts, ends by itself for everyone, and a checkpoint is taken
  await showView(fac, 'Facilitation')
  const view = fac.getByTestId('facilitation-view')
  await view.getByRole('button', { name: 'Start' }).click()
  const gBanner = guest.getByTestId('facil-banner')
  await expect(gBanner).toContainText('Warm up')
  await expect(gBanner).toContainText('Say hello.')
  // the minute passes (all but two seconds of it at once)
  await hook(fac, (h) => h.elapseTimer(58_000))
  await expect(gBanner.getByRole('alert')).toContainText('Time is up', { timeout: 10_000 })
  await expect(guest.getByTestId('facil-remaining')).toHaveAttribute('data-status', 'done')
  await expect
    .poll(async () =>
      (await serve.call<{ reason: string; name: string }[]>('checkpoints.list', { id: session.id })).map(
        (c) => `${c.reason}: ${c.name}`,
      ),
    )
    .toContain('activity-end: End of Warm up')

  // 2. next: a content note first, for everyone; the guest passes without a word
  await view.getByRole('button', { name: 'Next' }).click()
  const note = guest.getByRole('dialog', { name: /Before “Money worries”/ })
  await expect(note).toContainText('debt and money worries')
  await note.getByRole('button', { name: 'Continue' }).click()
  await expect(note).toBeHidden()
  await fac
    .getByRole('dialog', { name: /Before “Money worries”/ })
    .getByRole('button', { name: 'Continue' })
    .click()
  await guest.getByTestId('facil-banner').getByRole('button', { name: 'Pass' }).click()
  await expect(view).toContainText('1 passed')
  await view.getByRole('button', { name: 'Start' }).click()

  // 3. private writing: each person's cards stay on their own device
  await guest.getByTestId('guest-kind-pain').click()
  await guest.getByTestId('guest-card-text').fill('Bailiffs at the door')
  await guest.getByTestId('guest-card-post').click()
  await addCard(fac, 'idea', 'Facilitator private note')
  await expect.poll(async () => (await shapes(guest)).map((s) => s.text)).toContain('Bailiffs at the door')
  // whatever the guest's board sent has reached the facilitator's
  await afterSync(guest, fac)
  expect((await shapes(fac)).map((s) => s.text)).not.toContain('Bailiffs at the door')
  expect(await docCardTexts(fac)).not.toContain('Bailiffs at the door')
  expect(await docCardTexts(guest)).not.toContain('Bailiffs at the door')
  expect(await docCardTexts(guest)).not.toContain('Facilitator private note')
  const guestCard = (await shapes(guest)).find((s) => s.text === 'Bailiffs at the door')!
  const worries = (await stored(fac)).workshop.agenda.activities.find((a: any) => a.title === 'Money worries')
  // a participant's shapes carry their author in meta too (ownership.ts: what the relay lets them change)
  const facCard = (await shapes(fac)).find((s) => s.text === 'Facilitator private note')!
  expect(guestCard.authorId).not.toBe('')
  expect(guestCard.authorId).not.toBe(facCard.authorId)
  expect(guestCard.meta).toEqual({ private: true, activityId: worries.id, authorId: guestCard.authorId })

  // reveal: everyone's private cards arrive at once, the anonymous guest's without a name
  await view.getByTestId('facil-reveal').click()
  await expect.poll(async () => (await shapes(fac)).map((s) => s.text)).toContain('Bailiffs at the door')
  await expect
    .poll(async () => (await shapes(guest)).map((s) => s.text))
    .toContain('Facilitator private note')
  expect((await shapes(fac)).find((s) => s.text === 'Bailiffs at the door')!.author).toBe('')
  expect(await docCardTexts(fac)).toContain('Bailiffs at the door')
  // cards written privately on two devices do not cover each other once revealed
  await expect
    .poll(async () => {
      const all = await cards(fac)
      return all.flatMap((a, i) =>
        all
          .slice(i + 1)
          .filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
          .map((b) => `${a.text} / ${b.text}`),
      )
    })
    .toEqual([])

  // 4. spotlight and follow
  await view.getByRole('button', { name: 'Spotlight', exact: true }).click()
  await expect(guest.getByTestId('facil-spotlight')).toBeVisible()
  await expect(fac.getByTestId('facil-spotlight')).toBeVisible()
  // the dimming leaves tldraw's watermark (bottom-right) uncovered and clickable
  const wm = (await fac.locator('.tl-watermark_SEE-LICENSE').boundingBox())!
  expect(
    await fac.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('.tl-watermark_SEE-LICENSE') !== null,
      [wm.x + wm.width / 2, wm.y + wm.height / 2],
    ),
  ).toBe(true)
  await view.getByRole('button', { name: 'Clear spotlight' }).click()
  await expect(guest.getByTestId('facil-spotlight')).toBeHidden()
  await view.getByRole('button', { name: 'Everyone follow me' }).click()
  const following = () => hook(guest, (h) => h.following())
  await expect.poll(following).not.toBeNull()
  await guest.keyboard.press('Escape')
  await expect.poll(following).toBeNull()
  await expect(guest.getByRole('button', { name: 'Follow the facilitator' })).toBeVisible()

  // 5. a facilitator-only lock: the guest's edits to the card are refused
  await fitCards(fac)
  await selectCard(fac, 'Bailiffs at the door')
  await view.getByRole('button', { name: 'Lock selected cards', exact: true }).click()
  const lockedOnGuest = async () => (await cards(guest)).find((c) => c.id === guestCard.id)!.locked
  await expect.poll(lockedOnGuest).toBe(true)
  // the guest tries to edit it on the canvas: the text stays
  await fitCards(guest)
  await guest.getByTestId('card-shape').filter({ hasText: 'Bailiffs at the door' }).dblclick()
  await guest.keyboard.type('changed')
  await guest.keyboard.press('Escape')
  await expect.poll(() => hook(guest, (h) => h.editing())).toBeNull()
  expect((await shapes(guest)).find((s) => s.id === guestCard.id)!.text).toBe('Bailiffs at the door')

  // 6. voice balance, shared with everyone
  const balance = view.getByTestId('facil-balance')
  await expect(balance.getByRole('row', { name: /Service user 1 1/ })).toBeVisible()
  await balance.getByLabel('Share with everyone').check()
  await guest.getByRole('button', { name: 'Voice balance' }).click()
  await expect(
    guest.getByTestId('facil-shared-balance').getByRole('row', { name: /Service user/ }),
  ).toBeVisible()

  expect(await seriousViolations(fac, 'facilitator', ['.tl-container'])).toEqual([])
  expect(await seriousViolations(guest, 'guest', ['.tl-container'])).toEqual([])
  expect(errors).toEqual([])
})
