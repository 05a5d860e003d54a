/**
 * Moderation (docs/adr/0047-moderation-inbox-outside-the-document.md): a facilitator may hold guests'
 * cards until a facilitator approves them, and keep a word list that holds (flags) the cards that match
 * it. Held cards never enter the shared session document: a guest's client sends the card to the relay
 * room's moderation inbox over its own websocket (a message type of its own, MESSAGE_MODERATION), the
 * relay keeps the inbox beside the session (persisted with it) and shows it to facilitators and
 * co-facilitators only; approving writes the card into the document, authored as the guest; "not now"
 * puts it in the board trash, with who and when, so it can still be brought back.
 *
 * This module is the one home of the wire messages, the inbox's stored shape and the word-list match.
 * The relay side is src/core/node/relay/moderation.ts, the renderer's client
 * src/renderer/features/moderation/.
 */
import { z } from 'zod'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { CARD_TEXT_MAX } from '../cards/card'
import { CardRecord } from '../cards/cardRecord'

/** The y-websocket message type of moderation frames: varUint(16) varString(JSON). Stock clients ignore it. */
export const MESSAGE_MODERATION = 16

/** At most this many cards wait in one session's inbox; a guest's card past it is refused (told plainly). */
export const MAX_HELD_PER_SESSION = 500
/** At most this many of one guest's cards wait at once. */
export const MAX_HELD_PER_PARTICIPANT = 30
/** Decisions remembered so a guest is told what became of their cards (the most recent). */
export const MAX_DECISIONS = 300
export const MAX_WORDS = 200
export const MAX_WORD_LENGTH = 80

export const ModerationSettings = z.object({
  /** Every card from a guest (participant) waits for a facilitator. */
  hold: z.boolean(),
  /** Words or phrases that hold a card for review even when `hold` is off (case- and accent-insensitive, whole words). */
  words: z.array(z.string().trim().min(1).max(MAX_WORD_LENGTH)).max(MAX_WORDS),
})
export type ModerationSettings = z.infer<typeof ModerationSettings>

export const NO_MODERATION: ModerationSettings = { hold: false, words: [] }

/** Whether guests' new cards go through the inbox at all. */
export const isModerated = (s: ModerationSettings): boolean => s.hold || s.words.length > 0

export const HeldCard = z.object({
  /** The card exactly as the guest's client would have written it (cards/cardRecord.ts). */
  record: CardRecord,
  /** Its fractional index on the page. */
  index: z.string().min(1).max(64),
  /** Relay time it arrived, ms since the epoch. */
  at: z.number().int().nonnegative(),
  /** The participant id of the connection that sent it (= record.props.authorId). */
  by: z.string().min(1).max(128),
  /** The word-list entry it matched (flagged for review), or null when it waits because holding is on. */
  matched: z.string().max(MAX_WORD_LENGTH).nullable(),
})
export type HeldCard = z.infer<typeof HeldCard>

export const DECISIONS = ['approved', 'not-shown'] as const
export const Decision = z.object({
  id: z.string().min(1).max(128),
  by: z.string().min(1).max(128),
  status: z.enum(DECISIONS),
  at: z.number().int().nonnegative(),
  /** The card's text as it was sent (so the guest knows which card; the guest's own words). */
  text: z.string().max(CARD_TEXT_MAX),
})
export type Decision = z.infer<typeof Decision>

/** What the relay stores beside the session (RoomPersistence.saveModeration). */
export const ModerationState = z.object({
  v: z.literal(1),
  settings: ModerationSettings,
  held: z.array(HeldCard).max(MAX_HELD_PER_SESSION),
  decisions: z.array(Decision).max(MAX_DECISIONS),
})
export type ModerationState = z.infer<typeof ModerationState>

export const emptyModerationState = (): ModerationState => ({
  v: 1,
  settings: NO_MODERATION,
  held: [],
  decisions: [],
})

const Ids = z.array(z.string().min(1).max(128)).min(1).max(MAX_HELD_PER_SESSION)

