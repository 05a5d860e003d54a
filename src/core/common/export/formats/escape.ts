/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!)
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Escapes user text for inline Markdown (paragraphs, list items and table cells). Markdown
 * punctuation that matters inline is backslash-escaped, so no link, image, emphasis, code span,
 * strikethrough or table break is possible; & < > become entities, so no HTML tag (and no script) survives; a leading list or
 * heading marker is escaped; newlines become <br> (the only tag we emit).
 */
export function escapeMarkdown(s: string): string {
  return s
    .split('\n')
    .map((line) =>
      line
        .replace(/[\\`*_[\]|~]/g, '\\$&')
        .replace(/^(\s*)([#+\-=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2')
        .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!),
    )
    .join('<br>')
}
