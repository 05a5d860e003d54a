import { fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { CardAuthor } from '../../src/core/common/cards/card'
import { readParticipants } from '../../src/core/common/session/read'
import type { SessionBoard } from '../../src/renderer/session/BoardSession'
import { AddCardForm } from '../../src/renderer/features/outline/AddCardForm'
import { ImportCards } from '../../src/renderer/features/outline/ImportCards'
import { GRID } from '../fixtures/docs/buildDoc'
import { I18nProvider } from '../../src/renderer/device/i18n'

/** The outline's forms speak through the message catalogues (issue 19): English here. */
const wrapper = ({ children }: { children: React.ReactNode }) => (
  <I18nProvider locale="en">{children}</I18nProvider>
)

describe('AddCardForm: one card per line', () => {
  it('turns a pasted list into one card per line, kind and place chosen once', async () => {
    const onAddMany = vi.fn(() => 3)
    const onAdd = vi.fn(() => true)
    render(
      <AddCardForm
        choices={[{ key: 'unplaced', label: 'Not in a cell' }]}
        cellKey="unplaced"
        onCellKey={() => {}}
        onAdd={onAdd}
        onAddMany={onAddMany}
      />,
      { wrapper },
    )
    const user = userEvent.setup()
    const box = screen.getByLabelText('Text')
    box.focus()
    await user.paste('- Long wait\n- No bus\n\n- Jargon')
    expect((screen.getByTestId('outline-add-per-line') as HTMLInputElement).checked).toBe(true)
    await user.selectOptions(screen.getByLabelText('Kind'), 'pain')
    await user.click(screen.getByRole('button', { name: 'Add 3 cards' }))
    expect(onAddMany).toHaveBeenCalledWith('pain', ['Long wait', 'No bus', 'Jargon'], 'unplaced')
    expect(onAdd).not.toHaveBeenCalled()
    expect((box as HTMLTextAreaElement).value).toBe('')
  })
})

function fakeBoard() {
  const doc = new Y.Doc()
  const added: Array<{ kind: string; text: string; cell: unknown; author: CardAuthor | undefined }> = []
  const board = {
    doc,
    cards: {
      add: (kind: string, text: string, cell: unknown, extras: { author?: CardAuthor } = {}) => {
        added.push({ kind, text, cell, author: extras.author })
        return `shape:${added.length}`
      },
    },
  } as unknown as SessionBoard
  return { board, doc, added }
}

function choose(text: string, name = 'cards.csv') {
  const input = screen.getByTestId('import-cards-file') as HTMLInputElement
  fireEvent.change(input, { target: { files: [new File([text], name, { type: 'text/csv' })] } })
}

describe('ImportCards', () => {
  it('previews the rows and writes only on confirm', async () => {
    const { board, doc, added } = fakeBoard()
    const say = vi.fn()
    render(<ImportCards board={board} structure={GRID} say={say} />, { wrapper })
    choose('text,stage,lane,role,name\nLong wait,Applying,Staff and managers,staff,\nNo bus,,,carer,Ana\n')
    const preview = await screen.findByTestId('import-cards-preview')
    expect(within(preview).getAllByRole('row')).toHaveLength(3)
    expect(preview.textContent).toContain('Applying · Staff and managers')
    expect(added).toEqual([])
    await userEvent.setup().click(screen.getByTestId('import-cards-confirm'))
    expect(added.map((a) => [a.text, a.author?.coproRole, a.author?.name])).toEqual([
      ['Long wait', 'frontline-staff', ''],
      ['No bus', 'carer-family', 'Ana'],
    ])
    expect(readParticipants(doc).map((p) => p.name)).toEqual(['Ana'])
    expect(say).toHaveBeenCalledWith('2 cards imported from cards.csv.')
  })

  it('lists rows with problems by number and cannot be confirmed', async () => {
    const { board, added } = fakeBoard()
    render(<ImportCards board={board} structure={GRID} say={() => {}} />, { wrapper })
    choose('text,kind\nGood,pain\n,idea\nOk,zebra\n')
    const errors = await screen.findByTestId('import-cards-errors')
    expect(
      within(errors)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Row 3: the text is empty.', expect.stringMatching(/^Row 4: unknown kind "zebra"/)])
    expect((screen.getByTestId('import-cards-confirm') as HTMLButtonElement).disabled).toBe(true)
    expect(added).toEqual([])
  })
})
