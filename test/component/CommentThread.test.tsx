import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { addComment, readComments, readReactions } from '../../src/core/common/session/comments'
import { registerParticipant } from '../../src/core/common/session/write'
import { CommentThread } from '../../src/renderer/features/comments/CommentThread'
import { I18nProvider } from '../../src/renderer/device/i18n'
import { useComments } from '../../src/renderer/session/comments'

const ME = { id: 'p-me', name: 'Jo', anonymous: true, coproRole: 'service-user' } as const
const AMIRA = { id: 'p-amira', name: 'Amira', anonymous: false, coproRole: 'carer-family' } as const

function Thread(p: { doc: Y.Doc; author: typeof ME | null; canHide: boolean; say: (m: string) => void }) {
  const state = useComments(p.doc)
  return <CommentThread {...p} cardId="shape:c1" state={state} canSend />
}

function setup(author: typeof ME | null, canHide = false) {
  const doc = new Y.Doc()
  for (const who of [ME, AMIRA]) registerParticipant(doc, { ...who, sessionRole: 'participant' }, 1)
  addComment(doc, { cardId: 'shape:c1', author: AMIRA, text: 'Same for us' }, 1, 'comment:a')
  const say = vi.fn()
  render(
    <I18nProvider locale="en">
      <Thread doc={doc} author={author} canHide={canHide} say={say} />
    </I18nProvider>,
  )
  return { doc, say, user: userEvent.setup() }
}

describe('CommentThread', () => {
  it('a participant says "me too", comments and replies; others’ comments offer no edit, delete or hide', async () => {
    const { doc, say, user } = setup(ME)
    const amira = screen.getByTestId('comment')
    expect(amira.textContent).toContain('Amira (Carer/family)')
    expect(within(amira).queryByRole('button', { name: /^Edit|^Delete|^Hide/ })).toBeNull()
    await user.click(screen.getByTestId('me-too'))
    expect(readReactions(doc)).toEqual([
      expect.objectContaining({ participantId: 'p-me', role: 'service-user' }),
    ])
    expect(await screen.findByText('1 person said “me too”: Service user 1')).toBeTruthy()
    expect(screen.getByTestId('me-too').getAttribute('aria-pressed')).toBe('true')
    await user.click(screen.getByTestId('comment-send'))
    expect(say).toHaveBeenLastCalledWith('Write something first.')
    await user.type(screen.getByLabelText('Add a comment'), 'Me too, on Mondays')
    await user.click(screen.getByTestId('comment-send'))
    await user.click(within(amira).getByRole('button', { name: 'Reply to Amira (Carer/family)' }))
    await user.type(screen.getByLabelText('Reply to Amira (Carer/family)'), 'And Tuesdays')
    await user.click(screen.getByRole('button', { name: 'Send reply' }))
    const mine = readComments(doc).filter((c) => c.authorId === 'p-me')
    expect(mine.map((c) => [c.text, c.parentId ?? null, c.authorName])).toEqual([
      ['Me too, on Mondays', null, ''],
      ['And Tuesdays', 'comment:a', ''],
    ])
    // my own comments say "You" and can be edited or deleted
    expect(await screen.findAllByRole('button', { name: 'Delete your comment' })).toHaveLength(2)
  })

  it('a facilitator can hide someone else’s comment; an observer reads only', async () => {
    const { doc, user } = setup({ ...ME, coproRole: 'facilitator' } as never, true)
    await user.click(screen.getByRole('button', { name: 'Hide the comment by Amira (Carer/family)' }))
    expect(readComments(doc)).toEqual([])
  })

  it('an observer sees the thread but no form and no working "me too"', () => {
    setup(null)
    expect(screen.getByTestId('comment').textContent).toContain('Same for us')
    expect(screen.queryByTestId('comment-input')).toBeNull()
    expect((screen.getByTestId('me-too') as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByText('You can read comments but not write them.')).toBeTruthy()
  })
})
