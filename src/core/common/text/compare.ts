/** Code-unit order of two strings: the stable, locale-free order exports and tallies sort by. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
