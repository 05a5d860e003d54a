import type { TemplateProblem } from '../../../core/common/templates'

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
  return (
    <div className="template-problems" data-testid={testId}>
      <p className="template-problems__file">
        <strong>{file}</strong>: {problems.length === 1 ? '1 problem' : `${problems.length} problems`}
      </p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.path}</code> {p.message}
            {p.line !== undefined ? ` (line ${p.line}, column ${p.column ?? 1})` : ''}
          </li>
        ))}
      </ul>
    </div>
  )
}
