import type { Contribution } from '../../workbench/contributions'
import { A11yLayer } from './A11yLayer'
import { a11yCommands } from './a11yCommands'
import { AccessibilitySettings } from './AccessibilitySettings'

/**
 * Accessibility: this person's preferences (a section of Settings), their commands, and the layer
 * that applies them and announces the workshop (activity, timer, voting, new cards) to screen readers.
 */
export const contribution: Contribution = {
  id: 'a11y',
  order: 20,
  sections: [{ view: 'settings', order: 10, component: AccessibilitySettings }],
  commands: a11yCommands,
  layers: [A11yLayer],
}
