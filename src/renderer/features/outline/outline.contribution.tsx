import type { Contribution } from '../../workbench/contributions'
import { outlineCommands } from './outlineCommands'
import { OutlineView } from './OutlineView'

/** The outline: a session's board as headings and a table, for keyboard and screen-reader users. */
export const contribution: Contribution = {
  id: 'outline',
  order: 10,
  editors: [{ kind: 'outline', component: ({ tab }) => <OutlineView sessionId={tab.sessionId!} /> }],
  commands: outlineCommands,
}
