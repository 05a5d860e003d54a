import { z } from 'zod'
import { ParticipantId } from '../model/participant'
import { SessionId } from '../model/session'

/**
 * How a guest device joins (issue 15 item 3, issue 15 item 7). The shared join link (QR code) carries a
 * session's guest token; each device exchanges it once for its OWN participant token bound to one
 * participant id, and uses that personal token for `/sync/<sessionId>` and for any later join of the same
 * session (so a reload or rejoin keeps the same identity and cards). The relay then knows which
 * participant every connection is (RelayAuthResult.participantId), which the rights checks rely on.
 *
 * The one home of these paths and shapes for the server and the guest screens.
 */

/** POST: `GuestJoinRequest` → `GuestJoinResponse` (401 when the link no longer works). */
export const GUEST_JOIN_PATH = '/api/guest/join'

export const GuestJoinRequest = z
  .object({
    sessionId: SessionId,
    /** The shared link's guest token (from the QR code, the link, or a join code). */
    token: z.string().min(1).max(512),
    /** This device's personal token from an earlier join of the same session, if it has one. */
    deviceToken: z.string().min(1).max(512).optional(),
  })
  .strict()
export type GuestJoinRequest = z.infer<typeof GuestJoinRequest>

export const GuestJoinResponse = z
  .object({
    sessionId: SessionId,
    title: z.string(),
    role: z.enum(['participant', 'observer']),
    /** This device's participant id: the author id of its cards and ballots. */
    participantId: ParticipantId,
    /** This device's personal token: use it for `/sync` and send it as `deviceToken` when rejoining. */
    deviceToken: z.string().min(1).max(512),
  })
  .strict()
export type GuestJoinResponse = z.infer<typeof GuestJoinResponse>

/** A short join code shown beside the QR code, for people who cannot scan: six letters/digits, no 0/O/1/I. */
export const JoinCode = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{6}$/, 'A join code is six letters and numbers.'))

/** GET `${JOIN_CODE_PATH}/<code>` → `JoinCodeResponse` (404 when the code is unknown or sharing stopped). */
export const JOIN_CODE_PATH = '/api/guest/code'

export const JoinCodeResponse = z.object({ sessionId: SessionId, token: z.string().min(1).max(512) }).strict()
export type JoinCodeResponse = z.infer<typeof JoinCodeResponse>
