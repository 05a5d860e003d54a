import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { CardKind } from '../../src/shared/model/cardKinds'
import { SimpleComposer } from '../../src/renderer/guest/SimpleComposer'

function setup(onPost: (kind: CardKind, text: string) => string | null = () => 'Added to “Waiting room”.') {
  const post = vi.fn(onPost)
  const placeFor = (kind: CardKind) => (kind === 'idea' ? null : 'Waiting room')
  render(<SimpleComposer placeFor={placeFor} onPost={post} />)
  return { post, user: userEvent.setup() }
}

const status = () => screen.getByRole('status')
const kindButton = (name: RegExp) => screen.getByRole('button', { name })

describe('SimpleComposer', () => {
  it('offers four large choices and no text box until one is chosen', () => {
    setup()
    const buttons = screen.getAllByRole('button')
    expect(buttons.map((b) => b.dataset.kind)).toEqual(['pain', 'contribution', 'idea', 'question'])
    expect(screen.queryByRole('textbox')).toBeNull()
  })

  it('a choice opens a text box with focus in it and says where the card will go', async () => {
    const { user } = setup()
    await user.click(kindButton(/hard/i))
    const box = screen.getByRole('textbox')
    expect(document.activeElement).toBe(box)
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'It goes to “Waiting room”.',
    )
    expect(screen.getByRole('dialog')).toBeTruthy()
  })

  it('an idea with no cell goes to the middle of the view', async () => {
    const { user } = setup()
    await user.click(kindButton(/idea/i))
    expect(screen.getByRole('dialog').textContent).toContain(
      'It goes to the middle of your view of the board.',
    )
  })

  it('cannot post blank text', async () => {
    const { post, user } = setup()
    await user.click(kindButton(/question/i))
    const add = screen.getByRole('button', { name: 'Add to the board' }) as HTMLButtonElement
    expect(add.disabled).toBe(true)
    await user.keyboard('   ')
    expect(add.disabled).toBe(true)
    expect(post).not.toHaveBeenCalled()
  })

  it('posts the trimmed text, announces the result and returns focus to the choice', async () => {
    const { post, user } = setup()
    await user.click(kindButton(/offer/i))
    await user.keyboard('  I can run the tea rota  ')
    await user.click(screen.getByRole('button', { name: 'Add to the board' }))
    expect(post).toHaveBeenCalledWith('contribution', 'I can run the tea rota')
    expect(status().textContent).toBe('Added to “Waiting room”.')
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(document.activeElement).toBe(kindButton(/offer/i))
  })

  it('when the card cannot be added, says so and keeps the text', async () => {
    const { user } = setup(() => null)
    await user.click(kindButton(/hard/i))
    await user.keyboard('The queue is long')
    await user.click(screen.getByRole('button', { name: 'Add to the board' }))
    expect(status().textContent).toBe('Your card could not be added. Try again in a moment.')
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('The queue is long')
  })

  it('Escape cancels: nothing is posted and focus goes back to the choice', async () => {
    const { post, user } = setup()
    await user.click(kindButton(/question/i))
    await user.keyboard('Why?{Escape}')
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(post).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(kindButton(/question/i))
  })
})
