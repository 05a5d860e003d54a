import { memo, useEffect, useMemo } from 'react'
import type * as Y from 'yjs'
import { useEditor, useValue } from 'tldraw'
import type { BoardStructure, CellRef, GridStructure, ZoneStructure } from '../../../shared/model/structure'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import {
  cellRect,
  createAttributor,
  gridLaneEdges,
  gridStageEdges,
  structureBounds,
} from '../../../core/common/structure/attribution'
import { useStructure } from './useStructure'
import { useStructureDisplay } from '../../device/displayOptions'
import { cellName } from '../../../core/common/structure/cellLabel'
import { fitStructureOnce } from './camera'
import { useT } from '../../device/i18n'
import './structure.css'

/**
 * The board structure drawn on the canvas, behind the cards: stage column headers and lane row
 * headers with their prompts and the cell grid, or zone frames. It is not a tldraw shape, so nobody
 * can select, move or delete it; it lives in tldraw's `OnTheCanvas` slot, which follows the camera.
 * While cards are dragged, their target cells are highlighted (same attribution as exports).
 */
export function StructureLayer({ doc }: { doc: Y.Doc }) {
  const editor = useEditor()
  const structure = useStructure(doc)
  const { easyRead } = useStructureDisplay()
  useEffect(() => fitStructureOnce(editor, structure), [editor, structure])
  if (!structure) return null
  return (
    <>
      <StructureDrawing structure={structure} easyRead={easyRead} />
      <DragTargets structure={structure} />
    </>
  )
}

const StructureDrawing = memo(function StructureDrawing({
  structure,
  easyRead,
}: {
  structure: BoardStructure
  easyRead: boolean
}) {
  return structure.type === 'grid' ? (
    <GridDrawing grid={structure} easyRead={easyRead} />
  ) : (
    <ZonesDrawing zones={structure} easyRead={easyRead} />
  )
})

/** One header (stage, lane or zone): label and prompt. Memoised on plain values, so a change to one
 * label re-renders one header, not all of them. Position is relative to the structure's corner. */
const Header = memo(function Header({
  role,
  id,
  label,
  prompt,
  left,
  top,
  width,
  height,
}: {
  role: 'stage' | 'lane' | 'zone'
  id: string
  label: string
  prompt: string
  left: number
  top: number
  width: number | string
  height?: number
}) {
  return (
    <div
      className={`copro-structure__header copro-structure__header--${role}`}
      data-structure-role={role}
      data-structure-id={id}
      style={{ left, top, width, height }}
    >
      <div className="copro-structure__label">{label}</div>
      {prompt && <div className="copro-structure__prompt">{prompt}</div>}
    </div>
  )
})

function GridDrawing({ grid, easyRead }: { grid: GridStructure; easyRead: boolean }) {
  const b = structureBounds(grid)
  const xs = gridStageEdges(grid)
  const ys = gridLaneEdges(grid)
  const top = grid.y + grid.headerHeight
  const left = grid.x + grid.laneHeaderWidth
  const lines: string[] = []
  for (const x of xs) lines.push(`M${x - b.x} 0V${b.h}`)
  for (const y of ys) lines.push(`M0 ${y - b.y}H${b.w}`)
  return (
    <div
      className="copro-structure copro-structure--grid"
      data-testid="structure-layer"
      data-structure-type="grid"
      style={{ left: b.x, top: b.y, width: b.w, height: b.h }}
    >
      <svg className="copro-structure__svg" width={b.w} height={b.h} aria-hidden="true">
        <rect className="copro-structure__header-bg" x={0} y={0} width={b.w} height={top - b.y} />
        <rect className="copro-structure__header-bg" x={0} y={0} width={left - b.x} height={b.h} />
        <path className="copro-structure__lines" d={lines.join('')} />
        <rect className="copro-structure__outline" x={0} y={0} width={b.w} height={b.h} />
      </svg>
      {grid.stages.map((s, i) => (
        <Header
          key={s.id}
          role="stage"
          id={s.id}
          label={s.label}
          prompt={easyRead && s.easyRead ? s.easyRead : s.prompt}
          left={xs[i]! - b.x}
          top={0}
          width={s.width}
          height={grid.headerHeight}
        />
      ))}
      {grid.lanes.map((l, j) => (
        <Header
          key={l.id}
          role="lane"
          id={l.id}
          label={l.label}
          prompt={easyRead && l.easyRead ? l.easyRead : l.prompt}
          left={0}
          top={ys[j]! - b.y}
          width={grid.laneHeaderWidth}
          height={l.height}
        />
      ))}
    </div>
  )
}

function ZonesDrawing({ zones, easyRead }: { zones: ZoneStructure; easyRead: boolean }) {
  const b = structureBounds(zones)
  return (
    <div
      className="copro-structure copro-structure--zones"
      data-testid="structure-layer"
      data-structure-type="zones"
      style={{ left: b.x, top: b.y, width: b.w, height: b.h }}
    >
      {zones.zones.map((z) => (
        <div
          key={z.id}
          className="copro-structure__zone"
          style={{ left: z.x - b.x, top: z.y - b.y, width: z.w, height: z.h }}
        >
          <Header
            role="zone"
            id={z.id}
            label={z.label}
            prompt={easyRead && z.easyRead ? z.easyRead : z.prompt}
            left={0}
            top={0}
            width="100%"
          />
        </div>
      ))}
    </div>
  )
}

/** Highlights the cells the dragged cards would land in. */
function DragTargets({ structure }: { structure: BoardStructure }) {
  const editor = useEditor()
  const attribute = useMemo(() => createAttributor(structure), [structure])
  // A string, so the layer re-renders only when the set of target cells changes, not every frame.
  const key = useValue(
    'copro structure drag targets',
    () => {
      if (!editor.isIn('select.translating')) return ''
      const refs = new Map<string, CellRef>()
      for (const s of editor.getSelectedShapes()) {
        if (s.type !== CARD_SHAPE_TYPE) continue
        const p = s.props as { w: number; h: number }
        const ref = attribute({ x: s.x, y: s.y, w: p.w, h: p.h })
        if (ref.type !== 'unplaced') refs.set(JSON.stringify(ref), ref)
      }
      return JSON.stringify([...refs.values()])
    },
    [editor, attribute],
  )
  const t = useT()
  if (!key) return null
  const refs = JSON.parse(key) as CellRef[]
  return (
    <>
      {refs.map((ref) => {
        const r = cellRect(structure, ref)
        if (!r) return null
        return (
          <div
            key={JSON.stringify(ref)}
            className="copro-structure__target"
            data-testid="structure-drop-target"
            style={{ left: r.x, top: r.y, width: r.w, height: r.h }}
          >
            <span className="copro-structure__target-label">
              {cellName(structure, ref, t('outline.unplaced'))}
            </span>
          </div>
        )
      })}
    </>
  )
}
