import type { Contribution } from '../../workbench/contributions'
import { ModerationBadge } from './ModerationBadge'
import { ModerationSection } from './ModerationSection'
import { moderationCommands } from './moderationCommands'
import './moderation.css'

/**
 * Moderation (ADR 0047): the Facilitation view's settings section and the board's "Waiting for approval"
 * badge. The queue itself is in the outline (features/outline/OutlineModeration.tsx).
 */
export const contribution: Contribution = {
  id: 'moderation',
  sections: [{ view: 'facilitation', order: 60, component: ModerationSection }],
  canvasLayers: [{ id: 'moderation', order: 20, layer: ModerationBadge }],
  commands: moderationCommands,
}
