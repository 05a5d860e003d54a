import { useId, useState } from 'react'
import { KindIcon } from '../../device/icons/KindIcon'
import type { CellRef } from '../../../shared/model/structure'
import { CARD_KIND_INFO, CARD_TEXT_MAX, type CardKind } from '../../../core/common/cards/card'
import { cellKey } from '../../../core/common/structure/attribution'
import { guestCellLabel } from '../../../core/common/structure/cellLabel'
import { targetCell } from '../../../core/common/structure/placement'
import { SIMPLE_KINDS } from '../SimpleComposer'
import { readyToSend } from './outbox'
import type { PhoneSnapshot } from './snapshot'
import type { Phone, Place } from './usePhone'
import { newShapeId } from './writeCard'
import { approvalCopy, ForApproval } from './ForApproval'
import { kindPhrase, useT } from '../../device/i18n'
import { PhotoAdd } from './PhotoAdd'

/** Where a new card of this kind goes unless the person chooses: the current activity's cell, else the first cell. */
export function defaultCell(snap: PhoneSnapshot, kind: CardKind): CellRef | null {
  const target = targetCell(snap.agenda, snap.structure, kind)
  if (target) return target
  const first = snap.cells.find((c) => c.ref.type === 'zone' || lanesAsk(snap, c.ref, kind)) ?? snap.cells[0]
  return first?.ref ?? null
}

function lanesAsk(snap: PhoneSnapshot, ref: CellRef, kind: CardKind): boolean {
  if (ref.type !== 'cell' || snap.structure?.type !== 'grid') return false
  return snap.structure.lanes.find((l) => l.id === ref.laneId)?.kinds.includes(kind) ?? false
}

