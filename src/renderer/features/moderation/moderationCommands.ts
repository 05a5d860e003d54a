import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'
import { COPY } from './copy'

/** Palette commands (listed with their keys in the palette, the app's keyboard help). */
export function moderationCommands(services: WorkbenchServices): Command[] {
  const { commands, sessions, store } = services
  return [
    {
      id: 'moderation.review',
      title: 'Review cards waiting for approval',
      category: 'Moderation',
      run: () => void commands.execute('outline.show'),
    },
    {
      id: 'moderation.approveAll',
      title: 'Approve every card waiting for approval',
      category: 'Moderation',
      run: () => {
        const client = sessions.getActive()?.moderation
        const held = client?.get().inbox?.held ?? []
        if (!client || held.length === 0) return store.announce(COPY.noneWaiting)
        const ok = client.send({ t: 'approve', ids: held.map((h) => h.record.id) })
        store.announce(ok ? COPY.approvedAll(held.length) : COPY.notSent)
      },
    },
  ]
}
