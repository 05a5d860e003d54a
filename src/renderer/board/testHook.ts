import * as Y from 'yjs'
import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import type { BoardApi, BoardStatus } from './boardApi'
import { readTimer, writeTimer } from '../../core/common/facilitation/state'
import { DOC_KEYS, topLevelArray, topLevelMap } from '../../core/common/session/docSchema'

/**
 * The test hook: a narrow, documented window object (`window.__coproTest`) for the end-to-end tests,
 * installed by the board while it is mounted (see ./testHook.md). It offers only what a test must read
 * and what the UI cannot reach (the camera, the connection, the passing of time); everything a person
 * can do on a board (add, select, move, vote, follow, edit the structure, run the agenda) is done in
 * the tests through the UI or the app API. It depends only on BoardApi and the tldraw Editor's public
 * API, and returns plain data (never live objects) so a test cannot change the board through it.
 */
export interface TestCard {
  id: string
  kind: string
  text: string
  owner: string
  due: string
  /** Page bounds of the card. */
  x: number
  y: number
  w: number
  h: number
  /** Locked by a facilitator (nobody but facilitators may change it). */
  locked: boolean
  /** Every prop of the card as stored (author name and role, votes shown, …). */
  props: Record<string, unknown>
  /** The shape's meta (e.g. private-until-revealed), as stored. */
  meta: Record<string, unknown>
}

export interface TestPoint {
  x: number
  y: number
}

export interface TestCamera {
  x: number
  y: number
  z: number
}

export interface TestBox {
  x: number
  y: number
  w: number
  h: number
}

export interface CoproTestHook {
  /** Bumped when the interface changes incompatibly. */
  readonly version: 1
  /** Every card this person's board holds (private cards included), in no particular order. */
  cards(): TestCard[]
  /** How many shapes of any type (cards, drawn shapes, arrows) are on the page. */
  shapeCount(): number
  /** Ids of the selected shapes. */
  selection(): string[]
  /** The id of the card being edited (text box open), or null. */
  editing(): string | null
  /** Card ids in reading order (the Tab order on the canvas). */
  readingOrder(): string[]
  /** The camera (tldraw page camera: x, y offset and zoom z). */
  camera(): TestCamera
  /** Moves the camera, as scrolling and zooming by hand would. */
  setCamera(camera: TestCamera): void
  /** Centres the view on a page point, as panning by hand would. */
  centerOn(point: TestPoint): void
  /** The part of the page in view. */
  viewport(): TestBox
  /** The size the board last measured its canvas at, in screen px (0×0 while its tab is hidden). */
  viewportScreen(): { w: number; h: number }
  /** A page point in client (mouse) coordinates, for page.mouse. */
  pageToScreen(point: TestPoint): TestPoint
  /** A client (mouse) point in page coordinates. */
  screenToPage(point: TestPoint): TestPoint
  /** The connection to the relay, as the status bar shows it. */
  status(): BoardStatus
  /** Drops (false) or restores (true) the relay connection, as a network outage would. */
  setOnline(online: boolean): void
  /** The other people on this board (live presence). */
  peers(): Array<{
    id: string
    name: string
    sessionRole: string
    cursor: TestPoint | null
    viewport: TestBox | null
  }>
  /** The id of the person whose view this person follows, or null. */
  following(): string | null
  /** Whether the canvas is read-only for this person. */
  readOnly(): boolean
  /** tldraw's animation speed for this person (0 when motion is reduced). */
  animationSpeed(): number
  /** A JSON copy of the session document's stored state: every top-level map and array by name. */
  stored(): Record<string, unknown>
  /** An SVG picture of some cards, as tldraw exports it (what copy-as-picture uses). */
  svg(ids: string[]): Promise<string>
  /** Lets `ms` of the running activity timer pass (time cannot be hurried through the UI). */
  elapseTimer(ms: number): void
  /**
   * Scale tests only: adds many cards at given page positions in one change, as hundreds of people
   * adding cards would (hundreds of adds through the composer would take minutes). Returns their ids.
   */
  seedCards(
    cards: Array<{ kind: string; text: string; x: number; y: number; w?: number; h?: number }>,
  ): string[]
}

/**
 * For bench/ only (never for tests; eslint refuses it in test/e2e): the micro-benchmarks time the
 * tldraw editor itself — a shape moved or the camera set on every animation frame — so they need the
 * editor, not a person's view of it.
 */
export interface CoproBenchHook {
  editor: Editor
}

declare global {
  interface Window {
    __coproTest?: CoproTestHook
    __coproBench?: CoproBenchHook
  }
}

const CARD = 'card'

interface CardLike {
  kind?: unknown
  text?: unknown
  owner?: unknown
  due?: unknown
}

