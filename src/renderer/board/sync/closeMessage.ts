import { uiT } from '../../device/i18n/uiT'

/**
 * What a permanent relay close means for the person at the board, in plain words (codes:
 * src/core/node/relay/closeCodes.ts, docs/protocol/relay.md). y-websocket stops reconnecting after
 * these, so the board is made read-only: nothing typed afterwards could be saved.
 */
/** The relay refused a change this device made (rights.ts): the board starts again from a fresh copy. */
export const PERMISSION_DENIED_CLOSE = 4430

/** The words for a close code in this person's interface language, or null when the close is not permanent (the board reconnects by itself). */
export function closeMessage(code: number): string | null {
  return closeWords(uiT, code)
}

/** Words for changes this device could not send because they were too large (binding.ts `tooLarge`). */
export function tooLargeMessage(count: number): string | null {
  return tooLargeWords(uiT, count)
}

const KNOWN_CLOSES = [4400, 4401, 4403, 4404, 4409, 4410, 4412, 4413, 4414, 4415, 4420, 4421, 4430] as const
type KnownClose = (typeof KNOWN_CLOSES)[number]

/**
 * The same words from the message catalogues (`close.<code>`, issue 19), in the reader's language:
 * `t` is a translator's or useT()'s. Null when the close is not permanent.
 */
export function closeWords(
  t: (key: `close.${KnownClose | 'other'}`, values?: { code: number }) => string,
  code: number,
): string | null {
  if (code < 4400 || code > 4499) return null
  return (KNOWN_CLOSES as readonly number[]).includes(code)
    ? t(`close.${code as KnownClose}`)
    : t('close.other', { code })
}

/** tooLargeMessage in the reader's language. */
export function tooLargeWords(
  t: (key: 'close.tooLarge', values: { count: number }) => string,
  count: number,
): string | null {
  return count === 0 ? null : t('close.tooLarge', { count })
}
