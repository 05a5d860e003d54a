import { useId, useState } from 'react'
import type * as Y from 'yjs'
import {
  MAX_CRITERIA,
  VOTING_METHODS,
  writeRound,
  type VotingMethodId,
  type VotingRound,
} from '../../../core/common/voting/round'
import { writeShowResults } from '../../../core/common/voting/round'
import { CARD_KINDS, type CardKind } from '../../../shared/model/cardKinds'
import type { BoardStructure } from '../../../shared/model/structure'
import { kindLabel, useT } from '../../device/i18n'
import { answerCopy } from './AnswerList'

/** The facilitator opens a round: the question, how people decide (and its options), which cards. */
export function OpenRoundForm({
  doc,
  structure,
  relayNow,
}: {
  doc: Y.Doc
  structure: BoardStructure | null
  relayNow(): number
}) {
  const t = useT()
  const COPY = answerCopy(t)
  const base = useId()
  const [title, setTitle] = useState(() => t('facilitation.round.defaultQuestion'))
  const [dots, setDots] = useState(3)
  const [method, setMethod] = useState<VotingMethodId>('dots')
  const [criteria, setCriteria] = useState<string[]>(() => [
    t('facilitation.round.defaultImpact'),
    t('facilitation.round.defaultEffort'),
    '',
  ])
  const [topN, setTopN] = useState(3)
  const [kinds, setKinds] = useState<CardKind[]>([])
  const [region, setRegion] = useState('')
  const regions: { value: string; label: string }[] = []
  if (structure?.type === 'grid') {
    for (const s of structure.stages)
      regions.push({ value: `stage:${s.id}`, label: t('facilitation.round.stage', { label: s.label }) })
    for (const l of structure.lanes)
      regions.push({ value: `lane:${l.id}`, label: t('facilitation.round.lane', { label: l.label }) })
  } else if (structure?.type === 'zones') {
    for (const z of structure.zones)
      regions.push({ value: `zone:${z.id}`, label: t('facilitation.round.zone', { label: z.label }) })
  }
  const named = criteria.map((c) => c.trim().slice(0, 40)).filter((c) => c !== '')
  const toRegion = (v: string): VotingRound['region'] => {
    const [type, id] = v.split(':') as [string, string]
    if (type === 'stage') return { type: 'stage', stageId: id }
    if (type === 'lane') return { type: 'lane', laneId: id }
    if (type === 'zone') return { type: 'zone', zoneId: id }
    return null
  }
  return (
    <form
      className="facil-form"
      aria-label={t('facilitation.round.form')}
      onSubmit={(e) => {
        e.preventDefault()
        if (method === 'scale' && named.length === 0) return
        const now = relayNow()
        writeRound(doc, {
          id: `round-${Math.round(now).toString(36)}`,
          title: title.trim().slice(0, 200),
          status: 'open',
          dotsPerPerson: dots,
          method,
          criteria: method === 'scale' ? named : [],
          topN,
          kinds,
          region: toRegion(region),
          openedAt: now,
          closedAt: null,
        })
        writeShowResults(doc, null)
      }}
    >
      <label className="field-label" htmlFor={`${base}t`}>
        {t('facilitation.round.question')}
      </label>
      <input
        id={`${base}t`}
        className="text-input"
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label className="field-label" htmlFor={`${base}m`}>
        {COPY.method}
      </label>
      <select
        id={`${base}m`}
        className="text-input"
        data-testid="round-method"
        value={method}
        onChange={(e) => setMethod(e.target.value as VotingMethodId)}
      >
        {VOTING_METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`voting.method.${m}`)}
          </option>
        ))}
      </select>
      {method === 'dots' && (
        <>
          <label className="field-label" htmlFor={`${base}d`}>
            {t('facilitation.round.dots')}
          </label>
          <input
            id={`${base}d`}
            className="text-input"
            type="number"
            min={1}
            max={20}
            value={dots}
            onChange={(e) => setDots(Math.max(1, Math.min(20, Math.round(Number(e.target.value) || 1))))}
          />
        </>
      )}
      {method === 'scale' && (
        <fieldset className="fieldset">
          <legend>{COPY.criteria}</legend>
          {criteria.slice(0, MAX_CRITERIA).map((c, i) => (
            <label key={i} className="field-label">
              {COPY.criterion(i + 1)}
              <input
                className="text-input"
                data-testid="round-criterion"
                value={c}
                maxLength={40}
                onChange={(e) => setCriteria((cs) => cs.map((x, j) => (j === i ? e.target.value : x)))}
              />
            </label>
          ))}
          {named.length === 0 && <p role="alert">{COPY.needCriterion}</p>}
        </fieldset>
      )}
      {method === 'rank' && (
        <>
          <label className="field-label" htmlFor={`${base}n`}>
            {COPY.topN}
          </label>
          <input
            id={`${base}n`}
            className="text-input"
            type="number"
            data-testid="round-topn"
            min={1}
            max={10}
            value={topN}
            onChange={(e) => setTopN(Math.max(1, Math.min(10, Math.round(Number(e.target.value) || 1))))}
          />
        </>
      )}
      <fieldset className="fieldset">
        <legend>{t('facilitation.round.kinds')}</legend>
        {CARD_KINDS.map((k) => (
          <label key={k} className="radio">
            <input
              type="checkbox"
              checked={kinds.includes(k)}
              onChange={(e) => setKinds((ks) => (e.target.checked ? [...ks, k] : ks.filter((x) => x !== k)))}
            />{' '}
            {kindLabel(t, k)}
          </label>
        ))}
      </fieldset>
      <label className="field-label" htmlFor={`${base}r`}>
        {t('facilitation.round.region')}
      </label>
      <select
        id={`${base}r`}
        className="text-input"
        value={region}
        onChange={(e) => setRegion(e.target.value)}
      >
        <option value="">{t('facilitation.round.wholeBoard')}</option>
        {regions.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <div className="view-actions">
        <button type="submit" className="button small primary">
          {t('facilitation.round.open')}
        </button>
      </div>
    </form>
  )
}
