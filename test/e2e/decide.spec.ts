import { closeRound, expect, showView, stored, test, type ServeHandle } from './fixtures'
import { openFacilitatorBoard, type Links } from './guestHelpers'
import { addPhoneCard, goTo, joinPhone, layoutProblems, phoneOf } from './phoneHelpers'

/**
 * Ways to decide (issue 17 item 4) through the UI: the facilitator opens an agree / disagree / pass
 * round and then a rank-your-top-2 round; two phones (one at 320×568) answer with large buttons and
 * move-up/down (by keyboard too); nothing is published before the close; results by role appear in
 * the Facilitation view and on the phones.
 */
async function sharedSession(serve: ServeHandle, title: string) {
  const { id } = await serve.call<{ id: string }>('sessions.create', {
    title,
    templateId: 'service-journey-map',
  })
  return serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
}

const CELL = { stage: 'Finding out', lane: 'What is hard' }

test('an agreement round and a rank round, answered on phones, results by role', async ({
  browser,
  serve,
}) => {
  test.setTimeout(180_000)
  const links = await sharedSession(serve, 'Deciding together')
  const fac = await openFacilitatorBoard(browser, serve, 'Deciding together')
  const a = (await phoneOf(browser, 320, 568)).page
  const b = (await phoneOf(browser, 390, 844)).page
  await joinPhone(a, links.participantUrl, { role: /^Person who uses the service/ })
  await joinPhone(b, links.participantUrl, { name: 'Dev', role: /^Front-line staff/ })
  await addPhoneCard(a, 'pain', 'Forms only online', CELL)
  await addPhoneCard(b, 'pain', 'Nobody rings back', CELL)

  // the facilitator opens an agree / disagree / pass round
  await showView(fac, 'Facilitation')
  const view = fac.getByTestId('facilitation-view')
  await view.getByRole('textbox', { name: 'Question' }).fill('Do we agree?')
  await view.getByTestId('round-method').selectOption('agreement')
  await expect(view.getByLabel('Dots per person')).toBeHidden()
  await view.getByRole('button', { name: 'Open the round' }).click()
  await expect(view.getByTestId('facil-open-round')).toContainText('Agree, disagree or pass on each card')

  // phone a (320 px): three large buttons per card; pressing again takes the answer back
  await goTo(a, 'vote')
  await expect(a.getByTestId('phone-vote')).toHaveAttribute('data-method', 'agreement')
  const forms = a.getByTestId('phone-vote-row').filter({ hasText: 'Forms only online' })
  const rings = a.getByTestId('phone-vote-row').filter({ hasText: 'Nobody rings back' })
  await forms.getByTestId('phone-agree').tap()
  await expect(forms.getByTestId('phone-agree')).toHaveAttribute('aria-pressed', 'true')
  await rings.getByTestId('phone-pass').tap()
  await rings.getByTestId('phone-pass').tap()
  await expect(rings.getByTestId('phone-pass')).toHaveAttribute('aria-pressed', 'false')
  await rings.getByTestId('phone-disagree').tap()
  await expect(a.getByTestId('phone-answered')).toHaveText('You have answered 2 of 2 cards.')
  expect(await layoutProblems(a, 'agreement 320')).toEqual([])
  // every answer's word fits its button on one line at 320 px ("Disagree" is never cut in two)
  const cut = await a
    .locator('.decide-btn')
    .evaluateAll(
      (els) =>
        els.filter((el) => el.scrollWidth > el.clientWidth || el.getBoundingClientRect().height > 80).length,
    )
  expect(cut).toBe(0)
  await goTo(b, 'vote')
  await b
    .getByTestId('phone-vote-row')
    .filter({ hasText: 'Forms only online' })
    .getByTestId('phone-agree')
    .tap()
  // private until the close: nothing in the shared document
  expect(Object.keys((await stored(fac)).ballots ?? {})).toEqual([])
  await closeRound(fac)
  await expect.poll(async () => Object.keys((await stored(fac)).ballots ?? {}).length).toBe(2)
  const results = view.getByTestId('facil-results')
  await expect(results.getByTestId('facil-result-row').first()).toContainText('Forms only online')
  await expect(results.getByTestId('facil-result-row').first()).toContainText('Agree 2 · Disagree 0 · Pass 0')
  await expect(results).toContainText('Service user 1')
  // the phone shows the results after the close
  await a.getByTestId('phone-go-results').click()
  await expect(a.getByTestId('phone-result').first()).toContainText('Agree 2 · Disagree 0 · Pass 0')
  await expect(a.getByTestId('phone-result').nth(1)).toContainText('Agree 0 · Disagree 1 · Pass 0')
  expect(await layoutProblems(a, 'results 320')).toEqual([])

  // a rank-your-top-2 round
  await view.getByRole('textbox', { name: 'Question' }).fill('What first?')
  await view.getByTestId('round-method').selectOption('rank')
  await view.getByTestId('round-topn').fill('2')
  await view.getByRole('button', { name: 'Open the round' }).click()
  await expect(view.getByTestId('facil-open-round')).toContainText('Rank your top 2 cards')
  await goTo(a, 'vote')
  await expect(a.getByTestId('phone-vote')).toHaveAttribute('data-method', 'rank')
  const pick = (p: typeof a, text: string) =>
    p.getByTestId('phone-vote-row').filter({ hasText: text }).getByTestId('phone-rank-pick').tap()
  await pick(a, 'Nobody rings back')
  await pick(a, 'Forms only online')
  const ranked = a.getByTestId('phone-ranked-row')
  await expect(ranked).toHaveText([/Nobody rings back/, /Forms only online/])
  // move up by keyboard: focus follows the card
  const up = ranked.filter({ hasText: 'Forms only online' }).getByTestId('phone-rank-up')
  await up.focus()
  await a.keyboard.press('Enter')
  await expect(ranked).toHaveText([/Forms only online/, /Nobody rings back/])
  await expect(a.getByTestId('phone-ranked')).toHaveText('You have ranked 2 of 2.')
  expect(await layoutProblems(a, 'rank 320')).toEqual([])
  await goTo(b, 'vote')
  await pick(b, 'Forms only online')
  expect(Object.keys((await stored(fac)).ballots ?? {})).toHaveLength(2) // still only the first round's
  await closeRound(fac)
  await expect.poll(async () => Object.keys((await stored(fac)).ballots ?? {}).length).toBe(4)
  // Borda over the top 2: first = 2 points, second = 1
  const first = results.getByTestId('facil-result-row').first()
  await expect(first).toContainText('Forms only online')
  await expect(first).toContainText('4 points · first for 2 · ranked by 2')
  await expect(results.getByTestId('facil-result-row').nth(1)).toContainText(
    '1 point · first for 0 · ranked by 1',
  )
  await a.getByTestId('phone-go-results').click()
  await expect(a.getByTestId('phone-result').first()).toContainText('4 points')
})
