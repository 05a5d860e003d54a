import { useEffect, useMemo } from 'react'
import { useServices } from '../../workbench/context'
import { timerControls } from '../../workbench/timerControls'
import { AgendaSection } from './AgendaSection'
import { AttentionSection } from './AttentionSection'
import { BalancePanel } from './BalancePanel'
import { useFacilitation } from './useFacilitation'
import { VotingSection } from './VotingSection'
import './facilitationView.css'
import { useT } from '../../device/i18n'

/**
 * The Facilitation side-bar view for the open session: agenda and timer, private writing and reveal,
 * dot voting with results by role, attention tools and voice balance. Facilitators and
 * co-facilitators get the controls; participants vote and see what is shared; observers only look.
 */
export function FacilitationView() {
  const services = useServices()
  const { host, store, commands } = services
  const t = useT()
  const { session, board, relayNow, controller, facilitator, observer } = useFacilitation()
  const doc = board?.doc ?? null
  const sessionId = board?.sessionId ?? null
  const controls = useMemo(
    () => (doc && sessionId ? timerControls({ doc, sessionId, relayNow, host, store }) : null),
    [doc, sessionId, relayNow, host, store],
  )
  useEffect(() => {
    if (!controls || !facilitator) return
    return commands.register(
      {
        id: 'facilitation.start',
        title: t('facilitation.cmd.start'),
        category: t('facilitation.cmd.category'),
        run: controls.start,
      },
      {
        id: 'facilitation.pause',
        title: t('facilitation.cmd.pause'),
        category: t('facilitation.cmd.category'),
        run: controls.pause,
      },
      {
        id: 'facilitation.extend1',
        title: t('facilitation.cmd.extend1'),
        category: t('facilitation.cmd.category'),
        run: () => controls.extend(1),
      },
      {
        id: 'facilitation.extend5',
        title: t('facilitation.cmd.extend5'),
        category: t('facilitation.cmd.category'),
        run: () => controls.extend(5),
      },
      {
        id: 'facilitation.next',
        title: t('facilitation.cmd.next'),
        category: t('facilitation.cmd.category'),
        run: controls.next,
      },
      {
        id: 'facilitation.skip',
        title: t('facilitation.cmd.skip'),
        category: t('facilitation.cmd.category'),
        run: controls.skip,
      },
    )
  }, [commands, controls, facilitator, t])

  if (!board || !doc || !controls) {
    return (
      <div className="view facilitation-view">
        <p className="muted">{t('facilitation.noSession')}</p>
      </div>
    )
  }
  return (
    <div className="view facilitation-view" data-testid="facilitation-view">
      {observer && <p className="muted">{t('facilitation.observer')}</p>}
      <AgendaSection
        doc={doc}
        facilitator={facilitator}
        relayNow={relayNow}
        controls={controls}
        privateCounts={controller?.privateCounts() ?? {}}
      />
      <VotingSection
        doc={doc}
        board={board}
        votes={session!.votes}
        voter={{ id: board.identity.id, coproRole: board.identity.coproRole }}
        facilitator={facilitator}
        observer={observer}
        relayNow={relayNow}
        showCard={controller?.showCard}
      />
      {facilitator && (
        <AttentionSection doc={doc} board={board} controller={controller} store={store} relayNow={relayNow} />
      )}
      <BalancePanel doc={doc} board={board} facilitator={facilitator} />
    </div>
  )
}
