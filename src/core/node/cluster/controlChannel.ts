import type { Redis } from 'ioredis'
import { z } from 'zod'
import { ModerationChanged } from './clusterModeration'

/** What one node tells the others on the control channel (validated on the way in: any Redis client may publish). */
export const ControlMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('revoke'), tokenIds: z.array(z.string().min(1).max(128)).max(100_000) }),
  z.object({ type: z.literal('close-session'), sessionId: z.string().min(1).max(256) }),
  z.object({
    type: z.literal('awareness-removed'),
    from: z.string().min(1).max(256),
    sessionId: z.string().min(1).max(256),
    removed: z
      .array(z.object({ id: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }))
      .max(10_000),
  }),
  ModerationChanged,
])
export type ControlMessage = z.infer<typeof ControlMessage>

/**
 * The cluster's control channel (`<prefix>:control` in Redis): revocations, closed sessions, removed
 * presences and moderation changes. `broadcast` acts on this node at once and tells the others; a
 * message that is not one of these is ignored. While Redis is down the others are not told: each node's
 * periodic re-check in PostgreSQL covers what they missed (clusterRelay.ts).
 */
export class ControlChannel {
  private readonly channel: string

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    prefix: string,
    private readonly handle: (m: ControlMessage) => void,
    private readonly warn: (message: string, err?: unknown) => void,
  ) {
    this.channel = `${prefix}:control`
    sub.on('message', this.onMessage)
    void sub.subscribe(this.channel).catch((err: unknown) => warn('cluster: subscribe failed', err))
  }

  broadcast(m: ControlMessage): void {
    this.handle(m)
    this.pub.publish(this.channel, JSON.stringify(m)).catch((err: unknown) => {
      this.warn('cluster: could not tell the other nodes; they will notice within the re-check period', err)
    })
  }

  close(): void {
    this.sub.off('message', this.onMessage)
    this.sub.disconnect(false)
    this.pub.disconnect(false)
  }

  private readonly onMessage = (channel: string, message: string): void => {
    if (channel !== this.channel) return
    let raw: unknown
    try {
      raw = JSON.parse(message)
    } catch {
      return
    }
    const parsed = ControlMessage.safeParse(raw)
    if (parsed.success) this.handle(parsed.data)
  }
}
