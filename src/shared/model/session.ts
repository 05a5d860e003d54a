import { z } from 'zod'
import { plainLine } from './plainText'

export const SessionId = z
  .string()
  .min(6)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a session id holds letters, digits, _ and - only')
export type SessionId = z.infer<typeof SessionId>

/** A session's title: one line, no control or bidi-override characters (stripped on the way in). */
export const SessionTitle = plainLine(1, 200)

export const SessionSummary = z.object({
  id: SessionId,
  title: SessionTitle,
  templateId: z.string().max(64).nullable(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  participantCount: z.number().int().nonnegative(),
  cardCount: z.number().int().nonnegative(),
  deletedAt: z.string().datetime().nullable(),
})
export type SessionSummary = z.infer<typeof SessionSummary>
