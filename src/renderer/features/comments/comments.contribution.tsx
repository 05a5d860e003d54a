import type { Contribution } from '../../workbench/contributions'
import { ICON_STROKE } from '../../workbench/icons'
import { commentTargetKey } from '../../session/comments'
import { CommentsLayer } from './CommentsLayer'
import { CommentsView } from './CommentsView'
import { uiT } from '../../device/i18n/uiT'
import { commentsCopy } from './copy'

/** Comments and "me too" on cards (issue 17 item 3): the Comments view, canvas badges, one command. */
export const contribution: Contribution = {
  id: 'comments',
  views: [
    {
      id: 'comments',
      get title() {
        return commentsCopy(uiT).title
      },
      keybinding: 'Mod+Alt+K',
      order: 46,
      icon: <path d="M4 5h16v11H9l-5 4z" {...ICON_STROKE} />,
    },
  ],
  sections: [{ view: 'comments', order: 0, component: CommentsView }],
  canvasLayers: [{ id: 'comments', order: 20, layer: CommentsLayer }],
  commands: ({ store, sessions }) => [
    {
      id: 'comments.selectedCard',
      get title() {
        return uiT('comments.cmd.selectedCard')
      },
      get category() {
        return uiT('board.category')
      },
      keybinding: 'Mod+Alt+M',
      run: () => {
        const session = sessions.getActive()
        const id = session?.board?.getSelectedCardIds()[0] ?? null
        if (session && id) session.scoped(commentTargetKey).set(id)
        store.showView('comments')
        if (!id) store.announce(uiT('comments.noCard'))
      },
    },
  ],
}
