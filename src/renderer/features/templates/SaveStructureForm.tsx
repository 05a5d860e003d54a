import { useId, useState } from 'react'
import type { TemplateProblem } from '../../../core/common/templates'
import { useServices } from '../../workbench/context'
import type { SessionBoard } from '../../session/BoardSession'
import { ProblemList } from './ProblemList'
import { idFromLabel } from './structureIds'
import { useT } from '../../device/i18n'

/** "Save board structure as template": the board's structure and agenda become a custom template. */
export function SaveStructureForm({ board, onSaved }: { board: SessionBoard; onSaved: () => Promise<void> }) {
  const { host, store } = useServices()
  const [name, setName] = useState('')
  const [id, setId] = useState('')
  const [idTouched, setIdTouched] = useState(false)
  const [purpose, setPurpose] = useState('')
  const [problems, setProblems] = useState<readonly TemplateProblem[] | null>(null)
  const [busy, setBusy] = useState(false)
  const f = useId()
  const t = useT()
  const templateId = idTouched ? id : idFromLabel(name, new Set(), '')

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (busy) return
    const missing: TemplateProblem[] = []
    if (!name.trim()) missing.push({ path: '$.name', message: t('templates.save.required') })
    if (!/^[a-z0-9][a-z0-9-]*$/.test(templateId))
      missing.push({ path: '$.id', message: t('templates.save.idRule') })
    if (!purpose.trim()) missing.push({ path: '$.purpose', message: t('templates.save.required') })
    if (missing.length) return setProblems(missing)
    setBusy(true)
    try {
      const r = await host.call('templates.saveFromBoard', {
        id: board.sessionId,
        templateId,
        name: name.trim(),
        purpose: purpose.trim(),
      })
      if (!r.ok) return setProblems([{ path: '$', message: r.error.message }])
      if (!r.value.ok) return setProblems(r.value.problems)
      setProblems(null)
      store.notify('info', t('templates.save.done', { name: name.trim() }))
      setName('')
      setId('')
      setIdTouched(false)
      setPurpose('')
      await onSaved()
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="structure-form" onSubmit={(e) => void submit(e)} data-testid="save-structure-form">
      <label className="field-label" htmlFor={`${f}-name`}>
        {t('templates.save.name')}
      </label>
      <input
        id={`${f}-name`}
        className="text-input"
        value={name}
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
      />
      <label className="field-label" htmlFor={`${f}-id`}>
        {t('templates.save.id')}
      </label>
      <input
        id={`${f}-id`}
        className="text-input"
        value={templateId}
        maxLength={64}
        aria-describedby={`${f}-id-help`}
        onChange={(e) => {
          setIdTouched(true)
          setId(e.target.value)
        }}
      />
      <p id={`${f}-id-help`} className="help">
        {t('templates.save.idHelp')}
      </p>
      <label className="field-label" htmlFor={`${f}-purpose`}>
        {t('templates.save.purpose')}
      </label>
      <textarea
        id={`${f}-purpose`}
        className="text-input"
        rows={3}
        maxLength={600}
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
      />
      <button type="submit" className="button" aria-disabled={busy}>
        {busy ? t('templates.save.saving') : t('templates.save.button')}
      </button>
      {problems && (
        <div role="alert">
          <ProblemList
            file={t('templates.structure.title')}
            problems={problems}
            testId="save-structure-problems"
          />
        </div>
      )}
    </form>
  )
}
