/**
 * The cell a person is working in, as far as the outline knows (the cell that last held focus there).
 * The new-card announcer prefers it over the centre of the canvas view.
 */
let current: { sessionId: string; key: string; at: number } | null = null

export function setOutlineFocusCell(sessionId: string, key: string): void {
  current = { sessionId, key, at: Date.now() }
}

export function getOutlineFocusCell(sessionId: string): string | null {
  return current && current.sessionId === sessionId ? current.key : null
}
