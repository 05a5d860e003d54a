import type { MenuCommand, MenuNames } from '../../../shared/api/contract'
import { toAccelerator } from './keybindings'

/** A platform-neutral menu description; Electron's main turns it into a native Menu. */
export interface MenuSpec {
  label: string
  items: { id: string; label: string; accelerator: string | null }[]
}

const MENUS: { key: NonNullable<MenuCommand['menu']>; label: string }[] = [
  { key: 'file', label: 'File' },
  { key: 'edit', label: 'Edit' },
  { key: 'view', label: 'View' },
  { key: 'session', label: 'Session' },
  { key: 'help', label: 'Help' },
]

/**
 * Groups the workbench's commands into menus, in a stable order, skipping commands with no menu; the
 * menus are named in the person's language when the workbench gives their names (English otherwise).
 */
export function buildMenuSpec(commands: readonly MenuCommand[], names: MenuNames = {}): MenuSpec[] {
  return MENUS.map(({ key, label }) => ({
    label: names[key] ?? label,
    items: commands
      .filter((c) => c.menu === key)
      .map((c) => ({
        id: c.id,
        label: c.title,
        accelerator: c.keybinding ? toAccelerator(c.keybinding) : null,
      })),
  })).filter((m) => m.items.length > 0)
}
