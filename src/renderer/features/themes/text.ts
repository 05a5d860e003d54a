/** A new theme's id. */
export const newId = (): string => `theme-${crypto.randomUUID()}`
/** A card's text shortened for lists. */
export const short = (s: string): string => (s.length > 90 ? `${s.slice(0, 89)}…` : s)
