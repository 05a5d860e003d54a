/**
 * A title no other session in the list has: the title itself if free, else the first free of
 * "Title (2)", "Title (3)", … (compared without case or surrounding spaces; trashed sessions count,
 * since they can be restored). The result keeps within `max` characters by shortening the title.
 */
export function distinctTitle(title: string, taken: Iterable<string>, max = 200): string {
  const norm = (t: string) => t.trim().toLocaleLowerCase()
  const used = new Set([...taken].map(norm))
  if (!used.has(norm(title))) return title
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`
    const candidate = `${title.slice(0, max - suffix.length).trimEnd()}${suffix}`
    if (!used.has(norm(candidate))) return candidate
  }
}
