import type { ComponentType, ReactElement } from 'react'
import type { CanvasLayer } from '../board/canvasLayer'
import type { AppHost } from '../host/types'
import type { BoardSessions } from '../session/BoardSessions'
import type { Command, CommandRegistry } from './commands'
import type { EditorTab, WorkbenchStore } from './store'

/**
 * How features plug into the workbench (VS Code's contribution model). Each feature folder has one
 * `<name>.contribution.ts` exporting a `Contribution`; src/renderer/features/index.ts collects every
 * such file (import.meta.glob), and the workbench builds one `Contributions` instance from them and
 * renders what is registered. The workbench itself names no feature.
 *
 * - views: a side-bar view (an activity-bar button with its icon and shortcut, and a "Show …" command);
 * - sections: what a view shows, in order; a feature may add sections to another feature's view by id;
 * - editors: a kind of editor tab and the component that renders it;
 * - commands: palette / menu / keyboard commands, made once with the workbench's services;
 * - statusItems: items in the status bar;
 * - canvasLayers: drawn over a session's canvas (src/renderer/board renders what it is given);
 * - layers: components mounted once in the workbench (live regions, global key handlers).
 */
/** What the workbench offers its parts and features (useServices() in components). */
export interface WorkbenchServices {
  host: AppHost
  store: WorkbenchStore
  commands: CommandRegistry
  /** The open sessions (one BoardSession per session with a tab) and the active one. */
  sessions: BoardSessions
  /** What the features contributed (views, editors, commands, status items, layers). */
  contributions: Contributions
}

export interface ViewContribution {
  readonly id: string
  readonly title: string
  /** Shortcut that shows the view (also in the command palette). */
  readonly keybinding: string
  /** 24×24 SVG content of the activity-bar icon (see ViewIcon). */
  readonly icon: ReactElement
  /** Position in the activity bar, smallest first. */
  readonly order: number
}

export interface ViewSection {
  readonly view: string
  readonly order: number
  readonly component: ComponentType
}

export interface EditorProps {
  readonly tab: EditorTab
  readonly active: boolean
}

export interface EditorContribution {
  readonly kind: string
  readonly component: ComponentType<EditorProps>
}

export interface StatusItem {
  readonly id: string
  readonly order: number
  readonly component: ComponentType
}

export interface CanvasLayerContribution {
  readonly id: string
  readonly order: number
  readonly layer: CanvasLayer
}

export interface Contribution {
  /** The feature's folder name (for error messages). */
  readonly id: string
  /**
   * Where the feature's commands come in the native menus (smallest first; default 100). The
   * workbench's own commands (views, layout, themes, closing a tab) come after every feature's.
   */
  readonly order?: number
  readonly views?: readonly ViewContribution[]
  readonly sections?: readonly ViewSection[]
  readonly editors?: readonly EditorContribution[]
  commands?(services: WorkbenchServices): Command[]
  readonly statusItems?: readonly StatusItem[]
  readonly canvasLayers?: readonly CanvasLayerContribution[]
  readonly layers?: readonly ComponentType[]
}

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order

/** Everything the features contributed, checked once (duplicate ids are programming errors). */
export class Contributions {
  readonly views: readonly ViewContribution[]
  readonly statusItems: readonly StatusItem[]
  readonly canvasLayers: readonly CanvasLayer[]
  readonly layers: readonly ComponentType[]
  private readonly sections = new Map<string, ViewSection[]>()
  private readonly editors = new Map<string, EditorContribution>()

  constructor(private readonly all: readonly Contribution[]) {
    const seen = new Set<string>()
    for (const c of all)
      for (const v of c.views ?? []) {
        if (seen.has(v.id)) throw new Error(`${c.id}: the view "${v.id}" is contributed twice`)
        seen.add(v.id)
      }
    this.views = all.flatMap((c) => c.views ?? []).sort(byOrder)
    for (const s of all.flatMap((c) => c.sections ?? []).sort(byOrder)) {
      const list = this.sections.get(s.view) ?? []
      list.push(s)
      this.sections.set(s.view, list)
    }
    for (const c of all)
      for (const e of c.editors ?? []) {
        if (this.editors.has(e.kind)) throw new Error(`${c.id}: the editor "${e.kind}" is contributed twice`)
        this.editors.set(e.kind, e)
      }
    this.statusItems = all.flatMap((c) => c.statusItems ?? []).sort(byOrder)
    this.canvasLayers = all
      .flatMap((c) => c.canvasLayers ?? [])
      .sort(byOrder)
      .map((l) => l.layer)
    this.layers = all.flatMap((c) => c.layers ?? [])
  }

  view(id: string | null): ViewContribution | null {
    return this.views.find((v) => v.id === id) ?? null
  }

  sectionsOf(view: string): readonly ViewSection[] {
    return this.sections.get(view) ?? []
  }

  editor(kind: string): EditorContribution | null {
    return this.editors.get(kind) ?? null
  }

  /** Every contributed command, made with the workbench's services. */
  commands(services: WorkbenchServices): Command[] {
    return this.all.flatMap((c) => c.commands?.(services) ?? [])
  }
}
