import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'
import { moderationWords } from './copy'
import { uiT } from '../../device/i18n/uiT'

/** Palette commands (listed with their keys in the palette, the app's keyboard help). */
export function moderationCommands(services: WorkbenchServices): Command[] {
  const { commands, sessions, store } = services
  return [
    {
      id: 'moderation.review',
      get title() {
        return uiT('moderation.cmd.review')
      },
      get category() {
        return uiT('moderation.category')
      },
      run: () => void commands.execute('outline.show'),
    },
    {
      id: 'moderation.approveAll',
      get title() {
        return uiT('moderation.cmd.approveAll')
      },
      get category() {
        return uiT('moderation.category')
      },
      run: () => {
        const COPY = moderationWords(uiT)
        const client = sessions.getActive()?.moderation
        const held = client?.get().inbox?.held ?? []
        if (!client || held.length === 0) return store.announce(COPY.noneWaiting)
        const ok = client.send({ t: 'approve', ids: held.map((h) => h.record.id) })
        store.announce(ok ? COPY.approvedAll(held.length) : COPY.notSent)
      },
    },
  ]
}
