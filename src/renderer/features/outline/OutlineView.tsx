import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CardKind } from '../../../shared/model/cardKinds'
import { useBoardSession } from '../../session/useBoardSession'
import type { SessionBoard } from '../../session/BoardSession'
import { useServices } from '../../workbench/context'
import { readSpreadsheetVia, type ReadSpreadsheet } from './spreadsheetImport'
import { AddPhotoCard } from './AddPhotoCard'
import { OutlineImageUrl, OutlinePictures, type ImageUrl } from './OutlinePhoto'
import { useWorkbench } from '../../workbench/store'
import { preferences, usePreferences } from '../../device/preferences'
import { cellName as describeCellRef } from '../../../core/common/structure/cellLabel'
import type { ScribedFor } from '../../../core/common/cards/card'
import { isFacilitatorRole } from '../../../core/common/permissions'
import { scribeOptions } from '../../board/ScribedForField'
import { AddCardForm } from './AddCardForm'
import { OutlineTrash } from './OutlineTrash'
import { OutlineModeration } from './OutlineModeration'
import { CellBody, Heading, talkText } from './OutlineParts'
import { OutlineNow } from './OutlineNow'
import { OutlineResults } from './OutlineResults'
import {
  OutlineCardItem,
  type CardActions,
  type CardMode,
  type CardVote,
  type OutlineLink,
} from './OutlineCardItem'
import { useOutlineLinks } from './useOutlineLinks'

const NO_LINKS: readonly OutlineLink[] = []
import { OutlineThemes } from './OutlineThemes'
import { ImportCards } from './ImportCards'
import { buildOutline, cellChoices, parseCellKey, type OutlineCell } from './outlineModel'
import { useCards } from '../../session/useCards'
import { commentTargetKey, useComments } from '../../session/comments'
import { useT } from '../../device/i18n'
import { useWorkshop } from './useOutlineData'
import './outline.css'

/**
 * The outline of a session's board: its structure as headings and a table (stages × lanes) or a list
 * of zones, with the cards in each cell. Everything the canvas offers for cards (add, edit, move,
 * vote, delete) works here by keyboard and screen reader; changes go through the board, so the canvas
 * and the outline stay in sync both ways.
 */
export function OutlineView({ sessionId }: { sessionId: string }) {
  const { store } = useServices()
  const t = useT()
  const board = useBoardSession()?.board ?? null
  const sessionTitle = useWorkbench(
    store,
    (s) => s.tabs.find((t) => t.kind === 'session' && t.sessionId === sessionId)?.title ?? null,
  )
  if (!board || board.sessionId !== sessionId)
    return (
      <div className="outline outline-empty" data-testid="outline">
        <p>{t('outline.noSession')}</p>
        <button
          type="button"
          className="button primary"
          onClick={() => store.openSessionTab(sessionId, sessionTitle ?? t('outline.session'))}
        >
          {t('outline.openBoard')}
        </button>
      </div>
    )
  return <WorkbenchOutline board={board} title={sessionTitle ?? t('outline.session')} />
}

/** The outline in a workbench tab: speaks through the workbench, "show on canvas" opens the board tab. */
function WorkbenchOutline({ board, title }: { board: SessionBoard; title: string }) {
  const services = useServices()
  const { store } = services
  const session = useBoardSession()
  const shown = useWorkbench(store, (s) => s.activeTabId === `outline:${board.sessionId}`)
  const host = useMemo<OutlineHost>(
    () => ({
      announce: (text) => store.announce(text),
      showCanvas: () => store.openSessionTab(board.sessionId, title),
      showComments: (cardId) => {
        session?.scoped(commentTargetKey).set(cardId)
        store.showView('comments')
      },
      readSpreadsheet: (base64) => readSpreadsheetVia(services.host, base64),
    }),
    [store, board.sessionId, title, session, services.host],
  )
  return <Outline board={board} title={title} host={host} shown={shown} />
}

/** What the outline needs of whoever shows it (the workbench, or the guest app). */
export interface OutlineHost {
  /** Reads text out through a polite live region. */
  announce(text: string): void
  /** Shows the board's canvas (before a card is revealed on it). */
  showCanvas(): void
  /** Shows a card's comments (the workbench's Comments view); absent: no Comments button. */
  showComments?(cardId: string): void
  /** Reads an .xlsx file's first sheet (the app's server does; absent: CSV only). */
  readSpreadsheet?: ReadSpreadsheet
}

/**
 * The outline itself for a given board, inside the board's session (useBoardSession: its voting
 * bridge, and where the outline's focus is). `shown`: whether it is on screen now.
 */
