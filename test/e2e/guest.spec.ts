import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { attributeCard } from '../../src/core/common/structure/attribution'
import type { BoardStructure } from '../../src/shared/model/structure'
import {
  addCard,
  cards,
  closeRound,
  expect,
  hook,
  openRound,
  showView,
  stored,
  test,
  watchErrors,
} from './fixtures'
import {
  DEAD_LINK,
  cardTexts,
  joinAsGuest,
  openFacilitatorBoard,
  phoneContext,
  seriousViolations,
  type Links,
} from './guestHelpers'

/**
 * Guests join from a share link in a second browser context with a phone viewport, through the real
 * `copro serve`. Sharing uses a second loopback address (127.0.0.2): a separate guest-only listener,
 * like a LAN address, without leaving this machine.
 */

test.describe('guests from a join link', () => {
  test('a guest on a phone joins and posts a card that the facilitator sees', async ({ browser, serve }) => {
    const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Phone guest' })
    const facilitator = await openFacilitatorBoard(browser, serve, 'Phone guest')
    const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
    expect(new URL(links.participantUrl).hostname).toBe('127.0.0.2')

    const phone = await phoneContext(browser)
    const guest = await phone.newPage()
    const errors = watchErrors(guest)
    await guest.goto(links.participantUrl)
    await expect(guest.getByTestId('guest-session-title')).toHaveText('Phone guest')
    // the token leaves the address bar (a shared screen must not show it)
    expect(guest.url()).not.toContain('token=')
    expect(new URL(guest.url()).searchParams.get('join')).toBe(id)
    expect(await seriousViolations(guest, 'join screen')).toEqual([])

    // a name shown in the report needs a name, and joining needs a role; the problem is said in words
    await guest.getByTestId('guest-consent-yes').check()
    await guest.getByTestId('guest-join-button').tap()
    await expect(guest.getByRole('alert')).toContainText('Type your name')
    await guest.getByLabel(/^Your name/).fill('Amira')
    await guest.getByTestId('guest-join-button').tap()
    await expect(guest.getByRole('alert')).toContainText('Choose the description')
    await guest.getByRole('radio', { name: /Carer or family member/ }).check()
    await guest.getByRole('radio', { name: 'Big', exact: true }).check()
    await expect(guest.locator('html')).toHaveAttribute('data-a11y-scale', '150')
    // remembered on this device
    expect(
      await guest.evaluate(() => JSON.parse(localStorage.getItem('copro.a11y.preferences')!).textScale),
    ).toBe(150)
    await guest.getByTestId('guest-join-button').tap()

    await expect(guest.getByTestId('guest-board')).toHaveAttribute('data-role', 'participant')
    await guest.waitForFunction(() => !!window.__coproTest)
    await expect(guest.getByTestId('guest-connection')).toHaveAttribute('data-connection', 'connected')
    // phone layout: the canvas spans the screen's width, the four big buttons sit below it
    const viewport = guest.viewportSize()!
    const canvas = (await guest.locator('.guest-canvas').boundingBox())!
    const composer = (await guest.getByTestId('guest-composer').boundingBox())!
    expect(canvas.width).toBe(viewport.width)
    expect(canvas.height).toBeGreaterThan(viewport.height / 3)
    expect(composer.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1)
    for (const kind of ['pain', 'contribution', 'idea', 'question']) {
      const b = (await guest.getByTestId(`guest-kind-${kind}`).boundingBox())!
      expect(b.height).toBeGreaterThanOrEqual(48)
    }
    await expect(guest.getByTestId('guest-kind-pain')).toHaveText(/Something that's hard/)
    await expect(guest.getByTestId('guest-kind-contribution')).toHaveText(/Something I can offer/)
    expect(await seriousViolations(guest, 'phone layout')).toEqual([])

    await guest.getByTestId('guest-kind-pain').tap()
    await guest.getByTestId('guest-card-text').fill('The bus stops before the clinic opens')
    await guest.getByTestId('guest-card-post').tap()
    await expect(guest.getByTestId('guest-composer-status')).toContainText('is on the board')
    await expect(guest.getByTestId('guest-kind-pain')).toBeFocused()

    const onFacilitator = facilitator.getByTestId('card-shape').filter({ hasText: 'The bus stops before' })
    await expect(onFacilitator).toBeVisible()
    await expect(onFacilitator).toHaveAttribute('data-kind', 'pain')
    const bus = (await cards(facilitator)).find((c) => c.text.startsWith('The bus'))!
    const props = { role: bus.props.authorRole, name: bus.props.authorName }
    expect(props).toEqual({ role: 'carer-family', name: 'Amira' })
    await expect
      .poll(async () => (await serve.call<{ guests: number }>('share.status', { sessionId: id })).guests)
      .toBe(1)

    // the app API refuses the guest's token, even on the main listener
    const token = new URL(links.participantUrl).searchParams.get('token')!
    const api = await fetch(`${serve.baseUrl}/api/call/sessions.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    })
    expect(api.status).toBe(401)
    expect(errors).toEqual([])
    await serve.call('share.stop', { sessionId: id })
    await phone.close()
    await facilitator.context().close()
  })

  test("the guest's card goes into the current activity's target cell", async ({ browser, serve }) => {
    const { id } = await serve.call<{ id: string }>('sessions.create', {
      title: 'Target cell',
      templateId: 'service-journey-map',
    })
    const facilitator = await openFacilitatorBoard(browser, serve, 'Target cell')
    // the facilitator moves to "Walk through the journey", whose target is the lane "what-happens"
    const agenda = (await stored(facilitator)).workshop.agenda
    const target = agenda.activities.find((a: any) => a.targetId === 'what-happens').title as string
    expect(target).toBe('Walk through the journey')
    await showView(facilitator, 'Facilitation')
    await facilitator.getByRole('button', { name: `Go to ${target}` }).click()
    await expect(facilitator.getByTestId('facil-banner')).toContainText(target)
    const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })

    const phone = await phoneContext(browser)
    const guest = await phone.newPage()
    await joinAsGuest(guest, links.participantUrl, { role: 'Person who uses the service' })
    await guest.getByTestId('guest-kind-pain').tap()
    await expect(guest.getByTestId('guest-composer')).toContainText('What happens')
    await guest.getByTestId('guest-card-text').fill('Nobody tells me who to call')
    await guest.getByTestId('guest-card-post').tap()

    await expect(facilitator.getByTestId('card-shape').filter({ hasText: 'Nobody tells me' })).toBeVisible()
    const card = (await cards(facilitator)).find((c) => c.text.startsWith('Nobody'))!
    const structure = (await stored(facilitator)).workshop.structure
    const bounds = { x: card.x, y: card.y, w: card.w, h: card.h }
    const name = card.props.authorName
    expect(name).toBe('')
    const cell = attributeCard(structure as BoardStructure, bounds)
    expect(cell).toMatchObject({ type: 'cell', laneId: 'what-happens' })
    await serve.call('share.stop', { sessionId: id })
    await phone.close()
    await facilitator.context().close()
  })

  test('an observer watches the board but cannot write to it', async ({ browser, serve }) => {
    const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Observer' })
    const facilitator = await openFacilitatorBoard(browser, serve, 'Observer')
    await addCard(facilitator, 'idea', 'Visible to observers')
    const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })

    const phone = await phoneContext(browser)
    const observer = await phone.newPage()
    await observer.goto(links.observerUrl)
    await expect(observer.getByTestId('guest-join')).toContainText('You are joining to watch')
    await joinAsGuest(observer, links.observerUrl, { role: 'Front-line staff' })
    await expect(observer.getByTestId('guest-board')).toHaveAttribute('data-role', 'observer')
    await expect(observer.getByTestId('card-shape').filter({ hasText: 'Visible to observers' })).toBeVisible()
    // no composer, and the canvas is read-only (the `c` key opens nothing)
    await expect(observer.getByTestId('guest-composer')).toHaveCount(0)
    expect(await hook(observer, (h) => h.readOnly())).toBe(true)
    await observer.locator('.tl-container').click({ position: { x: 100, y: 100 } })
    await observer.keyboard.press('c')
    await expect(observer.getByTestId('card-composer')).toHaveCount(0)
    expect(await seriousViolations(observer, 'observer phone layout')).toEqual([])

    // Bypassing the UI: a stock Yjs client with the observer's link writes to the board over the same
    // sync API the app uses. The write never reaches the facilitator. The client's presence goes
    // through the same socket after it, so once the facilitator sees that presence, the relay has
    // already handled (and dropped) the write.
    const observerToken = new URL(links.observerUrl).searchParams.get('token')!
    const probeDoc = new Y.Doc()
    const probe = new WebsocketProvider(`ws://${new URL(links.observerUrl).host}/sync`, id, probeDoc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: observerToken },
    })
    try {
      await new Promise<void>((resolve) => probe.once('sync', () => resolve()))
      // a hostile client's own document, written over the sync API (not the app's document)
      // eslint-disable-next-line no-restricted-syntax
      probeDoc.getText('observerProbe').insert(0, 'written by an observer')
      probe.awareness.setLocalStateField('presence', {
        user: {
          id: 'observer-probe',
          name: 'Probe',
          coproRole: 'frontline-staff',
          sessionRole: 'observer',
          colour: '#123456',
        },
        cursor: { x: 1, y: 2 },
        viewport: null,
        following: null,
      })
      await expect
        .poll(() => hook(facilitator, (h) => h.peers().some((p) => p.id === 'observer-probe')))
        .toBe(true)
    } finally {
      probe.destroy()
      probeDoc.destroy()
    }
    expect(Object.keys(await stored(facilitator))).not.toContain('observerProbe')
    expect(await cardTexts(facilitator)).toEqual(['Visible to observers'])
    await serve.call('share.stop', { sessionId: id })
    await phone.close()
    await facilitator.context().close()
  })

  test('a wrong token, or a link for another session, shows "this link no longer works"', async ({
    browser,
    serve,
  }) => {
    const a = await serve.call<{ id: string }>('sessions.create', { title: 'Session A' })
    const b = await serve.call<{ id: string }>('sessions.create', { title: 'Session B' })
    const links = await serve.call<Links>('share.start', { sessionId: a.id, address: '127.0.0.2' })
    const origin = new URL(links.participantUrl).origin
    const token = new URL(links.participantUrl).searchParams.get('token')!

    const phone = await phoneContext(browser)
    const guest = await phone.newPage()
    await guest.goto(`${origin}/?join=${a.id}&token=not-a-real-token-at-all`)
    await expect(guest.getByTestId('guest-dead-link')).toContainText(DEAD_LINK)
    expect(await seriousViolations(guest, 'dead link')).toEqual([])
    // A's token with B's id: the join screen never shows B
    await guest.goto(`${origin}/?join=${b.id}&token=${token}`)
    await expect(guest.getByTestId('guest-dead-link')).toContainText(DEAD_LINK)
    await expect(guest.getByText('Session B')).toHaveCount(0)
    // a join link never opens the workbench, even on the facilitator's own address
    await guest.goto(`${serve.baseUrl}/?join=${a.id}&token=${serve.token}`)
    await expect(guest.getByTestId('guest-dead-link')).toContainText(DEAD_LINK)
    await expect(guest.getByTestId('workbench')).toHaveCount(0)
    await serve.call('share.stop', { sessionId: a.id })
    await phone.close()
  })

  test('stopping sharing sends a connected guest to "this link no longer works"', async ({
    browser,
    serve,
  }) => {
    const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Stop sharing' })
    const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
    const phone = await phoneContext(browser)
    const guest = await phone.newPage()
    await joinAsGuest(guest, links.participantUrl)
    await serve.call('share.stop', { sessionId: id })
    await expect(guest.getByTestId('guest-dead-link')).toContainText(DEAD_LINK)
    await expect(guest.getByTestId('guest-board')).toHaveCount(0)
    // sharing again mints new links; the old one stays dead
    const again = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
    expect(again.participantUrl).not.toBe(links.participantUrl)
    await guest.goto(links.participantUrl)
    await expect(guest.getByTestId('guest-dead-link')).toContainText(DEAD_LINK)
    await serve.call('share.stop', { sessionId: id })
    await phone.close()
  })

  test('on a laptop-sized screen a guest gets the full board with the composer beside it', async ({
    browser,
    serve,
  }) => {
    const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Laptop guest' })
    const facilitator = await openFacilitatorBoard(browser, serve, 'Laptop guest')
    const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const guest = await laptop.newPage()
    await joinAsGuest(guest, links.participantUrl, { role: 'Community member or volunteer' })
    const canvas = (await guest.locator('.guest-canvas').boundingBox())!
    const composer = (await guest.getByTestId('guest-composer').boundingBox())!
    expect(composer.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1)
    expect(canvas.height).toBeGreaterThan(0.8 * 800)
    expect(canvas.width).toBeGreaterThan(0.6 * 1280)
    // the full tldraw UI is there (tools), as on the facilitator's screen
    await expect(guest.locator('.tlui-toolbar')).toBeVisible()
    await guest.getByTestId('guest-kind-idea').click()
    await guest.getByTestId('guest-card-text').fill('A buddy for the first visit')
    await guest.keyboard.press('Tab')
    await guest.keyboard.press('Tab')
    await expect(guest.getByTestId('guest-card-post')).toBeFocused()
    await guest.keyboard.press('Enter')
    const card = facilitator.getByTestId('card-shape').filter({ hasText: 'A buddy for the first visit' })
    await expect(card).toBeVisible()
    await expect(card).toHaveAttribute('data-kind', 'idea')
    await serve.call('share.stop', { sessionId: id })
    await laptop.close()
    await facilitator.context().close()
  })

  test('a guest on a phone votes by tapping; the ballot reaches the facilitator when the round closes', async ({
    browser,
    serve,
  }) => {
    const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Phone vote' })
    const facilitator = await openFacilitatorBoard(browser, serve, 'Phone vote')
    const cardId = await addCard(facilitator, 'idea', 'Evening opening')
    const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
    const phone = await phoneContext(browser)
    const guest = await phone.newPage()
    await joinAsGuest(guest, links.participantUrl, { name: 'Jo', role: 'Person who uses the service' })
    await expect(guest.getByTestId('card-shape').filter({ hasText: 'Evening opening' })).toBeVisible()

    await openRound(facilitator, { question: 'What matters most', dots: 2 })
    const dot = guest.getByRole('button', { name: /Add a dot \(0 on this card, 2 left\)/ })
    await expect(dot).toBeVisible()
    const size = (await dot.boundingBox())!
    expect(size.width).toBeGreaterThanOrEqual(44)
    expect(size.height).toBeGreaterThanOrEqual(44)
    await dot.tap()
    await expect(guest.getByRole('button', { name: /Add a dot \(1 on this card, 1 left\)/ })).toBeVisible()

    await closeRound(facilitator)
    const guestId = await guest.evaluate(() => JSON.parse(localStorage.getItem('copro.guest.profile')!).id)
    const roundId = Object.keys((await stored(facilitator)).voting)[0]!
    await expect
      .poll(async () => (await stored(facilitator)).ballots?.[`${roundId}/${guestId}`] ?? null)
      .toMatchObject({ roundId, cardIds: [cardId], coproRole: 'service-user' })
    await serve.call('share.stop', { sessionId: id })
    await phone.close()
    await facilitator.context().close()
  })
})
