import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { useValue, type Editor } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../../core/common/cards/card'
import type { CardRecord } from '../../../../core/common/cards/cardRecord'
import { readStructure } from '../../../../core/common/session/read'
import type { VotingRound } from '../../../../core/common/voting/round'
import { dotsOn } from '../../../../core/common/voting/ballots'
import { isEligible } from '../../../../core/common/voting/eligibility'
import { roundResults } from '../../../../core/common/voting/tally'
import { cardSummary, formatMeasure } from '../../../../core/common/voting/describe'
import { CanvasAnswer } from './CanvasAnswer'
import { COPRO_ROLES } from '../../../../shared/model/roles'
import type { BoardIdentity } from '../../../board/Board'
import type { LocalVotes } from '../../../session/localVotes'
import { useDocValue } from '../../../session/useDoc'
import { provideCardTalk } from '../../../board/shapes/cardTalk'
import { roleShort, useT } from '../../../device/i18n'
import { useOverlayPlacement } from '../../../board/canvas/useOverlayPlacement'

/** A result badge is never wider than its card (so it covers no neighbour), nor narrower than this. */
const RESULT_MIN_WIDTH = 96

interface Props {
  editor: Editor
  doc: Y.Doc
  /** This person's dots in the session (session.votes). */
  votes: LocalVotes
  identity: BoardIdentity
  openRound: VotingRound | null
  resultsRound: VotingRound | null
}

/**
 * On-canvas dot voting: during an open round, a vote control on each eligible card in view (this
 * person's dots only: they never leave the device before the round closes); after a round the
 * facilitator chose to show, each card's total with its split by co-production role. A result is never
 * wider than its card. Each is placed beside its card where it covers no card's words, or collapses to
 * a compact marker on the card's top edge when the board is zoomed out (useOverlayPlacement); a
 * compact button grows back to full size while it has the keyboard focus or the pointer.
 */
export function VoteOverlay({ editor, doc, votes, identity, openRound, resultsRound }: Props) {
  useSyncExternalStore(votes.subscribe, votes.getVersion)
  const t = useT()
  const structure = useDocValue(doc, readStructure)
  const results = useDocValue(
    doc,
    (d) => (resultsRound ? roundResults(d, resultsRound.id) : null),
    [resultsRound?.id],
    300,
  )
  const round = openRound ?? resultsRound
  const cards = useValue(
    'vote positions',
    () => {
      if (!round) return []
      const vp = editor.getViewportPageBounds()
      const out: { id: string; w: number }[] = []
      for (const s of editor.getCurrentPageShapes()) {
        if (s.type !== CARD_SHAPE_TYPE) continue
        const b = editor.getShapePageBounds(s)
        if (!b || !vp.collides(b)) continue
        if (!isEligible(round, s as unknown as CardRecord, structure ?? null)) continue
        out.push({ id: s.id, w: b.w * editor.getZoomLevel() })
      }
      return out
    },
    [editor, round, structure],
  )
  const resultsByCard = useMemo(() => new Map((results?.cards ?? []).map((c) => [c.cardId, c])), [results])
  // while a dot vote's results are shown, a card's screen-reader description says its votes (describeCard)
  const dotResults = results?.method === 'dots'
  useEffect(
    () => (dotResults ? provideCardTalk(editor, 'votes', (id) => resultsByCard.get(id)?.total) : undefined),
    [editor, dotResults, resultsByCard],
  )
  const canVote = openRound !== null && identity.sessionRole !== 'observer'
  const dots = openRound ? votes.dots(openRound.id, identity.id) : []
  const left = openRound ? openRound.dotsPerPerson - dots.length : 0
  const layer = useRef<HTMLDivElement>(null)
  useOverlayPlacement(editor, layer, round !== null)

  return (
    <div className="facil-votes" data-testid="facil-votes" ref={layer}>
      {cards.map((c) => {
        if (openRound && !canVote) return null
        if (openRound && openRound.method !== 'dots') {
          const count =
            openRound.method === 'agreement'
              ? 3
              : openRound.method === 'scale'
                ? openRound.criteria.length
                : 1
          return (
            <div key={c.id} className="facil-vote" data-overlay-card={c.id} data-overlay-count={count}>
              <CanvasAnswer round={openRound} cardId={c.id} votes={votes} voterId={identity.id} />
            </div>
          )
        }
        if (openRound) {
          const mine = dotsOn(dots, c.id)
          return (
            <div
              key={c.id}
              className="facil-vote"
              data-overlay-card={c.id}
              data-overlay-count={mine > 0 ? 2 : 1}
            >
              {
                <>
                  <button
                    type="button"
                    className="facil-vote__btn"
                    aria-label={t('facilitation.vote.add', { mine, left })}
                    disabled={left <= 0}
                    onPointerDown={(e) => e.stopPropagation()}
                    onClick={() => votes.vote(openRound.id, identity.id, c.id, openRound.dotsPerPerson)}
                  >
                    ●{mine > 0 ? ` ${mine}` : '+'}
                  </button>
                  {mine > 0 && (
                    <button
                      type="button"
                      className="facil-vote__btn"
                      aria-label={t('facilitation.vote.remove')}
                      onPointerDown={(e) => e.stopPropagation()}
                      onClick={() => votes.unvote(openRound.id, identity.id, c.id)}
                    >
                      −
                    </button>
                  )}
                </>
              }
            </div>
          )
        }
        const r = resultsByCard.get(c.id)
        if (!r) return null
        const m = r.measures[0]
        const split =
          results?.method === 'dots' || !results
            ? COPRO_ROLES.filter((role) => r.byRole[role] > 0)
                .map((role) => `${roleShort(t, role)} ${r.byRole[role]}`)
                .join(', ')
            : cardSummary(r, t)
        return (
          <div
            key={c.id}
            className="facil-vote facil-vote--result"
            data-overlay-card={c.id}
            style={{ maxWidth: Math.max(c.w, RESULT_MIN_WIDTH) }}
            title={split}
            aria-label={
              results?.method === 'dots' ? t('facilitation.vote.dots', { count: r.total, split }) : split
            }
            role="img"
          >
            {m ? formatMeasure(m, r.total, m.answers?.overall) : r.total}
            <span className="facil-vote__split" aria-hidden="true">
              {results?.method === 'dots' || !results ? split : results.headlineLabel}
            </span>
          </div>
        )
      })}
    </div>
  )
}
