import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { SessionId } from '../../../shared/model/session'
import { writeFileAtomic } from '../storage/fsAtomic'

/** The hosted relay's own file in its data folder, next to the session store's files. */
export const RELAY_STATE_FILE = 'relay.json'

const StoredGrantSchema = z.object({
  tokenId: z.string().regex(/^tk_[A-Za-z0-9_-]{1,64}$/),
  role: z.enum(['participant', 'observer']),
  sessionId: SessionId,
  expiresAt: z.number().int().nonnegative().nullable(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  /** A device's personal token (exchanged from the link `linkId`): its participant. */
  participantId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  linkId: z
    .string()
    .regex(/^tk_[A-Za-z0-9_-]{1,64}$/)
    .optional(),
})

const RelayStateSchema = z.object({
  formatVersion: z.literal(1),
  /** Published session id (the desktop's id) → the id of the session store's copy. */
  sessions: z.record(SessionId, SessionId),
  /** Minted guest tokens and devices' personal tokens, as digests only. */
  tokens: z.array(StoredGrantSchema).max(100_000),
})
export type RelayState = z.infer<typeof RelayStateSchema>

/** Loads relay.json; a missing file is an empty state, a damaged one an error (never silently dropped). */
export async function loadRelayState(dataDir: string): Promise<RelayState> {
  let text: string
  try {
    text = await readFile(join(dataDir, RELAY_STATE_FILE), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { formatVersion: 1, sessions: {}, tokens: [] }
    throw err
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(`${RELAY_STATE_FILE} in ${dataDir} is not valid JSON; move it aside to start afresh.`)
  }
  const parsed = RelayStateSchema.safeParse(json)
  if (!parsed.success)
    throw new Error(
      `${RELAY_STATE_FILE} in ${dataDir} is damaged (${parsed.error.issues[0]?.message ?? 'invalid'}).`,
    )
  return parsed.data
}

/** Writes relay.json atomically; concurrent saves collapse into one write of the latest state. */
export class RelayStateWriter {
  private pending: (() => RelayState) | null = null
  private running: Promise<void> | null = null

  constructor(
    private readonly dataDir: string,
    private readonly onError: (err: unknown) => void,
  ) {}

  save(state: () => RelayState): Promise<void> {
    this.pending = state
    this.running ??= this.drain()
    return this.running
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const next = this.pending()
        this.pending = null
        try {
          await writeFileAtomic(join(this.dataDir, RELAY_STATE_FILE), JSON.stringify(next, null, 1))
        } catch (err) {
          this.onError(err)
        }
      }
    } finally {
      this.running = null
    }
  }
}