/** Add: the kind (big icon + word buttons), the text, and where it goes, in words, before sending. */
export function AddPanel({ phone, onGo }: { phone: Phone; onGo(p: Place): void }) {
  const t = useT()
  const { snap } = phone
  const [kind, setKind] = useState<CardKind>('idea')
  const [text, setText] = useState('')
  const [chosen, setChosen] = useState<CellRef | null>(null)
  const [said, setSaid] = useState('')
  const ids = { text: useId(), where: useId(), stage: useId(), lane: useId(), zone: useId() }
  const valid = (ref: CellRef | null) => ref !== null && snap.cells.some((c) => c.key === cellKey(ref))
  const cell = valid(chosen) ? chosen : defaultCell(snap, kind)
  // a cell that no longer exists is not named (the card goes on the board, said in the reader's language)
  const where = guestCellLabel(snap.structure, cell)
  const s = snap.structure

  const post = (e: React.FormEvent) => {
    e.preventDefault()
    const body = text.trim()
    if (!body) {
      setSaid(t('phone.add.empty'))
      return
    }
    const activity = snap.activity
    const privateTo = activity?.private && snap.revealed[activity.id] === undefined ? activity.id : null
    const sent = phone.add({
      id: newShapeId(),
      kind,
      text: body.slice(0, CARD_TEXT_MAX),
      cell,
      createdAt: Date.now(),
      privateTo,
    })
    setSaid(
      phone.moderation.mine?.moderated && !privateTo
        ? approvalCopy(t).sent
        : sent
          ? where
            ? t('guest.postedIn', { where })
            : t('guest.posted')
          : privateTo
            ? t('phone.add.savedPrivate')
            : where
              ? t('phone.add.savedWaitingIn', { where })
              : t('phone.add.savedWaiting'),
    )
    setText('')
  }

  const waiting = phone.waiting
  return (
    <div className="phone-panel" data-testid="phone-add">
      <form onSubmit={post} className="phone-form" noValidate>
        <fieldset className="phone-kinds">
          <legend className="phone-label">{t('phone.add.kind')}</legend>
          {SIMPLE_KINDS.map((k) => (
            <label
              key={k}
              className={`phone-kind${kind === k ? ' phone-kind--on' : ''}`}
              style={{ background: CARD_KIND_INFO[k].colour }}
            >
              <input
                type="radio"
                name="phone-kind"
                value={k}
                checked={kind === k}
                data-testid={`phone-kind-${k}`}
                onChange={() => setKind(k)}
              />
              <span aria-hidden="true" className="phone-kind__icon">
                <KindIcon kind={k} />
              </span>
              <span>{kindPhrase(t, k)}</span>
            </label>
          ))}
        </fieldset>

        <label className="phone-label" htmlFor={ids.text}>
          {t('phone.add.text')}
        </label>
        <textarea
          id={ids.text}
          className="phone-text"
          dir="auto"
          data-testid="phone-card-text"
          rows={4}
          maxLength={CARD_TEXT_MAX}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />

        {s && (
          <fieldset className="phone-where">
            <legend className="phone-label">{t('phone.add.where')}</legend>
            {s.type === 'grid' ? (
              <>
                <label htmlFor={ids.stage}>{t('phone.add.stage')}</label>
                <select
                  id={ids.stage}
                  className="phone-select"
                  data-testid="phone-stage"
                  value={cell?.type === 'cell' ? cell.stageId : ''}
                  onChange={(e) =>
                    setChosen({
                      type: 'cell',
                      stageId: e.target.value,
                      laneId: cell?.type === 'cell' ? cell.laneId : s.lanes[0]!.id,
                    })
                  }
                >
                  {s.stages.map((st) => (
                    <option key={st.id} value={st.id}>
                      {st.label}
                    </option>
                  ))}
                </select>
                <label htmlFor={ids.lane}>{t('phone.add.lane')}</label>
                <select
                  id={ids.lane}
                  className="phone-select"
                  data-testid="phone-lane"
                  value={cell?.type === 'cell' ? cell.laneId : ''}
                  onChange={(e) =>
                    setChosen({
                      type: 'cell',
                      stageId: cell?.type === 'cell' ? cell.stageId : s.stages[0]!.id,
                      laneId: e.target.value,
                    })
                  }
                >
                  {s.lanes.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.label}
                    </option>
                  ))}
                </select>
              </>
            ) : (
              <>
                <label htmlFor={ids.zone}>{t('phone.add.area')}</label>
                <select
                  id={ids.zone}
                  className="phone-select"
                  data-testid="phone-zone"
                  value={cell?.type === 'zone' ? cell.zoneId : ''}
                  onChange={(e) => setChosen({ type: 'zone', zoneId: e.target.value })}
                >
                  {s.zones.map((z) => (
                    <option key={z.id} value={z.id}>
                      {z.label}
                    </option>
                  ))}
                </select>
              </>
            )}
          </fieldset>
        )}
        <p className="phone-where-words" id={ids.where} data-testid="phone-where">
          {where ? (
            <>
              {t('phone.add.goesTo')} <strong dir="auto">{where}</strong>
            </>
          ) : (
            t('phone.add.goesOnBoard')
          )}
        </p>
        <button
          type="submit"
          className="phone-btn phone-btn--primary phone-btn--wide"
          data-testid="phone-card-post"
          aria-describedby={ids.where}
        >
          {t('guest.post')}
        </button>
        <p className="phone-said" role="status" data-testid="phone-add-status">
          {said}
        </p>
      </form>
      <ForApproval view={phone.moderation} />
      <PhotoAdd
        phone={phone}
        kind={kind}
        cell={cell}
        where={where}
        privateTo={
          snap.activity?.private && snap.revealed[snap.activity.id] === undefined ? snap.activity.id : null
        }
      />
      {waiting.length > 0 && (
        <section aria-labelledby="phone-waiting" className="phone-waiting" data-testid="phone-waiting">
          <h2 id="phone-waiting" className="phone-h2">
            {t('phone.add.waitingTitle')}
          </h2>
          <ul className="phone-list">
            {waiting.map((c) => (
              <li
                key={c.id}
                className="phone-card phone-card--waiting"
                style={{ borderColor: CARD_KIND_INFO[c.kind].colour }}
              >
                <span className="phone-card__meta">
                  {readyToSend(c, snap.revealed)
                    ? t('phone.add.waitingToSend')
                    : t('phone.add.waitingReveal')}
                </span>
                <span className="phone-card__text" dir="auto">
                  {c.text}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <button type="button" className="phone-btn" onClick={() => onGo('board')}>
          {t('phone.add.seeBoard')}
        </button>
      </p>
    </div>
  )
}
