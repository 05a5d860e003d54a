import { useEffect, useState } from 'react'
import type { CardRecord } from '../../core/common/cards/cardRecord'
import type { SessionBoard } from './BoardSession'

/**
 * The cards this person sees (their private cards included), re-read after changes — at most every
 * `throttleMs`, and only while `live` (a hidden outline tab does no work while people drag cards).
 */
export function useCards(board: SessionBoard, live = true, throttleMs = 120): CardRecord[] {
  const [cards, setCards] = useState<CardRecord[]>(() => board.cards.list())
  useEffect(() => {
    if (!live) return
    setCards(board.cards.list())
    let timer: ReturnType<typeof setTimeout> | null = null
    const off = board.cards.subscribe(() => {
      if (timer !== null) return
      timer = setTimeout(() => {
        timer = null
        setCards(board.cards.list())
      }, throttleMs)
    })
    return () => {
      off()
      if (timer !== null) clearTimeout(timer)
    }
  }, [board, live, throttleMs])
  return cards
}