/** Client → relay. */
export const ModerationRequest = z.discriminatedUnion('t', [
  /** A guest's card for the inbox (sent instead of writing it into the document while moderation is on). */
  z.object({ t: z.literal('submit'), record: CardRecord, index: z.string().min(1).max(64) }),
  /** Facilitators: write these held cards into the board; `text` replaces the text of a single card first. */
  z.object({
    t: z.literal('approve'),
    ids: Ids,
    text: z.string().trim().min(1).max(CARD_TEXT_MAX).optional(),
  }),
  /** Facilitators: "Not now" — into the board trash (restorable), the guest is told it is not shown. */
  z.object({ t: z.literal('reject'), ids: Ids }),
  /** What the relay sends on joining, again (a client that started listening late). */
  z.object({ t: z.literal('query') }),
  /** The facilitator: the session's moderation settings. */
  z.object({ t: z.literal('settings'), settings: ModerationSettings }),
])
export type ModerationRequest = z.infer<typeof ModerationRequest>

/** Relay → client. */
export const ModerationNotice = z.discriminatedUnion('t', [
  /** To facilitators and co-facilitators: the settings and everything waiting. */
  z.object({ t: z.literal('inbox'), settings: ModerationSettings, held: z.array(HeldCard) }),
  /** To a guest: whether to send cards to the inbox, their own waiting cards and what became of the others. */
  z.object({
    t: z.literal('mine'),
    moderated: z.boolean(),
    held: z.array(z.object({ id: z.string(), text: z.string() })),
    decisions: z.array(Decision),
  }),
  /** To a guest: a card the inbox did not take (full, or not theirs to send), in plain words. */
  z.object({ t: z.literal('refused'), id: z.string(), reason: z.string() }),
])
export type ModerationNotice = z.infer<typeof ModerationNotice>

export function encodeModeration(body: ModerationRequest | ModerationNotice): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_MODERATION)
  encoding.writeVarString(encoder, JSON.stringify(body))
  return encoding.toUint8Array(encoder)
}

/** Reads the JSON of a moderation frame's body (after its type); throws on bad bytes. */
export function readModerationJson(decoder: decoding.Decoder): string {
  return decoding.readVarString(decoder)
}

/** Parses a notice from the relay; null when it is not one (an older or newer relay). */
export function parseNotice(json: string): ModerationNotice | null {
  try {
    const r = ModerationNotice.safeParse(JSON.parse(json))
    return r.success ? r.data : null
  } catch {
    return null
  }
}

// ── The word list ─────────────────────────────────────────────────────────────────────────────────

/** Lower case, accents and other marks removed, compatibility forms folded (ﬁ → fi, full-width → ASCII). */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

/** The words of a text after folding (letters and digits; apostrophes inside a word keep it whole). */
function words(s: string): string[] {
  return fold(s).match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? []
}

/**
 * The first word-list entry `text` contains as whole words (an entry of several words matches them in
 * a row), or null. Case- and accent-insensitive: "Café" matches "cafe", "CAFÉ" and "café"; "ass" does
 * not match "class".
 */
export function matchWordList(text: string, list: readonly string[]): string | null {
  if (list.length === 0) return null
  const tokens = words(text)
  if (tokens.length === 0) return null
  for (const entry of list) {
    const want = words(entry)
    if (want.length === 0) continue
    for (let i = 0; i + want.length <= tokens.length; i++) {
      let all = true
      for (let j = 0; j < want.length && all; j++) all = tokens[i + j] === want[j]
      if (all) return entry
    }
  }
  return null
}

/** A word list typed one entry a line: trimmed, blank lines and repeats (after folding) left out. */
export function parseWordList(text: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const line of text.split(/\r?\n/)) {
    const w = line.trim().slice(0, MAX_WORD_LENGTH)
    const key = words(w).join(' ')
    if (key === '' || seen.has(key)) continue
    seen.add(key)
    out.push(w)
    if (out.length >= MAX_WORDS) break
  }
  return out
}
