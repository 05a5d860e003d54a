import type { TemplateProblem } from '../../../core/common/templates'
import { useT } from '../../device/i18n'

/** Problems of one template file: the file, the JSON path and what is wrong, in plain words. */
export function ProblemList({
  file,
  problems,
  testId,
}: {
  file: string
  problems: readonly TemplateProblem[]
  testId?: string
}) {
  const t = useT()
  return (
    <div className="template-problems" data-testid={testId}>
      <p className="template-problems__file">
        <strong>{file}</strong>: {t('templates.problems.count', { count: problems.length })}
      </p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.path}</code> {p.message}
            {p.line !== undefined
              ? ` ${t('templates.problems.at', { line: p.line, column: p.column ?? 1 })}`
              : ''}
          </li>
        ))}
      </ul>
    </div>
  )
}