function toCard(editor: Editor, s: TLShape): TestCard {
  const p = s.props as CardLike
  const b = editor.getShapePageBounds(s)
  return {
    id: s.id,
    kind: String(p.kind ?? ''),
    text: String(p.text ?? ''),
    owner: String(p.owner ?? ''),
    due: String(p.due ?? ''),
    x: b?.x ?? s.x,
    y: b?.y ?? s.y,
    w: b?.w ?? 0,
    h: b?.h ?? 0,
    locked: s.isLocked,
    props: JSON.parse(JSON.stringify(s.props)) as Record<string, unknown>,
    meta: JSON.parse(JSON.stringify(s.meta ?? {})) as Record<string, unknown>,
  }
}

function storedState(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, type] of doc.share) {
    // a root type that arrived from the relay before anything here read it is still untyped; type it as
    // the document layout says (typing the activity log as a map would break every later reader of it)
    const typed =
      type instanceof Y.Map || type instanceof Y.Array
        ? type
        : name === DOC_KEYS.records || name === DOC_KEYS.activity
          ? topLevelArray(doc, name)
          : topLevelMap(doc, name)
    out[name] = typed.toJSON()
  }
  return out
}

/** The hook over one mounted board. */
export function createTestHook(api: BoardApi, editor: Editor): CoproTestHook {
  const round = (p: TestPoint): TestPoint => ({ x: p.x, y: p.y })
  return {
    version: 1,
    cards: () =>
      editor
        .getCurrentPageShapes()
        .filter((s) => s.type === CARD)
        .map((s) => toCard(editor, s)),
    shapeCount: () => editor.getCurrentPageShapeIds().size,
    selection: () => [...editor.getSelectedShapeIds()],
    editing: () => editor.getEditingShapeId(),
    readingOrder: () => api.getCardIdsInReadingOrder(),
    camera: () => {
      const c = editor.getCamera()
      return { x: c.x, y: c.y, z: c.z }
    },
    setCamera: (c) => void editor.setCamera(c),
    centerOn: (p) => void editor.centerOnPoint(p),
    viewport: () => {
      const b = editor.getViewportPageBounds()
      return { x: b.x, y: b.y, w: b.w, h: b.h }
    },
    viewportScreen: () => {
      const b = editor.getViewportScreenBounds()
      return { w: Math.round(b.w), h: Math.round(b.h) }
    },
    pageToScreen: (p) => round(editor.pageToScreen(p)),
    screenToPage: (p) => round(editor.screenToPage(p)),
    status: () => ({ ...api.getStatus() }),
    setOnline: (online) => api.setOnline(online),
    peers: () =>
      api.getPeers().map((p) => ({
        id: p.user.id,
        name: p.user.name,
        sessionRole: p.user.sessionRole,
        cursor: p.cursor ? { x: p.cursor.x, y: p.cursor.y } : null,
        viewport: p.viewport ? { x: p.viewport.x, y: p.viewport.y, w: p.viewport.w, h: p.viewport.h } : null,
      })),
    following: () => editor.getInstanceState().followingUserId,
    readOnly: () => editor.getIsReadonly(),
    animationSpeed: () => editor.user.getAnimationSpeed(),
    stored: () => storedState(api.doc),
    svg: async (ids) => (await editor.getSvgString(ids as TLShapeId[]))?.svg ?? '',
    seedCards: (cards) => {
      const ids = cards.map(() => createShapeId())
      editor.run(() =>
        editor.createShapes(
          cards.map((c, i) => ({
            id: ids[i],
            type: CARD,
            x: c.x,
            y: c.y,
            props: {
              kind: c.kind,
              text: c.text,
              ...(c.w !== undefined ? { w: c.w } : {}),
              ...(c.h !== undefined ? { h: c.h } : {}),
            },
          })),
        ),
      )
      return ids
    },
    elapseTimer: (ms) => {
      const t = readTimer(api.doc)
      if (t.status !== 'running' && t.status !== 'paused') return
      writeTimer(api.doc, { ...t, elapsedBeforeMs: t.elapsedBeforeMs + Math.round(ms) })
    },
  }
}

/**
 * Installs `window.__coproTest` (and `window.__coproBench`) for this board; returns the disposer,
 * which removes them if they are still this board's.
 */
export function installTestHook(api: BoardApi, editor: Editor): () => void {
  const hook = createTestHook(api, editor)
  const bench: CoproBenchHook = { editor }
  window.__coproTest = hook
  window.__coproBench = bench
  return () => {
    if (window.__coproTest === hook) delete window.__coproTest
    if (window.__coproBench === bench) delete window.__coproBench
  }
}
