/** The words of the moderation feature (kept together for the message catalogues, issue 19). */
export const COPY = {
  title: 'Moderation',
  hold: 'Hold guests’ cards for approval',
  holdHelp:
    'Cards from guests wait for a facilitator, seen only by facilitators, until approved in the outline (Ctrl+Alt+O).',
  words: 'Words that hold a card for review (one word or phrase a line)',
  wordsHelp:
    'A guest’s card that contains one of these (whole words; capitals and accents do not matter) waits for review too, even when holding is off. Guests never see this list.',
  save: 'Save moderation settings',
  saved: 'Moderation settings saved.',
  notSent: 'Not connected to the board: try again in a moment.',
  waiting: (n: number) => `Waiting for approval (${n})`,
  openOutline: 'Review in the outline',
  noneWaiting: 'No cards are waiting for approval.',
  approvedAll: (n: number) => (n === 1 ? 'One card approved.' : `${n} cards approved.`),
  onlyFacilitator: 'Only the facilitator changes moderation.',
}
