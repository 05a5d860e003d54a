import type { Editor } from 'tldraw'
import type { CardTalk } from '../../../core/common/cards/describeCard'

/** A count for one card, from what a canvas layer already reads (undefined: nothing to say). */
export type CardTalkSource = (cardId: string) => number | undefined

const sources = new WeakMap<Editor, Map<keyof CardTalk, CardTalkSource>>()

/**
 * What others did with the cards of one editor, for the card's screen-reader description
 * (describeCard in getAriaDescriptor): the layers that know a count (comments, a dot vote's results)
 * provide it while they are mounted; the card reads it when tldraw announces it.
 */
export function provideCardTalk(editor: Editor, what: keyof CardTalk, source: CardTalkSource): () => void {
  let mine = sources.get(editor)
  if (!mine) sources.set(editor, (mine = new Map()))
  mine.set(what, source)
  return () => {
    if (mine.get(what) === source) mine.delete(what)
  }
}

/** The counts known for one card now. */
export function cardTalk(editor: Editor, cardId: string): CardTalk {
  const talk: CardTalk = {}
  for (const [what, source] of sources.get(editor) ?? []) {
    const n = source(cardId)
    if (n !== undefined) talk[what] = n
  }
  return talk
}
