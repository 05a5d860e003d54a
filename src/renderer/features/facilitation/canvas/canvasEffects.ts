import type * as Y from 'yjs'
import type { Editor } from 'tldraw'
import type { BoardIdentity } from '../../../board/Board'
import { isFacilitatorRole } from '../../../../core/common/permissions'
import type { BoardSession } from '../../../session/BoardSession'
import { useBallotPublishing } from './ballotPublishing'
import { useFacilitationController } from './facilitationController'
import { useLockRules } from './lockRules'
import { useParticipantRegistration } from './participantRegistration'
import { usePrivateWriting } from './privateWriting'

interface EffectProps {
  editor: Editor
  doc: Y.Doc
  session: BoardSession
  identity: BoardIdentity
  relayNow(): number
}

/**
 * The facilitation rules the canvas enforces on this device, one concept per module:
 * - participantRegistration: this person in the participant map;
 * - privateWriting: private cards tagged, kept on this device, published on reveal;
 * - ballotPublishing: this person's ballot published once a round closes;
 * - lockRules: only facilitators change locked cards;
 * - facilitationController: what the Facilitation view may ask of this canvas.
 */
export function useFacilitationEffects({ editor, doc, session, identity, relayNow }: EffectProps): void {
  const facilitator = isFacilitatorRole(identity.sessionRole)
  useParticipantRegistration(doc, identity)
  usePrivateWriting(editor, doc, session.sessionId, identity)
  useBallotPublishing(doc, session, identity, relayNow)
  useLockRules(editor, doc, facilitator)
  useFacilitationController(editor, doc, session, identity, facilitator, relayNow)
}
