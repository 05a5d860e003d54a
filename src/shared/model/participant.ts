import { z } from 'zod'
import { stripToOneLine } from './plainText'
import { CoproRole, SessionRole } from './roles'

/** The longest name a person, a card's author or an action's owner may have. */
export const NAME_MAX = 80

/** A person's name as it enters the document: one line, no control or bidi-override characters. */
export const PersonName = z.string().transform(stripToOneLine).pipe(z.string().max(NAME_MAX))

export const ParticipantId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)

/** A person in a session, as registered in the document's participant map. */
export const Participant = z.object({
  id: ParticipantId,
  /** '' when the person chose to stay anonymous. */
  name: PersonName,
  anonymous: z.boolean(),
  coproRole: CoproRole,
  sessionRole: SessionRole,
  joinedAt: z.number().int().nonnegative(),
})
export type Participant = z.infer<typeof Participant>

export const PresenceState = z.object({
  user: z.object({
    id: ParticipantId,
    name: PersonName,
    coproRole: CoproRole,
    sessionRole: SessionRole,
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
  cursor: z.object({ x: z.number().finite(), y: z.number().finite() }).nullable(),
  viewport: z
    .object({
      x: z.number().finite(),
      y: z.number().finite(),
      w: z.number().finite(),
      h: z.number().finite(),
    })
    .nullable(),
  following: ParticipantId.nullable(),
})
export type PresenceState = z.infer<typeof PresenceState>
