import { useId, useState } from 'react'
import type * as Y from 'yjs'
import { readStructure } from '../../../core/common/session/read'
import { STRUCTURE_LOCK_KEY } from '../../../core/common/session/docSchema'
import {
  readFollowLead,
  readSpotlight,
  writeFollowLead,
  writeSpotlight,
} from '../../../core/common/facilitation/state'
import { structureAreas } from '../../../core/common/structure/areas'
import type { FacilitationController } from '../../session/facilitationController'
import { useDocValue } from '../../session/useDoc'
import type { SessionBoard } from '../../session/BoardSession'
import type { WorkbenchStore } from '../../workbench/store'
import { useT } from '../../device/i18n'
import { useOptimistic } from './useOptimistic'
import { readLocks, setLock } from '../../../core/common/facilitation/locks'

interface Props {
  doc: Y.Doc
  board: SessionBoard
  controller: FacilitationController | null
  store: WorkbenchStore
  relayNow(): number
}

/** Facilitators: bring everyone here, everyone follows me, spotlight an area, locks. */
export function AttentionSection({ doc, board, controller, store, relayNow }: Props) {
  const t = useT()
  const data = useDocValue(doc, (d) => {
    const locks = readLocks(d)
    return {
      lead: readFollowLead(d),
      spotlight: readSpotlight(d),
      areas: structureAreas(readStructure(d), {
        zone: (label) => t('facilitation.round.zone', { label }),
        stage: (label) => t('facilitation.round.stage', { label }),
        lane: (label) => t('facilitation.round.lane', { label }),
        cell: (label) => t('facilitation.attention.cell', { label }),
      }),
      structureLocked: locks.has(STRUCTURE_LOCK_KEY),
      lockedCards: [...locks.keys()].filter((k) => k !== STRUCTURE_LOCK_KEY).length,
    }
  })
  const [area, setArea] = useState('')
  const areaId = useId()
  const [structureLocked, showLocked] = useOptimistic(data?.structureLocked ?? false)
  if (!data) return null
  const me = board.identity.id
  return (
    <section aria-labelledby="facil-att-h" className="facil-section">
      <h2 id="facil-att-h">{t('facilitation.attention.title')}</h2>
      <div className="view-actions">
        <button
          type="button"
          className="button small"
          onClick={() =>
            store.announce(
              board.bringEveryoneToMe()
                ? t('facilitation.attention.broughtHere')
                : t('facilitation.attention.onlyFacilitators'),
            )
          }
        >
          {t('facilitation.attention.bring')}
        </button>
        {data.lead === me ? (
          <button type="button" className="button small" onClick={() => writeFollowLead(doc, null)}>
            {t('facilitation.attention.stopFollow')}
          </button>
        ) : (
          <button type="button" className="button small" onClick={() => writeFollowLead(doc, me)}>
            {t('facilitation.attention.follow')}
          </button>
        )}
      </div>
      <label className="field-label" htmlFor={areaId}>
        {t('facilitation.attention.spotlight')}
      </label>
      <div className="view-actions">
        <select id={areaId} className="text-input" value={area} onChange={(e) => setArea(e.target.value)}>
          <option value="">{t('facilitation.attention.selectedOrView')}</option>
          {data.areas.map((a) => (
            <option key={a.key} value={a.key}>
              {a.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button small"
          onClick={() => {
            const chosen = data.areas.find((a) => a.key === area)
            const s = chosen ? { ...chosen.rect, label: chosen.label } : controller?.currentArea()
            if (s) writeSpotlight(doc, s)
          }}
        >
          {t('facilitation.attention.spotlight')}
        </button>
        {data.spotlight && (
          <button type="button" className="button small" onClick={() => writeSpotlight(doc, null)}>
            {t('facilitation.attention.clearSpotlight')}
          </button>
        )}
      </div>
      <label className="radio">
        <input
          type="checkbox"
          checked={structureLocked}
          onChange={(e) => {
            showLocked(e.target.checked)
            setLock(doc, STRUCTURE_LOCK_KEY, e.target.checked ? me : null, relayNow())
          }}
        />{' '}
        {t('facilitation.attention.lockStructure')}
      </label>
      <div className="view-actions">
        <button
          type="button"
          className="button small"
          disabled={!controller}
          onClick={() => {
            const n = controller?.lockCards(controller.getSelectedCardIds(), true) ?? 0
            store.announce(
              n ? t('facilitation.attention.locked', { count: n }) : t('facilitation.attention.selectFirst'),
            )
          }}
        >
          {t('facilitation.attention.lock')}
        </button>
        <button
          type="button"
          className="button small"
          disabled={!controller}
          onClick={() => {
            const n = controller?.lockCards(controller.getSelectedCardIds(), false) ?? 0
            store.announce(
              n
                ? t('facilitation.attention.unlocked', { count: n })
                : t('facilitation.attention.selectFirst'),
            )
          }}
        >
          {t('facilitation.attention.unlock')}
        </button>
        <span className="muted">{t('facilitation.attention.lockedCount', { count: data.lockedCards })}</span>
      </div>
    </section>
  )
}
