// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from 'tldraw'
import { BoardStructure } from '../../../src/shared/model/structure'
import { cardBounds, selectCards } from '../../../src/core/common/cards/cardRecord'
import { readRecords } from '../../../src/core/common/session/read'
import { writeStructure } from '../../../src/core/common/session/write'
import { attributeCard } from '../../../src/core/common/structure/attribution'
import { createBoardStore, initialBoardRecords } from '../../../src/renderer/board/shapes/boardSchema'
import { Outbox, readyToSend, toPhoneCard, type WaitingCard } from '../../../src/renderer/guest/phone/outbox'
import { isPhoneSized, pickView } from '../../../src/renderer/guest/phone/screenChoice'
import {
  indexAbove,
  newShapeId,
  writePhoneCard,
  type PhoneCard,
} from '../../../src/renderer/guest/phone/writeCard'
import { rootPage } from '../../../src/core/node/server/static'

const item = (id: string, label: string) => ({ id, label, prompt: '', easyRead: '', kinds: [] })
const GRID = BoardStructure.parse({
  type: 'grid',
  x: 0,
  y: 0,
  headerHeight: 80,
  laneHeaderWidth: 160,
  stages: [
    { ...item('arriving', 'Arriving'), width: 700 },
    { ...item('waiting', 'Waiting'), width: 700 },
  ],
  lanes: [
    { ...item('feels', 'How it feels'), height: 500 },
    { ...item('ideas', 'Ideas'), height: 500 },
  ],
})
const author = { id: 'guest-1', name: 'Amira', anonymous: false, coproRole: 'carer-family' as const }
const card = (text: string, cell: PhoneCard['cell'], meta: PhoneCard['meta'] = {}): PhoneCard => ({
  id: newShapeId(),
  kind: 'idea',
  text,
  cell,
  createdAt: 1_767_225_600_000,
  meta,
})

describe('a phone card in the session document', () => {
  it('is a card record tldraw itself accepts (the canvas schema validates it)', () => {
    const doc = new Y.Doc()
    writeStructure(doc, GRID)
    writePhoneCard(doc, card('Ring me', { type: 'cell', stageId: 'waiting', laneId: 'ideas' }), author)
    const [record] = readRecords(doc)
    const store = createBoardStore()
    expect(() => store.put([...initialBoardRecords(), record as TLRecord])).not.toThrow()
    expect(store.get((record as { id: string }).id as TLRecord['id'])).toMatchObject({
      type: 'card',
      parentId: 'page:page',
      props: { text: 'Ring me', authorId: 'guest-1', authorName: 'Amira', authorRole: 'carer-family' },
    })
  })

  it('lands inside the chosen cell, never on another card, however many are written', () => {
    const doc = new Y.Doc()
    writeStructure(doc, GRID)
    const cell = { type: 'cell', stageId: 'arriving', laneId: 'feels' } as const
    for (let i = 0; i < 9; i++) writePhoneCard(doc, card(`card ${i}`, cell), author)
    const { cards } = selectCards(readRecords(doc))
    expect(cards).toHaveLength(9)
    for (const c of cards) expect(attributeCard(GRID, cardBounds(c))).toEqual(cell)
    const boxes = cards.map(cardBounds)
    for (const a of boxes)
      for (const b of boxes)
        if (a !== b)
          expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true)
  })

  it('is written once: sending the same card again changes nothing', () => {
    const doc = new Y.Doc()
    const c = card('Once', null)
    expect(writePhoneCard(doc, c, author)).toBe(true)
    expect(writePhoneCard(doc, c, author)).toBe(false)
    expect(readRecords(doc)).toHaveLength(1)
  })

  it('carries no name when the person did not agree to show it', () => {
    const doc = new Y.Doc()
    writePhoneCard(doc, card('No name', null), { ...author, anonymous: true })
    expect(selectCards(readRecords(doc)).cards[0]!.props.authorName).toBe('')
  })

  it('is drawn above every other shape (a fractional index above the highest)', () => {
    const a = indexAbove([])
    const b = indexAbove([{ typeName: 'shape', parentId: 'page:page', index: a }])
    expect(b > a).toBe(true)
    // an index another tool wrote badly does not stop the card
    expect(indexAbove([{ typeName: 'shape', parentId: 'page:page', index: '!!' }])).toMatch(/^a/)
  })
})

describe('the outbox', () => {
  const waiting = (over: Partial<WaitingCard> = {}): WaitingCard => ({
    id: newShapeId(),
    kind: 'pain',
    text: 'Kept',
    cell: null,
    createdAt: 1,
    privateTo: null,
    ...over,
  })

  it('keeps cards on the device across page loads, until they are sent', () => {
    const key = Outbox.keyFor('s-1', 'guest-1')
    const first = new Outbox(key)
    const c = waiting()
    first.add(c)
    expect(new Outbox(key).list()).toEqual([c])
    first.remove(c.id)
    expect(new Outbox(key).list()).toEqual([])
  })

  it('ignores what it cannot read rather than crashing', () => {
    localStorage.setItem(Outbox.keyFor('s-2', 'g'), '{not json')
    expect(new Outbox(Outbox.keyFor('s-2', 'g')).list()).toEqual([])
    localStorage.setItem(Outbox.keyFor('s-3', 'g'), JSON.stringify([{ id: 'x' }]))
    expect(new Outbox(Outbox.keyFor('s-3', 'g')).list()).toEqual([])
  })

  it('holds a private card until its activity is revealed, then sends it as revealed', () => {
    const c = waiting({ privateTo: 'feelings' })
    expect(readyToSend(c, {})).toBe(false)
    expect(readyToSend(c, { feelings: 5 })).toBe(true)
    expect(toPhoneCard(c).meta).toEqual({ private: false, activityId: 'feelings' })
    expect(toPhoneCard(waiting()).meta).toEqual({})
  })
})

describe('which guest screen a join link opens', () => {
  it('phones get the participant screen, wider screens the canvas, unless the person chose', () => {
    localStorage.clear()
    expect(isPhoneSized({ width: 390, height: 844 })).toBe(true)
    expect(isPhoneSized({ width: 844, height: 390 })).toBe(true)
    expect(pickView(new URLSearchParams(''), { width: 390, height: 844 })).toBe('phone')
    expect(pickView(new URLSearchParams(''), { width: 1280, height: 800 })).toBe('board')
    expect(pickView(new URLSearchParams('view=phone'), { width: 1280, height: 800 })).toBe('phone')
    // remembered on the device
    expect(pickView(new URLSearchParams(''), { width: 1280, height: 800 })).toBe('phone')
  })

  it('copro serve answers a join link with the participant page, and ?view=board with the canvas', () => {
    expect(rootPage(new URLSearchParams('join=s1&token=t'))).toBe('participant.html')
    expect(rootPage(new URLSearchParams('join=s1&view=board'))).toBe('index.html')
    expect(rootPage(new URLSearchParams(''))).toBe('index.html')
  })
})
