import AxeBuilder from '@axe-core/playwright'
import type { Download, Page } from '@playwright/test'
import Ajv2020 from 'ajv/dist/2020.js'
import Papa from 'papaparse'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  addActivities,
  addCard,
  dragCardTo,
  expect,
  openBoard,
  stored,
  test,
  watchErrors,
  type ServeHandle,
} from './fixtures'

/** The Export view against the real `copro serve`: files, preview, pictures, print fallback, consent. */

const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../docs/formats/export.schema.json', import.meta.url)), 'utf8'),
) as object

const ANON_NAME = 'Secret Samira'

/** This window's person: anonymous (their name must never leave the board) but facilitating. */
async function useAnonymousIdentity(page: Page): Promise<void> {
  await page.addInitScript((name) => {
    localStorage.setItem(
      'copro.identity',
      JSON.stringify({
        id: 'anon-identity-0001',
        name,
        anonymous: true,
        coproRole: 'service-user',
        sessionRole: 'facilitator',
      }),
    )
  }, ANON_NAME)
}

async function openSession(page: Page, serve: ServeHandle, title: string): Promise<void> {
  await serve.call('sessions.create', { title, templateId: 'service-chain-journey' })
  await openBoard(page, serve.url, title)
}

/** Adds a card with the composer and drags it to the middle of stage `stage` (0-based) of the first lane. */
async function addCardInStage(
  page: Page,
  stage: number,
  kind: string,
  text: string,
  extras?: { owner: string; due: string },
): Promise<string> {
  const st = (await stored(page)).workshop.structure
  let x = st.x + st.laneHeaderWidth
  for (let i = 0; i < stage; i++) x += st.stages[i].width
  const cx = x + st.stages[stage].width / 2
  const cy = st.y + st.headerHeight + st.lanes[0].height / 2
  const id = await addCard(page, kind, text, extras)
  await dragCardTo(page, id, cx, cy)
  return id
}

/** Waits until this window's person is in the session's participant map (the board registers them). */
async function registered(page: Page, id: string): Promise<void> {
  await expect.poll(async () => Object.keys((await stored(page)).participants ?? {})).toContain(id)
}

async function showExportView(page: Page): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Shift+X')
  await expect(page.getByTestId('export-view')).toBeVisible()
}

/** Checks exactly the given checkboxes of the Export view (by visible label). */
async function choose(page: Page, labels: RegExp[]): Promise<void> {
  const view = page.getByTestId('export-view')
  const boxes = view.getByRole('checkbox')
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).setChecked(false)
  for (const l of labels) await view.getByRole('checkbox', { name: l }).check()
}

/** Clicks Save and collects `count` downloads by file name. */
async function saveAndCollect(page: Page, count: number): Promise<Map<string, Buffer>> {
  const downloads: Download[] = []
  const onDownload = (d: Download) => downloads.push(d)
  page.on('download', onDownload)
  await page.getByTestId('export-view').getByRole('button', { name: 'Save' }).click()
  await expect.poll(() => downloads.length).toBe(count)
  await expect(page.getByTestId('export-result').getByRole('listitem')).toHaveCount(count)
  page.off('download', onDownload)
  const files = new Map<string, Buffer>()
  for (const d of downloads) files.set(d.suggestedFilename(), readFileSync(await d.path()))
  return files
}

