/**
 * What a permanent relay close means for the person at the board, in plain words (codes:
 * src/core/node/relay/closeCodes.ts, docs/protocol/relay.md). y-websocket stops reconnecting after
 * these, so the board is made read-only: nothing typed afterwards could be saved.
 */
const MESSAGES: Readonly<Record<number, string>> = {
  4400: 'The connection to this board was refused (a message was not understood). Reload to reconnect.',
  4401: 'This board needs a link with a token. Ask the facilitator for a new link.',
  4403: 'This link does not give access to this board.',
  4404: 'This session does not exist any more.',
  4409: 'The connection to this board was refused (changes arrived out of order too often). Reload to reconnect.',
  4412: 'Your presence (where you are on the board) could not be shared. Reload to reconnect.',
  4413: 'A change was too large for the board (too many items or too much text at once), so it was not saved. Reload, then make the change in smaller steps.',
  4414: 'This board is full, so new changes cannot be saved. Ask the facilitator to archive or split it.',
  4415: 'A change was too large to send (for example a big image), so it was not saved. Reload, then make it smaller.',
  4430: 'That change was not yours to make (only its author or a facilitator can change it), so it was not saved. The board has been loaded again as it is.',
  4410: 'Your access to this board was withdrawn (sharing stopped). Changes made now are not saved.',
  4420: 'This session was closed. Changes made now are not saved.',
  4421: 'This session was moved to the trash, so it is closed for everyone. Changes made now are not saved. Restore it from the trash to go on.',
}

/** The relay refused a change this device made (rights.ts): the board starts again from a fresh copy. */
export const PERMISSION_DENIED_CLOSE = 4430

/** The words for a close code, or null when the close is not permanent (the board reconnects by itself). */
export function closeMessage(code: number): string | null {
  if (code < 4400 || code > 4499) return null
  return (
    MESSAGES[code] ?? `The connection to this board was closed for good (code ${code}). Reload to reconnect.`
  )
}

/** Words for changes this device could not send because they were too large (binding.ts `tooLarge`). */
export function tooLargeMessage(count: number): string | null {
  if (count === 0) return null
  return count === 1
    ? 'One change was too large to share with the board (for example a big image), so it was undone. Make it smaller and try again.'
    : `${count} changes were too large to share with the board (for example big images), so they were undone. Make them smaller and try again.`
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
