import { describe, expect, it } from 'vitest'
import type { Editor } from 'tldraw'
import { cardTalk, provideCardTalk } from '../../../src/renderer/board/shapes/cardTalk'

/** The counts a card's screen-reader description says, from the layers that know them. */
describe('cardTalk', () => {
  it('gathers what the mounted layers know of one card, for one editor only, until they unmount', () => {
    const editor = {} as Editor
    const other = {} as Editor
    expect(cardTalk(editor, 'shape:a')).toEqual({})
    const stopComments = provideCardTalk(editor, 'comments', (id) => (id === 'shape:a' ? 2 : undefined))
    const stopVotes = provideCardTalk(editor, 'votes', (id) => (id === 'shape:a' ? 0 : 5))
    expect(cardTalk(editor, 'shape:a')).toEqual({ comments: 2, votes: 0 })
    expect(cardTalk(editor, 'shape:b')).toEqual({ votes: 5 })
    expect(cardTalk(other, 'shape:a')).toEqual({})
    stopVotes()
    expect(cardTalk(editor, 'shape:a')).toEqual({ comments: 2 })
    // a newer provider of the same count is not removed by an older one's stop
    const newer = provideCardTalk(editor, 'comments', () => 7)
    stopComments()
    expect(cardTalk(editor, 'shape:a')).toEqual({ comments: 7 })
    newer()
    expect(cardTalk(editor, 'shape:a')).toEqual({})
  })
})