export function Outline({
  board,
  title,
  host,
  shown,
}: {
  board: SessionBoard
  title: string
  host: OutlineHost
  shown: boolean
}) {
  const session = useBoardSession()
  const prefs = usePreferences()
  const t = useT()
  const { structure, snapshot } = useWorkshop(board.doc)
  const cards = useCards(board, shown)
  const voting = session?.votingBridge ?? null
  const [, setVotes] = useState(0)
  useEffect(() => voting?.subscribe(() => setVotes((n) => n + 1)), [voting])
  const model = useMemo(
    () => buildOutline(structure, cards, { easyRead: prefs.easyRead, meId: board.identity.id }),
    [structure, cards, prefs.easyRead, board.identity.id],
  )
  const choices = useMemo(() => cellChoices(structure), [structure])
  const [cellKey, setCellKey] = useState(choices[0]?.key ?? 'unplaced')
  useEffect(() => {
    if (!choices.some((c) => c.key === cellKey)) setCellKey(choices[0]?.key ?? 'unplaced')
  }, [choices, cellKey])
  const [modes, setModes] = useState<{ id: string; mode: CardMode } | null>(null)
  const addText = useRef<HTMLTextAreaElement>(null)
  const root = useRef<HTMLDivElement>(null)
  const pendingFocus = useRef<{ id: string; action: string } | null>(null)
  const readOnly = board.cards.readOnly()
  const imageUrl = useCallback<ImageUrl>((ref) => board.imageUrl(ref), [board])

  // put focus back on a card's buttons after it moved or its form closed
  useEffect(() => {
    const want = pendingFocus.current
    if (!want) return
    const el = root.current?.querySelector<HTMLElement>(
      `[data-card-id="${CSS.escape(want.id)}"] [data-action="${want.action}"]`,
    )
    if (el) {
      el.focus()
      pendingFocus.current = null
    }
  })

  const say = (text: string) => host.announce(text)
  const where = (key: string) => describeCellRef(structure, parseCellKey(key))

  // one stable set of card actions reading the latest state through refs, so memoised cards stay put
  const latest = useRef({ board, structure, title, modes, voting })
  latest.current = { board, structure, title, modes, voting }
  const actions = useMemo<CardActions>(() => {
    const speak = (text: string) => host.announce(text)
    const whereIs = (key: string) => describeCellRef(latest.current.structure, parseCellKey(key))
    const backTo = (id: string, action: string) => {
      setModes(null)
      pendingFocus.current = { id, action }
    }
    return {
      mode: (id, mode) => {
        if (mode === 'view') backTo(id, latest.current.modes?.mode === 'move' ? 'move' : 'edit')
        else setModes({ id, mode })
      },
      save: (id, patch) => {
        if (latest.current.board.cards.update(id, patch)) speak(t('outline.say.saved'))
        backTo(id, 'edit')
      },
      move: (id, from, to) => {
        if (to !== from && latest.current.board.cards.moveToCell(id, parseCellKey(to)))
          speak(t('outline.say.moved', { where: whereIs(to) }))
        backTo(id, 'move')
      },
      remove: (id, cellKey) => {
        if (latest.current.board.cards.remove(id)) speak(t('outline.say.deleted'))
        setModes(null)
        root.current
          ?.querySelector<HTMLElement>(`[data-cell="${CSS.escape(cellKey)}"] .outline-add-here`)
          ?.focus()
      },
      reveal: (id) => {
        const { board: b } = latest.current
        host.showCanvas()
        // after the tab is shown, so the canvas has its size again
        requestAnimationFrame(() => {
          if (b.cards.reveal(id)) speak(t('outline.say.revealed'))
        })
      },
      ...(host.showComments ? { comments: (id: string) => host.showComments?.(id) } : {}),
      vote: (id) => void latest.current.voting?.addDot(id),
      unvote: (id) => void latest.current.voting?.removeDot(id),
      link: (fromId, toId, kind) => {
        if (latest.current.board.links.create(fromId, toId, kind)) speak(t('outline.say.linked', { kind }))
        backTo(fromId, 'link')
      },
      setLinkKind: (arrowId, kind) => {
        if (latest.current.board.links.setKind(arrowId, kind))
          speak(t('outline.say.linkChanged', { link: t(`links.${kind}.label`) }))
      },
      unlink: (arrowId, cardId) => {
        if (latest.current.board.links.remove(arrowId)) speak(t('outline.say.unlinked'))
        pendingFocus.current = { id: cardId, action: 'link' }
      },
    }
  }, [host, t])
  const { linksByCard, linkTargets } = useOutlineLinks(board, cards)
  const talk = useComments(board.doc)
  const voteOf = (id: string): CardVote | null =>
    voting && voting.canVote(id) ? { mine: voting.dotsOn(id), left: voting.dotsLeft() } : null

  const onAdd = (
    kind: CardKind,
    text: string,
    key: string,
    extras: { owner: string; due: string; scribedFor: ScribedFor | null },
  ) => {
    const id = board.cards.add(kind, text, parseCellKey(key), extras)
    if (!id) {
      say(t('outline.say.readOnlyOne'))
      return false
    }
    say(t('outline.say.added', { where: where(key) }))
    return true
  }

  const onAddMany = (kind: CardKind, texts: readonly string[], key: string): number => {
    let n = 0
    for (const text of texts) if (board.cards.add(kind, text, parseCellKey(key))) n++
    say(n === 0 ? t('outline.say.readOnlyMany') : t('outline.say.addedMany', { count: n, where: where(key) }))
    return n
  }

  const cellProps = (cell: OutlineCell) => ({
    cell,
    onFocusCell: (key: string) => session?.setOutlineFocus(key),
    readOnly,
    onAddHere: () => {
      setCellKey(cell.key)
      addText.current?.focus()
      say(t('outline.say.adding', { where: cell.label }))
    },
    renderCard: (c: OutlineCell['cards'][number]) => (
      <OutlineCardItem
        key={c.id}
        card={c}
        cellKey={cell.key}
        mode={modes?.id === c.id ? modes.mode : 'view'}
        readOnly={readOnly}
        ownOnly={board.identity.sessionRole === 'participant'}
        choices={choices}
        vote={voteOf(c.id)}
        links={linksByCard.get(c.id) ?? NO_LINKS}
        talk={talkText(t, talk.commentCount.get(c.id) ?? 0, talk.meToo.get(c.id)?.total ?? 0)}
        linkTargets={() => linkTargets(c.id)}
        actions={actions}
      />
    ),
  })

  return (
    <OutlineImageUrl.Provider value={imageUrl}>
      <div className="outline" data-testid="outline" ref={root}>
        <h2 className="outline-title">{t('outline.title', { title })}</h2>
        <p className="muted">{t('outline.lead', { count: model.total })}</p>
        <OutlineNow snapshot={snapshot} voting={voting} />
        <div className="outline-toolbar" role="toolbar" aria-label={t('outline.toolbar')}>
          <button type="button" className="button small" onClick={() => board.undo()} disabled={readOnly}>
            {t('outline.undo')}
          </button>
          <button type="button" className="button small" onClick={() => board.redo()} disabled={readOnly}>
            {t('outline.redo')}
          </button>
          <label className="outline-check">
            <input
              type="checkbox"
              checked={prefs.easyRead}
              onChange={(e) => preferences.set({ easyRead: e.target.checked })}
            />
            {t('outline.easyRead')}
          </label>
        </div>
        {session && <OutlineModeration board={board} client={session.moderation} say={say} />}
        <OutlineTrash board={board} say={say} />
        {readOnly ? (
          <p className="muted">{t('outline.readOnly')}</p>
        ) : (
          <AddCardForm
            ref={addText}
            choices={choices}
            cellKey={cellKey}
            onCellKey={setCellKey}
            onAdd={onAdd}
            scribeOptions={
              isFacilitatorRole(board.identity.sessionRole) ? scribeOptions(board.doc) : undefined
            }
            onAddMany={onAddMany}
          />
        )}
        {!readOnly && (
          <details className="outline-import">
            <summary>{t('outline.addPhoto')}</summary>
            <AddPhotoCard board={board} choices={choices} cellKey={cellKey} say={say} />
          </details>
        )}
        {!readOnly && isFacilitatorRole(board.identity.sessionRole) && (
          <details className="outline-import">
            <summary>{t('outline.import')}</summary>
            <ImportCards
              board={board}
              structure={structure}
              say={say}
              readSpreadsheet={host.readSpreadsheet}
            />
          </details>
        )}
        {model.type === 'grid' && (
          <div
            className="outline-table-wrap"
            role="region"
            aria-label={t('outline.table.label')}
            tabIndex={0}
          >
            <table className="outline-table">
              <caption>{t('outline.table.caption')}</caption>
              <thead>
                <tr>
                  <td />
                  {model.stages.map((s) => (
                    <th key={s.id} scope="col">
                      <Heading h={s} kind={t('outline.table.stage')} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {model.lanes.map((l, li) => (
                  <tr key={l.id}>
                    <th scope="row">
                      <Heading h={l} kind={t('outline.table.lane')} />
                    </th>
                    {model.cells[li]!.map((cell) => (
                      <td key={cell.key} data-cell={cell.key}>
                        <CellBody {...cellProps(cell)} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {model.type === 'zones' &&
          model.zones.map((z) => (
            <section
              key={z.id}
              className="outline-zone"
              data-cell={z.cell.key}
              aria-labelledby={`zone-${z.id}`}
            >
              <h3 id={`zone-${z.id}`} className="outline-subtitle">
                {z.label}
              </h3>
              {z.prompt && (
                <p className="outline-prompt" dir="auto">
                  {z.prompt}
                </p>
              )}
              <CellBody {...cellProps(z.cell)} />
            </section>
          ))}
        <section className="outline-zone" data-cell="unplaced" aria-labelledby="outline-unplaced">
          <h3 id="outline-unplaced" className="outline-subtitle">
            {model.type === 'none' ? t('outline.cards') : t('outline.unplaced')}
          </h3>
          <CellBody {...cellProps(model.unplaced)} />
        </section>
        <OutlinePictures doc={board.doc} />
        <OutlineThemes board={board} cards={cards} />
        <OutlineResults board={board} cards={cards} />
      </div>
    </OutlineImageUrl.Provider>
  )
}
