import type { TFunction } from '../../device/i18n'

/** Every word the comments feature shows, in the reader's language (issue 19). */
export const commentsCopy = (t: TFunction) =>
  ({
    title: t('comments.title'),
    heading: (n: number) => (n === 0 ? t('comments.heading.none') : t('comments.heading', { count: n })),
    meToo: t('comments.meToo'),
    meTooOn: t('comments.meTooOn'),
    meTooCount: (n: number) => t('comments.meTooCount', { count: n }),
    meTooNone: t('comments.meTooNone'),
    addLabel: t('comments.addLabel'),
    replyLabel: (who: string) => t('comments.replyLabel', { who }),
    send: t('comments.send'),
    sendReply: t('comments.sendReply'),
    reply: t('comments.reply'),
    edit: t('comments.edit'),
    save: t('comments.save'),
    cancel: t('common.cancel'),
    delete: t('comments.delete'),
    hide: t('comments.hide'),
    edited: t('comments.edited'),
    you: t('comments.you'),
    empty: t('comments.empty'),
    sent: t('comments.sent'),
    saved: t('comments.saved'),
    deleted: t('comments.deleted'),
    hidden: t('comments.hidden'),
    meTooSaid: t('comments.meTooSaid'),
    meTooTaken: t('comments.meTooTaken'),
    offline: t('comments.offline'),
    readOnly: t('comments.readOnly'),
    noCard: t('comments.noCard'),
    cardGone: t('phone.comments.cardGone'),
    openFor: (text: string) => t('phone.comments.openFor', { text }),
    badge: (comments: number, meToo: number) =>
      [
        comments ? t('phone.comments.count', { count: comments }) : '',
        meToo ? t('phone.comments.meTooCount', { count: meToo }) : '',
      ]
        .filter(Boolean)
        .join(', '),
    openComments: t('comments.open'),
    emptyCard: t('comments.emptyCard'),
  }) as const
