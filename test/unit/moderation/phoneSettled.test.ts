import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { recordsArray } from '../../../src/core/common/session/docSchema'
import { ownCardsSettled } from '../../../src/renderer/guest/phone/moderated'
import type { WaitingCard } from '../../../src/renderer/guest/phone/outbox'
import type { ModerationView } from '../../../src/renderer/session/moderation'

const card = (id: string): WaitingCard => ({
  id,
  kind: 'idea',
  text: id,
  cell: null,
  createdAt: 1,
  privateTo: null,
})

describe('the phone outbox while moderated', () => {
  it('keeps a card until the relay holds it, has decided it, or it is on the board', () => {
    const doc = new Y.Doc()
    recordsArray(doc).push([{ key: 'shape:onboard', val: { id: 'shape:onboard' } }])
    const view: ModerationView = {
      inbox: null,
      refused: [],
      mine: {
        t: 'mine',
        moderated: true,
        held: [{ id: 'shape:held', text: 'x' }],
        decisions: [{ id: 'shape:decided', by: 'p', status: 'not-shown', at: 1, text: 'y' }],
      },
    }
    const waiting = ['shape:held', 'shape:decided', 'shape:onboard', 'shape:unsent'].map(card)
    expect(ownCardsSettled(doc, view, waiting)).toEqual(['shape:held', 'shape:decided', 'shape:onboard'])
    // before the relay has said anything, nothing leaves the outbox
    expect(ownCardsSettled(doc, { inbox: null, mine: null, refused: [] }, waiting)).toEqual([])
  })
})
