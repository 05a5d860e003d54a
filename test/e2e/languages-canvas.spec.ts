import { addCard, clickSession, expect, selectCard, selectNone, showView, test } from './fixtures'
import { catalogue, msg } from './catalogues'
import { openFacilitatorBoard } from './guestHelpers'

/**
 * Languages on the facilitator's canvas (issue 19): tldraw's own labels (its zoom menu, minimap,
 * help and context menus) follow the app's language as soon as it changes in Settings, with no reload.
 * tldraw has no Welsh: its Welsh labels are ours (`tldraw.*` in the catalogues).
 */
const en = catalogue('en')
const cy = catalogue('cy')

test.describe('languages on the canvas', () => {
  test('tldraw’s own labels follow a change of the app’s language at once, without a reload', async ({
    browser,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Tldraw words', templateId: 'service-journey-map' })
    const fac = await openFacilitatorBoard(browser, serve, 'Tldraw words')
    // tldraw's zoom menu and minimap button (tldraw has no Welsh: these are our words for its labels)
    const zoom = fac.getByTestId('minimap.zoom-menu-button')
    const minimap = fac.locator('.tlui-navigation-panel').getByRole('button', { name: /minimap|map bach/ })
    await expect(zoom).toHaveAttribute('title', new RegExp(`^${msg(en, 'tldraw.navigation-zone.zoom')} — `))
    await expect(minimap).toHaveAttribute('title', msg(en, 'tldraw.navigation-zone.toggle-minimap'))
    // a mark on the page: a reload would wipe it
    await fac.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true))
    await showView(fac, 'Settings')
    await fac.getByTestId('settings-language').getByRole('radio', { name: 'Cymraeg' }).check()
    await expect(fac.locator('html')).toHaveAttribute('lang', 'cy')
    await expect(zoom).toHaveAttribute('title', new RegExp(`^${msg(cy, 'tldraw.navigation-zone.zoom')} — `))
    await expect(minimap).toHaveAttribute('title', msg(cy, 'tldraw.navigation-zone.toggle-minimap'))
    expect(await fac.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true)
    // and back: the labels follow every change
    await fac.getByTestId('settings-language').getByRole('radio', { name: 'English', exact: true }).check()
    await expect(zoom).toHaveAttribute('title', new RegExp(`^${msg(en, 'tldraw.navigation-zone.zoom')} — `))
  })

  test('two tabs in two languages keep their own canvas labels (tldraw’s preferences are shared by the browser)', async ({
    browser,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Two tabs', templateId: 'service-journey-map' })
    const fac = await openFacilitatorBoard(browser, serve, 'Two tabs')
    const zoomTitle = (lang: Readonly<Record<string, string>>) =>
      new RegExp(`^${msg(lang, 'tldraw.navigation-zone.zoom')} — `)
    await expect(fac.getByTestId('minimap.zoom-menu-button')).toHaveAttribute('title', zoomTitle(en))
    // the same browser, a second tab in Welsh (`?lang=cy`), on the same board
    const welsh = await fac.context().newPage()
    const url = new URL(serve.url)
    url.searchParams.set('lang', 'cy')
    await welsh.goto(url.toString())
    await clickSession(welsh, 'Two tabs')
    await expect(welsh.getByTestId('minimap.zoom-menu-button')).toHaveAttribute('title', zoomTitle(cy))
    // the first tab's canvas is still in English
    await expect(fac.getByTestId('minimap.zoom-menu-button')).toHaveAttribute('title', zoomTitle(en))
    await welsh.close()
  })

  test('a card is announced in Welsh on a Welsh canvas: kind, author, role, its words, where it is', async ({
    page,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Gweithdy', templateId: 'service-journey-map' })
    const url = new URL(serve.url)
    url.searchParams.set('lang', 'cy')
    await page.goto(url.toString())
    await clickSession(page, 'Gweithdy')
    await addCard(page, 'idea', 'Bysiau gyda’r nos')
    await selectNone(page)
    await selectCard(page, 'Bysiau gyda’r nos')
    // tldraw's live region (its name is ours too): the card's description, then tldraw's own words
    const status = page.getByRole('status', { name: msg(cy, 'tldraw.a11y.status') })
    await expect(status).toHaveText(/^Cerdyn Syniad gan .+ \(Hwylusydd\): Bysiau gyda’r nos, Cerdyn\. 1 o 1$/)
  })
})
