import { useState } from 'react'
import { TEMPLATE_LIMITS, type TemplateProblem } from '../../../core/common/templates'
import { useServices } from '../../workbench/context'
import { ProblemList } from './ProblemList'
import { useT } from '../../device/i18n'

export interface ImportOutcome {
  readonly file: string
  readonly problems: readonly TemplateProblem[]
}

/**
 * "Import template file…": reads a .json file and hands its text to `templates.import`, which
 * checks it and keeps it as a custom template. Problems are listed with file, JSON path and message.
 */
export function ImportTemplate({
  onImported,
  inputRef,
}: {
  onImported: () => Promise<void>
  inputRef: React.RefObject<HTMLInputElement | null>
}) {
  const { host, store } = useServices()
  const t = useT()
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null)

  const importFile = async (file: File) => {
    const fileName = file.name.slice(0, 200) || 'template.json'
    if (file.size > TEMPLATE_LIMITS.maxBytes) {
      setOutcome({
        file: fileName,
        problems: [{ path: '$', message: t('templates.import.tooLarge') }],
      })
      return
    }
    const text = await file.text()
    const r = await host.call('templates.import', { fileName, text })
    if (!r.ok) {
      setOutcome({ file: fileName, problems: [{ path: '$', message: r.error.message }] })
      return
    }
    if (r.value.ok) {
      setOutcome(null)
      store.notify('info', t('templates.import.done', { id: r.value.templateId, file: fileName }))
      await onImported()
    } else {
      setOutcome({ file: fileName, problems: r.value.problems })
      store.announce(t('templates.import.failed', { file: fileName, count: r.value.problems.length }))
    }
  }

  return (
    <div className="template-import">
      <button type="button" className="button" onClick={() => inputRef.current?.click()}>
        {t('templates.cmd.import')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="template-import-input"
        onChange={(e) => {
          const f = e.target.files?.[0]
          e.target.value = ''
          if (f) void importFile(f)
        }}
      />
      {outcome && (
        <div role="alert">
          <ProblemList file={outcome.file} problems={outcome.problems} testId="template-import-problems" />
        </div>
      )}
    </div>
  )
}
