import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { cardTexts, clickSession, expect, showView, stored, test, type ServeHandle } from './fixtures'
import { catalogue, msg } from './catalogues'
import { openFacilitatorBoard, type Links } from './guestHelpers'
import { goTo, phoneOf } from './phoneHelpers'

/**
 * Languages on the guest's screens (issue 19): a Welsh-speaking guest joins on a small phone, reads
 * every word in Welsh and adds a card; Arabic mirrors the phone screen while card text keeps its own
 * direction; the pseudo-locale finds no untranslated or clipped text; axe checks lang.
 */
const JOURNEY = 'service-journey-map'
const en = catalogue('en')
const cy = catalogue('cy')
const ar = catalogue('ar')

async function sharedSession(serve: ServeHandle, title: string) {
  const { id } = await serve.call<{ id: string }>('sessions.create', { title, templateId: JOURNEY })
  const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
  return { id, links }
}

/** The visible text of the page, one entry per text node, with whether it is people's own words. */
function visibleTexts(page: Page) {
  return page.evaluate(() => {
    const out: Array<{ text: string; own: boolean }> = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? ''
      const el = n.parentElement
      if (!text || !el) continue
      if (el.closest('.visually-hidden, script, style, [hidden]')) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      // people's words (cards, names, titles, the facilitator's template) carry dir="auto" or sit in <bdi>/<option>
      const own = el.closest('[dir="auto"], bdi, option, [lang]:not(html)') !== null
      out.push({ text, own })
    }
    return out
  })
}

/** Messages that differ between English and `other` and have no arguments: seeing one means untranslated. */
function englishOnly(other: Readonly<Record<string, string>>): string[] {
  return Object.entries(en)
    .filter(([k, v]) => !v.includes('{') && other[k] !== undefined && other[k] !== v && v.length > 3)
    .map(([, v]) => v)
}

async function joinIn(page: Page, url: string, code: 'cy' | 'ar', role: string) {
  await page.goto(url)
  await expect(page.getByTestId('guest-join')).toBeVisible()
  await page.getByTestId(`language-${code}`).check()
  await expect(page.locator('html')).toHaveAttribute('lang', code)
  await page.getByRole('radio', { name: new RegExp(`^${role}`) }).check()
  await page.getByTestId('guest-join-button').click()
  await expect(page.getByTestId('phone-screen')).toBeVisible()
  await expect(page.getByTestId('phone-connection')).toHaveAttribute('data-link', 'online')
}

