import { STRUCTURE_LIMITS, type CellRef, type ZoneStructure } from '../../../../shared/model/structure'
import { createAttributor, sameCell, structureBounds } from '../attribution'
import { isFiniteCard, movesFrom, placeInHolding, scaleOffset, type CardMove, type EditCard } from './holding'
import type { CardBounds } from '../../cards/cardRecord'
import type { ParsedEdit } from './schema'
import { itemTextPatch } from './itemText'

/**
 * Structure edits on a board with zones and the card moves that keep each card in its zone
 * (the rule is described in structureEdits.ts, the entry point).
 */

// ---------------------------------------------------------------------------------------------
// Structure changes

export function editZones(s: ZoneStructure, e: ParsedEdit): ZoneStructure | string {
  const at = (id: string) => s.zones.findIndex((x) => x.id === id)
  switch (e.type) {
    case 'addZone':
      if (at(e.zone.id) >= 0) return `the id "${e.zone.id}" is already used`
      if (s.zones.length >= STRUCTURE_LIMITS.maxZones)
        return `a board holds at most ${STRUCTURE_LIMITS.maxZones} zones`
      return { ...s, zones: [...s.zones, e.zone] }
    case 'rename':
    case 'editText': {
      if (at(e.id) < 0) return `there is no zone "${e.id}"`
      const patch = itemTextPatch(e)
      return { ...s, zones: s.zones.map((z) => (z.id === e.id ? { ...z, ...patch } : z)) }
    }
    case 'removeZone':
      if (at(e.id) < 0) return `there is no zone "${e.id}"`
      if (s.zones.length === 1) return 'a board with zones needs at least one zone'
      return { ...s, zones: s.zones.filter((z) => z.id !== e.id) }
    case 'setZoneRect':
      if (at(e.id) < 0) return `there is no zone "${e.id}"`
      return {
        ...s,
        zones: s.zones.map((z) => (z.id === e.id ? { ...z, x: e.x, y: e.y, w: e.w, h: e.h } : z)),
      }
    case 'moveStructure':
      return { ...s, zones: s.zones.map((z) => ({ ...z, x: z.x + e.dx, y: z.y + e.dy })) }
    default:
      return 'this board has zones, not stages and lanes'
  }
}

// ---------------------------------------------------------------------------------------------
// Card moves: zones

export function planZoneMoves(
  oldS: ZoneStructure,
  newS: ZoneStructure,
  cards: readonly EditCard[],
  _e: ParsedEdit,
): { moves: CardMove[]; displaced: string[] } {
  const oldAttr = createAttributor(oldS)
  const newAttr = createAttributor(newS)
  const newZones = new Map(newS.zones.map((z) => [z.id, z]))
  const oldZones = new Map(oldS.zones.map((z) => [z.id, z]))
  const placed = new Map<string, { x: number; y: number }>()
  const toHolding: EditCard[] = []
  const displaced: string[] = []

  for (const c of cards) {
    if (!isFiniteCard(c)) continue
    const before = oldAttr(c)
    let pos = { x: c.x, y: c.y }
    if (before.type === 'zone') {
      const nz = newZones.get(before.zoneId)
      if (!nz) {
        toHolding.push(c)
        displaced.push(c.id)
        continue
      }
      const oz = oldZones.get(before.zoneId)!
      const cx = c.x + c.w / 2
      const cy = c.y + c.h / 2
      const ncx = nz.x + scaleOffset(cx - oz.x, oz.w, nz.w)
      const ncy = nz.y + scaleOffset(cy - oz.y, oz.h, nz.h)
      pos = { x: c.x + (ncx - cx), y: c.y + (ncy - cy) }
    }
    if (!sameCell(newAttr({ ...pos, w: c.w, h: c.h }), before)) {
      const free = before.type === 'zone' ? freeSpotInZone(newS, before.zoneId, c, newAttr) : null
      if (!free) {
        toHolding.push(c)
        if (before.type === 'zone') displaced.push(c.id)
        continue
      }
      pos = free
    }
    placed.set(c.id, pos)
  }
  placeInHolding(structureBounds(newS), toHolding, cards, placed)
  return { moves: movesFrom(cards, placed), displaced }
}

/** A card position inside zone `zoneId` where attribution says `zoneId` (the zone may be partly covered). */
function freeSpotInZone(
  s: ZoneStructure,
  zoneId: string,
  c: EditCard,
  attr: (b: CardBounds) => CellRef,
): { x: number; y: number } | null {
  const z = s.zones.find((q) => q.id === zoneId)!
  const steps = 9
  let best: { x: number; y: number; d: number } | null = null
  const cx = c.x + c.w / 2
  const cy = c.y + c.h / 2
  for (let i = 0; i < steps; i++)
    for (let j = 0; j < steps; j++) {
      const px = z.x + ((i + 0.5) / steps) * z.w
      const py = z.y + ((j + 0.5) / steps) * z.h
      const pos = { x: px - c.w / 2, y: py - c.h / 2 }
      const ref = attr({ ...pos, w: c.w, h: c.h })
      if (ref.type !== 'zone' || ref.zoneId !== zoneId) continue
      const d = (px - cx) ** 2 + (py - cy) ** 2
      if (!best || d < best.d) best = { ...pos, d }
    }
  return best ? { x: best.x, y: best.y } : null
}
