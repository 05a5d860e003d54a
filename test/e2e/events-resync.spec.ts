import type { WebSocketRoute } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * The browser gets server events (sessions changed, settings changed, share status) over one
 * WebSocket. Whatever changed while that socket was not open sent no event to this page, so the
 * page fetches that state again each time the socket opens.
 */
test.describe('server events in the browser', () => {
  test('a session created before the event socket opens, or while it is away, still appears in the list', async ({
    page,
    serve,
  }) => {
    let release: () => void = () => {}
    let gate: Promise<void> | null = new Promise((r) => (release = r))
    const routes: WebSocketRoute[] = []
    await page.routeWebSocket(/\/api\/events/, async (ws) => {
      routes.push(ws)
      if (gate) await gate
      ws.connectToServer()
    })
    const openSessions = async () => {
      if ((await page.locator('#side-bar-title').textContent()) !== 'Sessions')
        await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    }
    const listed = (title: string) => page.getByRole('button', { name: new RegExp(`^${title}`) }).first()

    // 1. The page has listed the sessions, but its event socket has not opened yet.
    await page.goto(serve.url)
    await expect(page.getByTestId('workbench')).toBeVisible()
    await openSessions()
    await expect(page.getByRole('heading', { name: 'Sessions' }).first()).toBeVisible()
    await expect.poll(() => routes.length).toBe(1)
    const early = `Resync early ${Date.now()}`
    const created = await serve.call<{ id: string }>('sessions.create', { title: early })
    expect(created.id).toBeTruthy()
    // the page cannot know of it yet: it listed the sessions before the create, and the only way to
    // hear of a change (the event socket) is held open above
    await expect(listed(early)).toHaveCount(0)
    gate = null
    release()
    await expect(listed(early)).toBeVisible()

    // 2. The event socket drops; a session is created before it is back.
    gate = new Promise((r) => (release = r))
    await routes[0]!.close({ code: 4000, reason: 'test: network gone' })
    await expect.poll(() => routes.length).toBe(2)
    const late = `Resync late ${Date.now()}`
    await serve.call('sessions.create', { title: late })
    // the socket is away (held above): nothing can tell the page yet
    await expect(listed(late)).toHaveCount(0)
    gate = null
    release()
    await expect(listed(late)).toBeVisible()
  })
})