async function langViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page })
    .withRules(['html-has-lang', 'html-lang-valid', 'valid-lang'])
    .analyze()
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test.describe('languages on the guest’s screens', () => {
  test('a Welsh-speaking guest joins on a 320×568 phone, reads Welsh everywhere and adds a card', async ({
    browser,
    serve,
  }) => {
    test.setTimeout(120_000)
    const { links } = await sharedSession(serve, 'Gweithdy tai')
    const fac = await openFacilitatorBoard(browser, serve, 'Gweithdy tai')
    const { page } = await phoneOf(browser, 320, 568)
    await page.goto(links.participantUrl)
    // the language is offered first, the browser's (English) preselected, each named in itself
    const picker = page.getByTestId('language-picker')
    await expect(picker).toBeVisible()
    await expect(page.getByTestId('language-en')).toBeChecked()
    await expect(picker).toContainText('Cymraeg')
    await expect(picker).toContainText('العربية')
    await page.getByTestId('language-cy').check()
    await expect(page.locator('html')).toHaveAttribute('lang', 'cy')
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr')

    const join = page.getByTestId('guest-join')
    await expect(join).toContainText(msg(cy, 'join.lead.participant'))
    await expect(join).toContainText(msg(cy, 'consent.question'))
    await expect(join).toContainText(msg(cy, 'join.roles.question'))
    await expect(page.getByTestId('guest-join-button')).toHaveText('Ymuno')
    const untranslated = englishOnly(cy)
    const onJoin = (await visibleTexts(page)).filter((t) => !t.own && untranslated.includes(t.text))
    expect(onJoin).toEqual([])

    await page.getByRole('radio', { name: /^Rhywun sy’n defnyddio’r gwasanaeth/ }).check()
    await page.getByTestId('guest-join-button').click()
    await expect(page.getByTestId('phone-screen')).toBeVisible()
    await expect(page.getByTestId('phone-connection')).toHaveAttribute('data-link', 'online')
    await expect(page.getByTestId('phone-go-now')).toHaveText(/Nawr/)
    await expect(page.getByTestId('phone-go-add')).toHaveText(/Ychwanegu/)
    await expect(page.getByTestId('phone-go-menu')).toHaveText(/Dewislen/)
    await expect(page.getByTestId('phone-no-activity')).toContainText(msg(cy, 'phone.now.nothing'))

    await goTo(page, 'add')
    await expect(page.getByTestId('phone-add')).toContainText(msg(cy, 'phone.add.kind'))
    await page.getByTestId('phone-kind-pain').check()
    await page.getByTestId('phone-card-text').fill('Dw i byth yn gwybod pwy i’w ffonio')
    await page.getByTestId('phone-card-post').click()
    await expect(page.getByTestId('phone-add-status')).toContainText('Mae eich cerdyn ar y bwrdd')
    await expect.poll(() => cardTexts(fac)).toContain('Dw i byth yn gwybod pwy i’w ffonio')

    for (const place of ['now', 'add', 'board', 'menu'] as const) {
      await goTo(page, place)
      const seen = (await visibleTexts(page)).filter((t) => !t.own && untranslated.includes(t.text))
      expect(seen, place).toEqual([])
    }
    await goTo(page, 'board')
    await expect(page.getByTestId('phone-board')).toContainText(
      '1 cerdyn ar y bwrdd, 1 ohonyn nhw’n rhai chi.',
    )
    // the comments under a card on the Board are Welsh too (issue 19, the phone's comments)
    await expect(page.getByTestId('phone-card-comments').first()).toContainText(
      msg(cy, 'phone.comments.none'),
    )
    expect(await langViolations(page)).toEqual([])

    // the choice is remembered on this phone, and can be changed from the menu
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('lang', 'cy')
  })

  test('Arabic mirrors the join and phone screens; card text keeps its own direction', async ({
    browser,
    serve,
  }) => {
    test.setTimeout(120_000)
    const { links } = await sharedSession(serve, 'Arabic workshop')
    await openFacilitatorBoard(browser, serve, 'Arabic workshop')
    const { page } = await phoneOf(browser, 320, 568)
    await joinIn(page, links.participantUrl, 'ar', msg(ar, 'roles.service-user.label'))
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
    await expect(page.getByTestId('phone-go-now')).toHaveText(/الآن/)
    // mirrored: the first place (Now) is at the right, Menu at the left
    const now = (await page.getByTestId('phone-go-now').boundingBox())!
    const menu = (await page.getByTestId('phone-go-menu').boundingBox())!
    expect(now.x).toBeGreaterThan(menu.x)
    expect(now.x + now.width).toBeGreaterThan(320 * 0.75)

    await goTo(page, 'add')
    await page.getByTestId('phone-kind-idea').check()
    await page.getByTestId('phone-card-text').fill('A text the day before')
    await page.getByTestId('phone-card-post').click()
    await expect(page.getByTestId('phone-add-status')).toContainText('بطاقتك على اللوحة')
    await page.getByTestId('phone-card-text').fill('لا أعرف بمن أتصل (who to ring)')
    await page.getByTestId('phone-card-post').click()
    await expect(page.getByTestId('phone-add-status')).toContainText('بطاقتك على اللوحة')
    await expect(page.getByTestId('phone-connection')).toHaveAttribute('data-link', 'online')
    await goTo(page, 'board')
    const text = page.getByTestId('phone-card').filter({ hasText: 'A text' }).locator('.phone-card__text')
    await expect(text).toHaveText('A text the day before')
    await expect(text).toHaveAttribute('dir', 'auto')
    expect(await text.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr')
    // the card's box starts at the right (the list is mirrored), its words still read left to right
    expect(
      await page
        .getByTestId('phone-card')
        .first()
        .evaluate((el) => getComputedStyle(el).direction),
    ).toBe('rtl')
    expect(await langViolations(page)).toEqual([])
  })

  test('the facilitator sets the session’s language and the app’s own in Settings', async ({
    browser,
    serve,
  }) => {
    await sharedSession(serve, 'Settings workshop')
    const fac = await openFacilitatorBoard(browser, serve, 'Settings workshop')
    await showView(fac, 'Settings')
    const session = fac.getByTestId('settings-session-language')
    await expect(session.getByRole('radio', { name: 'English' })).toBeChecked()
    // the radio follows the document, which answers a moment after the click
    await session.getByRole('radio', { name: 'Cymraeg' }).click()
    await expect(session.getByRole('radio', { name: 'Cymraeg' })).toBeChecked()
    await expect.poll(async () => (await stored(fac)).workshop?.language).toBe('cy')
    await expect(fac.locator('html')).toHaveAttribute('lang', 'en')
    const app = fac.getByTestId('settings-language')
    await expect(app.getByRole('radio', { name: /^Follow my computer \(English\)/ })).toBeChecked()
    await expect(app).toContainText('العربية (partly translated)')
    await app.getByRole('radio', { name: 'Cymraeg' }).check()
    await expect(fac.locator('html')).toHaveAttribute('lang', 'cy')
    await expect(app).toContainText(msg(cy, 'settings.language.hint'))
    // the side bar follows at once: the view's name, its button's name and tooltip
    await expect(fac.locator('#side-bar-title')).toHaveText(msg(cy, 'workbench.view.settings'))
    const button = fac.locator('.activity-bar [data-view="settings"]')
    await expect(button).toHaveAttribute('aria-label', msg(cy, 'workbench.view.settings'))
    await expect(button).toHaveAttribute('title', `${msg(cy, 'workbench.view.settings')} (Ctrl+,)`)
    await expect(fac.locator('.activity-bar [data-view="trash"]')).toHaveAttribute(
      'aria-label',
      msg(cy, 'workbench.view.trash'),
    )
  })

  test('the pseudo-locale finds no untranslated and no clipped text on the join and phone screens', async ({
    browser,
    serve,
  }) => {
    test.setTimeout(120_000)
    const { links } = await sharedSession(serve, 'Pseudo workshop')
    const fac = await openFacilitatorBoard(browser, serve, 'Pseudo workshop')
    const { page } = await phoneOf(browser, 320, 568)
    const url = new URL(links.participantUrl)
    url.searchParams.set('lang', 'en-XA')
    await page.goto(url.toString())
    await expect(page.getByTestId('guest-join')).toBeVisible()
    await expect(page.getByTestId('guest-session-title')).toHaveText('Pseudo workshop')

    const problems = async (where: string): Promise<string[]> => {
      const texts = await visibleTexts(page)
      const plain = texts
        .filter((t) => !t.own)
        // pseudo text is accented or marked; numbers, symbols and punctuation are not words
        .filter((t) => !/[⟦⟧~\u00C0-\u024F]/.test(t.text) && !/^[\s\p{P}\p{S}\p{N}]+$/u.test(t.text))
        .map((t) => `${where}: untranslated “${t.text}”`)
      const clipped = await page.evaluate(() => {
        const out: string[] = []
        for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
          if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim())) continue
          const style = getComputedStyle(el)
          if (style.display === 'inline' || el.closest('.visually-hidden')) continue
          if (el.scrollWidth > el.clientWidth + 1)
            out.push(
              `clipped ${el.tagName.toLowerCase()}.${el.className}: ${el.textContent!.trim().slice(0, 40)}`,
            )
        }
        return out
      })
      return [...plain, ...clipped.map((c) => `${where}: ${c}`)]
    }

    expect(await problems('join')).toEqual([])
    await page
      .getByRole('radio', { name: /Ƥéŕšöñ|Þéŕšöñ/ })
      .first()
      .check()
    await page.getByTestId('guest-join-button').click()
    await expect(page.getByTestId('phone-screen')).toBeVisible()
    await expect(page.getByTestId('phone-connection')).toHaveAttribute('data-link', 'online')
    await goTo(page, 'add')
    await page.getByTestId('phone-kind-pain').check()
    await page.getByTestId('phone-card-text').fill('Forms only online')
    await page.getByTestId('phone-card-post').click()
    await expect.poll(() => cardTexts(fac)).toContain('Forms only online')
    for (const place of ['now', 'add', 'board', 'menu'] as const) {
      await goTo(page, place)
      expect(await problems(place)).toEqual([])
    }
  })
  test('the pseudo-locale finds no untranslated and no clipped text in the facilitator’s workbench chrome', async ({
    page,
    serve,
  }) => {
    test.setTimeout(120_000)
    // shared, so the Facilitation view shows its Moderation section too
    await sharedSession(serve, 'Pseudo chrome')
    const url = new URL(serve.url)
    url.searchParams.set('lang', 'en-XA')
    await page.goto(url.toString())
    await expect(page.getByTestId('workbench')).toBeVisible()
    await clickSession(page, 'Pseudo chrome')
    await expect(page.getByTestId('status-connection')).toHaveAttribute('class', /connection-connected/)
    await page.keyboard.press('Control+J')
    await expect(page.getByTestId('panel')).toBeVisible()

    // The chrome (status bar, activity log, editor tabs, canvas toolbar), then every palette command and
    // every side-bar view below.
    const problems = (roots: string, where: string) =>
      page.evaluate(
        ({ roots, where }) => {
          const out: string[] = []
          for (const root of document.querySelectorAll<HTMLElement>(roots)) {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const text = n.textContent?.trim() ?? ''
              const el = n.parentElement
              if (
                !text ||
                !el ||
                el.closest('.visually-hidden, [hidden], [dir="auto"], bdi, .tab-label, time')
              )
                continue
              const r = el.getBoundingClientRect()
              if (r.width === 0 || r.height === 0) continue
              if (!/[⟦⟧~\u00C0-\u024F]/.test(text) && !/^[\s\p{P}\p{S}\p{N}]+$/u.test(text))
                out.push(`${where}: untranslated “${text}”`)
              const style = getComputedStyle(el)
              if (style.display !== 'inline' && el.scrollWidth > el.clientWidth + 1)
                out.push(
                  `${where}: clipped ${el.tagName.toLowerCase()}.${el.className}: ${text.slice(0, 40)}`,
                )
            }
          }
          return out
        },
        { roots, where },
      )
    expect(
      await problems('.status-bar, .panel, .tab-strip, [data-testid="canvas-toolbar"]', 'chrome'),
    ).toEqual([])
    for (const label of ['activity-bar', 'status-bar']) {
      const name = await page.locator(`.${label}`).getAttribute('aria-label')
      expect(name, label).toMatch(/[⟦⟧~\u00C0-\u024F]/)
    }

    await page.keyboard.press('Control+Shift+P')
    const palette = page.locator('.palette')
    await expect(palette).toBeVisible()
    await expect(page.locator('.palette-input')).toHaveAttribute('placeholder', /[⟦⟧~\u00C0-\u024F]/)
    // every command the palette lists: the workbench's and every feature's (wall, export, outline, moderation)
    await expect(palette.locator('[id^="cmd-wall."]').first()).toBeVisible()
    const titles = await palette.locator('[id^="cmd-"]').allTextContents()
    expect(titles.length).toBeGreaterThan(30)
    expect(titles.filter((t) => !/[⟦⟧~\u00C0-\u024F]/.test(t))).toEqual([])
    await page.keyboard.press('Escape')
    await expect(palette).toBeHidden()

    // the side bar: each view's button (its name, and the tooltip with its shortcut), its title, and the
    // words it shows; people's own words (titles, names, templates) carry dir="auto" or sit in <bdi>,
    // and codes (the join code, its address, a command to type) are not words to translate
    const views = page.getByRole('navigation', { name: /[⟦⟧~\u00C0-\u024F]/ }).getByRole('button')
    const count = await views.count()
    expect(count).toBeGreaterThan(8)
    for (let i = 0; i < count; i++) {
      const view = views.nth(i)
      const id = (await view.getAttribute('data-view')) ?? String(i)
      expect(await view.getAttribute('aria-label'), id).toMatch(/[⟦⟧~\u00C0-\u024F]/)
      expect(await view.getAttribute('title'), id).toMatch(/^⟦.*⟧ \(/)
      if ((await view.getAttribute('aria-pressed')) !== 'true') await view.click()
      await expect(page.locator('#side-bar-title'), id).toHaveText(/^⟦/)
      if (id === 'facilitation') await expect(page.getByTestId('moderation-section')).toBeVisible()
      const plain = await page.evaluate(() => {
        const out: string[] = []
        const words = (t: string) => !/[⟦⟧~\u00C0-\u024F]/.test(t) && !/^[\s\p{P}\p{S}\p{N}]+$/u.test(t)
        const skip =
          '[hidden], [dir="auto"], bdi, time, option, code, .share-code, .visually-hidden, [lang]:not(html)'
        const root = document.querySelector('.side-bar')!
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent?.trim() ?? ''
          if (text && !n.parentElement?.closest(skip) && words(text) && text !== 'Copro Studio')
            out.push(text)
        }
        for (const el of root.querySelectorAll<HTMLElement>('[aria-label], [title], [placeholder]'))
          for (const a of ['aria-label', 'title', 'placeholder']) {
            const v = el.getAttribute(a)
            if (v && !el.closest(skip) && words(v) && !/^https?:/.test(v)) out.push(`${a}: ${v}`)
          }
        return out
      })
      expect(plain, id).toEqual([])
    }
  })
})
