import { describe, expect, it } from 'vitest'
import type { MenuCommand } from '../../../src/shared/api'
import { MemoryBackend } from '../../../src/core/node/server/backend'
import { createApiHandlers, type HostCapabilities } from '../../../src/core/node/server/handlers'
import { createRouter, type CallContext } from '../../../src/core/node/server/router'
import type { TemplateService } from '../../../src/core/node/templates/templateService'

// menu.setCommands and export.pdf go through the router like every method; Electron's main injects
// only what Electron does (HostCapabilities), so these run here without Electron.

const IPC: CallContext = { transport: 'ipc' }
const HTTP: CallContext = { transport: 'http' }

function routerWith(host: HostCapabilities | undefined) {
  return createRouter(
    createApiHandlers({
      host,
      backend: new MemoryBackend(),
      templates: {} as TemplateService,
      withSessionDoc: () => Promise.reject(new Error('not used')),
      liveApplier: () => undefined,
      info: () => ({ name: 'Copro Studio', version: '0', host: 'electron', dataDir: '', warnings: [] }),
      connection: () => {
        throw new Error('not used')
      },
      emit: () => {},
    }),
  )
}

const command: MenuCommand = {
  id: 'board.addCard',
  title: 'Add card',
  category: 'Board',
  keybinding: 'Ctrl+Enter',
  menu: 'edit',
}

describe('menu.setCommands through the router', () => {
  it('hands the validated commands to the host and reports them applied', async () => {
    const menus: (readonly MenuCommand[])[] = []
    const router = routerWith({ setMenu: (c) => menus.push(c) })
    expect(await router.call('menu.setCommands', { commands: [command] }, IPC)).toEqual({
      ok: true,
      value: { applied: true },
    })
    expect(menus).toEqual([[command]])
  })

  it('refuses invalid commands before the host sees them', async () => {
    const menus: unknown[] = []
    const router = routerWith({ setMenu: (c) => menus.push(c) })
    const r = await router.call('menu.setCommands', { commands: [{ ...command, id: 'no spaces' }] }, IPC)
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } })
    expect(menus).toEqual([])
  })

  it('is not applied without a native menu, or for a browser tab on the desktop server', async () => {
    const menus: unknown[] = []
    expect(await routerWith(undefined).call('menu.setCommands', { commands: [] }, IPC)).toEqual({
      ok: true,
      value: { applied: false },
    })
    const desktop = routerWith({ setMenu: (c) => menus.push(c) })
    expect(await desktop.call('menu.setCommands', { commands: [command] }, HTTP)).toEqual({
      ok: true,
      value: { applied: false },
    })
    expect(menus).toEqual([])
  })
})

describe('export.pdf through the router', () => {
  it('returns the host printer’s bytes as base64', async () => {
    const printed: string[] = []
    const router = routerWith({
      printPdf: async (html) => {
        printed.push(html)
        return new Uint8Array([0x25, 0x50, 0x44, 0x46])
      },
    })
    const r = await router.call('export.pdf', { html: '<p>report</p>' }, IPC)
    expect(r).toEqual({ ok: true, value: { base64: Buffer.from('%PDF').toString('base64') } })
    expect(printed).toEqual(['<p>report</p>'])
  })

  it('turns a failed print into a plain “could not print” failure', async () => {
    const router = routerWith({ printPdf: () => Promise.reject(new Error('printToPDF crashed')) })
    expect(await router.call('export.pdf', { html: '<p>x</p>' }, IPC)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Could not print the report to PDF.' },
    })
  })

  it('answers unavailable without a printer or over http, and checks the arguments first', async () => {
    const printed: string[] = []
    const desktop = routerWith({ printPdf: async (h) => (printed.push(h), new Uint8Array()) })
    expect(await routerWith(undefined).call('export.pdf', { html: '<p>x</p>' }, IPC)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    })
    expect(await desktop.call('export.pdf', { html: '<p>x</p>' }, HTTP)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    })
    expect(await desktop.call('export.pdf', { html: '' }, IPC)).toMatchObject({
      ok: false,
      error: { code: 'invalid_arguments' },
    })
    expect(printed).toEqual([])
  })
})
