import type { MessageKey, MessageValues } from '../../../shared/i18n'

/** useT()'s `t` in components, uiT in commands. */
type T = (key: MessageKey, values?: MessageValues) => string

/** The words of the moderation feature, in the reader's language (issue 19). */
export const moderationWords = (t: T) => ({
  title: t('moderation.title'),
  category: t('moderation.category'),
  hold: t('moderation.hold'),
  holdHelp: t('moderation.holdHelp'),
  words: t('moderation.words'),
  wordsHelp: t('moderation.wordsHelp'),
  save: t('moderation.save'),
  saved: t('moderation.saved'),
  notSent: t('moderation.notSent'),
  waiting: (count: number) => t('moderation.waiting', { count }),
  openOutline: t('moderation.openOutline'),
  noneWaiting: t('moderation.noneWaiting'),
  approvedAll: (count: number) => t('moderation.approvedAll', { count }),
  onlyFacilitator: t('moderation.onlyFacilitator'),
})
