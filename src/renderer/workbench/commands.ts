import { eventBinding, normalizeBinding, type KeyLike } from '../../core/common/workbench/keybindings'
import type { MenuCommand } from '../../shared/api'

export interface Command {
  readonly id: string
  readonly title: string
  readonly category: string
  /** VS Code-style binding, e.g. "Mod+Shift+P". */
  readonly keybinding?: string
  /** Which native menu lists it (desktop app). */
  readonly menu?: MenuCommand['menu']
  /** Runs even when focus is in a text field (only for bindings with Mod). */
  readonly global?: boolean
  readonly when?: () => boolean
  run(): void | Promise<void>
}

/**
 * One registry feeds the command palette, the native menus and the keyboard shortcuts, so a
 * command can never be reachable one way and missing from another.
 */
export class CommandRegistry {
  private readonly commands = new Map<string, Command>()
  private readonly listeners = new Set<() => void>()
  private version = 0
  readonly isMac: boolean

  constructor(isMac = /Mac|iPhone|iPad/.test(navigator.platform)) {
    this.isMac = isMac
  }

  register(...cmds: Command[]): () => void {
    for (const c of cmds) this.commands.set(c.id, c)
    this.changed()
    return () => {
      for (const c of cmds) if (this.commands.get(c.id) === c) this.commands.delete(c.id)
      this.changed()
    }
  }

  list(): Command[] {
    return [...this.commands.values()].filter((c) => !c.when || c.when())
  }

  get(id: string): Command | undefined {
    return this.commands.get(id)
  }

  async execute(id: string): Promise<boolean> {
    const c = this.commands.get(id)
    if (!c || (c.when && !c.when())) return false
    await c.run()
    return true
  }

  /** Finds the command bound to a key event, if any. */
  match(e: KeyLike, inTextField: boolean): Command | undefined {
    const pressed = eventBinding(e)
    for (const c of this.list()) {
      if (!c.keybinding) continue
      if (normalizeBinding(c.keybinding, this.isMac) !== pressed) continue
      const hasMod = e.ctrlKey || e.metaKey || e.altKey
      if (inTextField && !(c.global && hasMod)) continue
      return c
    }
    return undefined
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getVersion = (): number => this.version

  toMenu(): MenuCommand[] {
    return [...this.commands.values()].map((c) => ({
      id: c.id,
      title: c.title,
      category: c.category,
      keybinding: c.keybinding ?? null,
      menu: c.menu ?? null,
    }))
  }

  private changed(): void {
    this.version++
    for (const l of this.listeners) l()
  }
}
