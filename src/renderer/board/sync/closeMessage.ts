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
  4409: 'Some of your changes could not be saved: they depend on earlier changes the board never received. Reload to reconnect; the board will catch up.',
  4412: 'This screen sent presence information the board could not accept (too much of it, or for someone else). Reload to reconnect.',
  4413: 'Your last change was too big to save, for example a very long text or a very large paste. It was not saved. Reload, then add it in smaller parts.',
  4414: 'This board is full: it has reached its size limit, so new changes cannot be saved. Ask the facilitator to archive it or split it into two sessions.',
  4410: 'Your access to this board was withdrawn (sharing stopped). Changes made now are not saved.',
  4420: 'This session was closed. Changes made now are not saved.',
  4421: 'This session was moved to the trash, so it is closed for everyone. Changes made now are not saved. Restore it from the trash to go on.',
}

/** The words for a close code, or null when the close is not permanent (the board reconnects by itself). */
export function closeMessage(code: number): string | null {
  if (code < 4400 || code > 4499) return null
  return (
    MESSAGES[code] ?? `The connection to this board was closed for good (code ${code}). Reload to reconnect.`
  )
}