test.describe('export view', () => {
  test('is keyboard-usable and axe-clean, and the preview shows the report', async ({ page, serve }) => {
    const errors = watchErrors(page)
    await openSession(page, serve, 'Export keyboard')
    await addCardInStage(page, 0, 'pain', 'Forms are too long to fill in')
    // The "Export…" command (palette and the desktop File menu) shows the view.
    await page.keyboard.press('Control+Shift+P')
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await page.keyboard.type('Export…')
    await expect(palette.getByRole('option').first()).toContainText('Export…')
    await page.keyboard.press('Enter')
    await expect(page.locator('#side-bar-title')).toHaveText('Export')

    const view = page.getByTestId('export-view')
    const json = view.getByRole('checkbox', { name: /Data \(JSON\)/ })
    await json.focus()
    await page.keyboard.press('Space')
    await expect(json).toBeChecked()
    await page.keyboard.press('Space')
    await expect(json).not.toBeChecked()
    // Names are off unless asked for.
    await expect(view.getByRole('checkbox', { name: /names of people who agreed/ })).not.toBeChecked()
    // The frame chooser lists the template's stages and lanes.
    await expect(view.getByLabel('Picture of').locator('option')).toContainText([
      'The whole board',
      'Stage: Planning and designing',
    ])

    const axe = await new AxeBuilder({ page }).include('[data-testid="export-view"]').analyze()
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([])

    const previewButton = view.getByRole('button', { name: 'Preview report' })
    await previewButton.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: /Report preview: Export keyboard/ })
    await expect(dialog).toBeVisible()
    const frame = dialog.locator('iframe')
    await expect(frame).toHaveAttribute('sandbox', '')
    const report = frame.contentFrame()
    await expect(report.getByRole('heading', { level: 1 })).toContainText('Export keyboard')
    await expect(report.getByRole('heading', { name: 'Pains ranked by votes' })).toBeVisible()
    await expect(report.getByText('Forms are too long to fill in').first()).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused()
    await expect(frame).toHaveAttribute('title', /Report: Export keyboard/)
    // axe cannot run inside a frame without scripts (the report's own a11y is checked in the unit
    // tests of the report); the dialog around it is checked here.
    const axeDialog = await new AxeBuilder({ page })
      .include('[data-testid="export-preview"]')
      .exclude('[data-testid="export-preview"] iframe')
      .analyze()
    expect(
      axeDialog.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help}`),
    ).toEqual([])
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    await expect(previewButton).toBeFocused()
    expect(errors).toEqual([])
  })

  test('saves JSON, CSV, Markdown and HTML that parse, and anonymous cards carry no name', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await useAnonymousIdentity(page)
    await openSession(page, serve, 'Export files: café/queue')
    // Registered as anonymous, with a name kept on this device only.
    await registered(page, 'anon-identity-0001')
    const painId = await addCardInStage(page, 1, 'pain', '=HYPERLINK("x") waiting is too long')
    await addCardInStage(page, 2, 'idea', 'Text reminders before visits')
    await addCardInStage(page, 2, 'action', 'Shorten the referral form', {
      owner: 'Team A',
      due: '2026-12-01',
    })
    await showExportView(page)
    await choose(page, [
      /Data \(JSON\)/,
      /Spreadsheets/,
      /Markdown report/,
      /HTML report/,
      /SVG image/,
      /names of people/,
    ])
    const files = await saveAndCollect(page, 6)
    const base = 'Export files café queue'
    expect([...files.keys()].sort()).toEqual(
      ['actions.csv', 'board.svg', 'cards.csv', 'export.json', 'report.html', 'report.md'].map(
        (n) => `${base}-${n}`,
      ),
    )

    const model = JSON.parse(files.get(`${base}-export.json`)!.toString('utf8'))
    const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema)
    expect(validate(model), JSON.stringify(validate.errors)).toBe(true)
    expect(model.session.title).toBeTruthy()
    expect(model.namesIncluded).toBe(true)
    expect(model.participants).toEqual([expect.objectContaining({ pseudonym: 'Participant 1', name: null })])
    const pain = model.cards.find((c: any) => c.id === painId)
    expect(pain).toMatchObject({ kind: 'pain', author: { anonymous: true, name: null, pseudonym: null } })
    expect(pain.cell).toMatchObject({ type: 'cell', stageLabel: 'Choosing and funding' })

    for (const name of ['cards.csv', 'actions.csv']) {
      const bytes = files.get(`${base}-${name}`)!
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), {
        newline: '\r\n',
        skipEmptyLines: true,
      })
      expect(parsed.errors).toEqual([])
      expect(parsed.data.length).toBe(name === 'cards.csv' ? 4 : 2)
    }
    const cards = Papa.parse<Record<string, string>>(
      files.get(`${base}-cards.csv`)!.toString('utf8').slice(1),
      {
        header: true,
        skipEmptyLines: true,
      },
    ).data
    const painRow = cards.find((r) => r['Card ID'] === painId)!
    expect(painRow.Text).toBe(`'=HYPERLINK("x") waiting is too long`)
    expect(painRow.Author).toBe('Anonymous')
    expect(cards.map((r) => r.Text)).toContain('Text reminders before visits')
    const actions = Papa.parse<Record<string, string>>(
      files.get(`${base}-actions.csv`)!.toString('utf8').slice(1),
      { header: true, skipEmptyLines: true },
    ).data
    expect(actions).toEqual([
      expect.objectContaining({
        Summary: 'Shorten the referral form',
        Assignee: 'Team A',
        'Due date': '2026-12-01',
      }),
    ])
    expect(files.get(`${base}-report.md`)!.toString('utf8')).toMatch(/^# /m)
    expect(files.get(`${base}-report.html`)!.toString('utf8')).toContain('Text reminders before visits')

    // Consent: even with names requested, the anonymous person's name is in no file.
    for (const [name, bytes] of files) expect(bytes.toString('utf8'), name).not.toContain(ANON_NAME)
    expect(errors).toEqual([])
  })

  test('pictures: PNG and SVG of the whole board and of one stage, with card texts and labels', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    // A named person, registered in the session: their name shows in pictures only when asked for.
    await page.addInitScript(() => {
      localStorage.setItem(
        'copro.identity',
        JSON.stringify({
          id: 'named-identity-01',
          name: 'Named Nadia',
          anonymous: false,
          coproRole: 'frontline-staff',
          sessionRole: 'facilitator',
        }),
      )
    })
    await openSession(page, serve, 'Export pictures')
    await registered(page, 'named-identity-01')
    await addCardInStage(page, 0, 'pain', 'Nobody told us the plan')
    await addCardInStage(page, 3, 'idea', 'Library drop-in')
    // a private writing activity: the card written now stays unrevealed
    await addActivities(page, [{ title: 'Write alone', private: true }])
    await addCardInStage(page, 1, 'idea', 'My private draft idea')
    await showExportView(page)
    await choose(page, [/PNG image/, /SVG image/])
    const whole = await saveAndCollect(page, 2)
    const png = whole.get('Export pictures-board.png')!
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.length).toBeGreaterThan(20_000)
    const svg = whole.get('Export pictures-board.svg')!.toString('utf8')
    expect(svg).toMatch(/^<svg[\s>]/)
    expect(svg).toContain('Nobody told us the plan')
    expect(svg).toContain('Library drop-in')
    expect(svg).toContain('Planning and designing') // stage label from the structure layer
    expect(svg).toContain('data-copro-structure')
    expect(svg).not.toContain('My private draft idea') // unrevealed private cards stay out
    // Cards are real SVG text (opens in any SVG editor), with the pseudonym, not the name.
    expect(svg).toMatch(/<text[^>]*>Nobody told us the plan<\/text>/)
    expect(svg).not.toContain('foreignObject')
    expect(svg).toContain('Participant 1')
    expect(svg).not.toContain('Named Nadia')

    await page
      .getByTestId('export-view')
      .getByLabel('Picture of')
      .selectOption({ label: 'Stage: Planning and designing' })
    await choose(page, [/SVG image/])
    const stage = await saveAndCollect(page, 1)
    const firstStageId = (await stored(page)).workshop.structure.stages[0].id
    const stageSvg = stage.get(`Export pictures-stage-${firstStageId}.svg`)
    expect(stageSvg, [...stage.keys()].join()).toBeTruthy()
    const text = stageSvg!.toString('utf8')
    expect(text).toContain('Nobody told us the plan')
    expect(text).not.toContain('Library drop-in')

    // With consent asked for, the registered, non-anonymous author's name appears.
    await choose(page, [/SVG image/, /names of people/])
    const named = await saveAndCollect(page, 1)
    expect([...named.values()][0]!.toString('utf8')).toContain('Named Nadia')
    expect(errors).toEqual([])
  })

  test('PDF in the browser falls back to the print dialog with the report', async ({ page, serve }) => {
    const errors = watchErrors(page)
    await openSession(page, serve, 'Export print')
    await addCardInStage(page, 0, 'idea', 'Print me please')
    await showExportView(page)
    // The server host cannot print to PDF; it says so, and the renderer prints instead.
    const res = await fetch(`${serve.baseUrl}/api/call/export.pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}` },
      body: JSON.stringify({ html: '<p>x</p>' }),
    }).then((r) => r.json())
    expect(res).toMatchObject({ ok: false, error: { code: 'unavailable' } })

    await choose(page, [/PDF report/])
    await page.getByTestId('export-view').getByRole('button', { name: 'Save' }).click()
    await expect(page.getByTestId('export-result')).toContainText('Save as PDF')
    const printFrame = page.locator('iframe[data-copro-print="printed"]')
    await expect(printFrame).toHaveCount(1)
    await expect(printFrame).toHaveAttribute('sandbox', 'allow-same-origin allow-modals')
    await expect(printFrame.contentFrame().getByText('Print me please').first()).toBeAttached()
    expect(errors).toEqual([])
  })
})
