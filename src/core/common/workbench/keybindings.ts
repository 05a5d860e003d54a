/**
 * Keybindings are written like VS Code's: "Mod+Shift+P", where Mod is Ctrl (Cmd on macOS).
 * These pure helpers turn keyboard events and bindings into one canonical form.
 */
export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

const ORDER = ['Mod', 'Ctrl', 'Alt', 'Shift'] as const

/** Canonical form of a binding string, or null if it is malformed. */
export function normalizeBinding(binding: string, isMac: boolean): string | null {
  const parts = binding.split('+').map((p) => p.trim())
  if (parts.some((p) => p === '')) return null
  const key = parts.pop()
  if (!key) return null
  const mods = new Set<string>()
  for (const p of parts) {
    const m = p.toLowerCase()
    if (m === 'mod') mods.add(isMac ? 'Meta' : 'Ctrl')
    else if (m === 'ctrl' || m === 'control') mods.add('Ctrl')
    else if (m === 'cmd' || m === 'meta') mods.add('Meta')
    else if (m === 'shift') mods.add('Shift')
    else if (m === 'alt' || m === 'option') mods.add('Alt')
    else return null
  }
  return [...['Ctrl', 'Meta', 'Alt', 'Shift'].filter((m) => mods.has(m)), canonicalKey(key)].join('+')
}

/** Canonical form of a keyboard event. */
export function eventBinding(e: KeyLike): string {
  const mods: string[] = []
  if (e.ctrlKey) mods.push('Ctrl')
  if (e.metaKey) mods.push('Meta')
  if (e.altKey) mods.push('Alt')
  if (e.shiftKey) mods.push('Shift')
  return [...mods, canonicalKey(e.key)].join('+')
}

function canonicalKey(key: string): string {
  if (key.length === 1) return key.toUpperCase()
  const k = key.toLowerCase()
  if (k === 'esc') return 'Escape'
  if (k === 'space' || key === ' ') return 'Space'
  return key.charAt(0).toUpperCase() + key.slice(1)
}

/** Human label for a binding: "Ctrl+Shift+P" or "⌘⇧P". */
export function formatBinding(binding: string, isMac: boolean): string {
  const norm = normalizeBinding(binding, isMac)
  if (!norm) return binding
  if (!isMac) return norm
  return norm
    .split('+')
    .map((p) => ({ Meta: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' })[p] ?? p)
    .join('')
}

/** Electron accelerator for a binding ("CmdOrCtrl+Shift+P"). */
export function toAccelerator(binding: string): string {
  return binding
    .split('+')
    .map((p) => (p.trim().toLowerCase() === 'mod' ? 'CmdOrCtrl' : p.trim()))
    .join('+')
}

export { ORDER as MODIFIER_ORDER }
