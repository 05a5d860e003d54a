import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { selectCards } from '../../src/core/common/cards/cardRecord'
import { readRecords } from '../../src/core/common/session/read'
import { readThemes } from '../../src/core/common/themes/theme'
import { ThemesPanel } from '../../src/renderer/features/themes/ThemesView'
import { by, person, SessionBuilder } from '../fixtures/docs/sessionBuilder'

const TEXTS = [
  'The waiting list is far too long',
  'Long waiting list for therapy',
  'Nobody tells you your place on the waiting list',
  'Can never get through on the phone',
  'On hold on the phone for forty minutes',
  'The phone line cuts off when the queue is full',
  'Parking is expensive',
]

function setup(opts: { canEdit?: boolean; selected?: (ids: string[]) => string[] } = {}) {
  const b = new SessionBuilder(null, {
    sessionId: 's1',
    title: 'T',
    templateId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  })
  const me = person('p1', 'Sam', 'service-user')
  const ids = TEXTS.map((t, i) => b.card({ x: i * 300, y: 0 }, 'pain', t, by(me)))
  const cards = selectCards(readRecords(b.doc)).cards
  const say = vi.fn()
  render(
    <ThemesPanel
      doc={b.doc}
      cards={cards}
      canEdit={opts.canEdit ?? true}
      selectedCardIds={() => opts.selected?.(ids) ?? []}
      say={say}
    />,
  )
  return { doc: b.doc, ids, say, user: userEvent.setup() }
}

describe('ThemesPanel', () => {
  it('groups ticked cards under a name, with clear errors for no name or no card', async () => {
    const { doc, user, say } = setup()
    await user.click(screen.getByTestId('group-selected'))
    expect(screen.getByRole('alert').textContent).toMatch(/name/)
    await user.type(screen.getByTestId('theme-name'), 'Waiting')
    await user.click(screen.getByTestId('group-selected'))
    expect(screen.getByRole('alert').textContent).toMatch(/Choose at least one card/)
    expect(readThemes(doc)).toEqual([])
    // tick two cards in the list instead
    await user.click(screen.getByText(/Tick cards not yet in a theme/))
    await user.click(screen.getByLabelText(/far too long/))
    await user.click(screen.getByLabelText(/therapy/))
    await user.click(screen.getByTestId('group-ticked'))
    expect(readThemes(doc).map((t) => [t.name, t.cardIds.length, t.source])).toEqual([
      ['Waiting', 2, 'manual'],
    ])
    expect(say).toHaveBeenLastCalledWith('2 cards grouped as the theme “Waiting”.')
    const list = await screen.findByTestId('themes-list')
    expect(within(list).getByText(/far too long/)).toBeTruthy()
  })

  it('suggests themes; accepts a renamed one, discards another, suggests again over the rest', async () => {
    const { doc, user } = setup()
    await user.click(screen.getByTestId('suggest-themes'))
    const proposals = await screen.findByTestId('theme-proposals')
    const items = within(proposals)
      .getAllByRole('listitem')
      .filter((li) => li.dataset.proposal !== undefined)
    expect(items.length).toBe(2)
    const names = within(proposals).getAllByLabelText('Suggested theme name') as HTMLInputElement[]
    expect(names.map((n) => n.value).sort()).toEqual([
      expect.stringMatching(/phone/i),
      expect.stringMatching(/waiting|list/i),
    ])
    // rename the phone one and accept it
    const phone = names.find((n) => /phone/i.test(n.value))!
    await user.clear(phone)
    await user.type(phone, 'Getting through')
    const phoneItem = phone.closest('li')!
    await user.click(within(phoneItem).getByRole('button', { name: 'Accept' }))
    expect(readThemes(doc).map((t) => [t.name, t.cardIds.length, t.source])).toEqual([
      ['Getting through', 3, 'suggested'],
    ])
    // the other is discarded: nothing more is written
    await user.click(
      within(await screen.findByTestId('theme-proposals')).getByRole('button', { name: 'Discard' }),
    )
    expect(screen.queryByTestId('theme-proposals')).toBeNull()
    expect(readThemes(doc)).toHaveLength(1)

    // suggest again over the remaining cards (the grouped ones are left out), accept
    await user.click(screen.getByTestId('suggest-themes'))
    const again = await screen.findByTestId('theme-proposals')
    await user.click(within(again).getByRole('button', { name: 'Accept' }))
    expect(readThemes(doc).map((t) => t.cardIds.length)).toEqual([3, 3])
  })

  it('merges and ungroups themes; people who are not facilitators only read', async () => {
    const { doc, user } = setup()
    await user.click(screen.getByTestId('suggest-themes'))
    for (const b of within(await screen.findByTestId('theme-proposals')).getAllByRole('button', {
      name: 'Accept',
    }))
      await user.click(b)
    expect(readThemes(doc)).toHaveLength(2)
    const [first, second] = readThemes(doc)
    const item = (await screen.findByTestId('themes-list')).querySelector(
      `[data-theme-id="${second!.id}"]`,
    ) as HTMLElement
    await user.selectOptions(within(item).getByRole('combobox'), first!.id)
    await user.click(within(item).getByRole('button', { name: 'Merge' }))
    expect(readThemes(doc).map((t) => [t.id, t.cardIds.length])).toEqual([[first!.id, 6]])
    const merged = (await screen.findByTestId('themes-list')).querySelector(
      `[data-theme-id="${first!.id}"]`,
    ) as HTMLElement
    await user.click(within(merged).getByRole('button', { name: 'Ungroup' }))
    expect(readThemes(doc)).toEqual([])
  })

  it('groups the cards selected on the canvas', async () => {
    const { doc, ids, user } = setup({ selected: (all) => [all[3]!, all[4]!, 'shape:not-a-card'] })
    await user.type(screen.getByTestId('theme-name'), 'Phone')
    await user.click(screen.getByTestId('group-selected'))
    expect(readThemes(doc).map((t) => [t.name, t.cardIds])).toEqual([['Phone', [ids[3], ids[4]]]])
  })

  it('merges ticked suggestions into one before accepting', async () => {
    const { doc, user } = setup()
    await user.click(screen.getByTestId('suggest-themes'))
    const proposals = await screen.findByTestId('theme-proposals')
    for (const box of within(proposals).getAllByRole('checkbox')) await user.click(box)
    await user.click(screen.getByRole('button', { name: 'Merge ticked suggestions (2)' }))
    const after = await screen.findByTestId('theme-proposals')
    expect(within(after).getAllByLabelText('Suggested theme name')).toHaveLength(1)
    await user.click(within(after).getByRole('button', { name: 'Accept' }))
    expect(readThemes(doc).map((t) => t.cardIds.length)).toEqual([6])
  })

  it('shows themes without controls to people who may not change them', () => {
    setup({ canEdit: false })
    expect(screen.queryByTestId('suggest-themes')).toBeNull()
    expect(screen.queryByTestId('group-selected')).toBeNull()
    expect(screen.getByText('No themes yet.')).toBeTruthy()
  })
})
