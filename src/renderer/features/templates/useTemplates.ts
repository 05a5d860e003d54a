import type { TFunction } from '../../device/i18n'
import { useCallback, useEffect, useState } from 'react'
import {
  summarizeTemplate,
  templatePreview,
  validateTemplate,
  type Template,
  type TemplatePreview,
  type TemplateProblem,
  type TemplateSummary,
} from '../../../core/common/templates'
import type { AppHost } from '../../host/types'

export interface GalleryEntry {
  readonly source: 'shipped' | 'custom'
  readonly template: Template
  readonly summary: TemplateSummary
  readonly preview: TemplatePreview
}

export interface RejectedEntry {
  readonly name: string
  readonly problems: readonly TemplateProblem[]
}

export interface TemplateList {
  readonly entries: readonly GalleryEntry[]
  readonly rejected: readonly RejectedEntry[]
}

/**
 * Reads `templates.list` and checks every template again here (the server sends them as unknown):
 * an entry that does not validate is listed as rejected with its problems, never drawn.
 */
export function toTemplateList(value: {
  templates: readonly { source: 'shipped' | 'custom'; template: unknown }[]
  rejected: readonly RejectedEntry[]
}): TemplateList {
  const entries: GalleryEntry[] = []
  const rejected: RejectedEntry[] = [...value.rejected]
  const seen = new Set<string>()
  value.templates.forEach((e, i) => {
    const r = validateTemplate(e.template)
    if (!r.ok) {
      const id = (e.template as { id?: unknown } | null)?.id
      const name = typeof id === 'string' ? id.slice(0, 64) : `template ${i + 1}`
      rejected.push({ name: `${e.source} ${name}`, problems: r.problems })
      return
    }
    if (seen.has(r.template.id)) return
    seen.add(r.template.id)
    entries.push({
      source: e.source,
      template: r.template,
      summary: summarizeTemplate(r.template),
      preview: templatePreview(r.template),
    })
  })
  return { entries, rejected }
}

export function useTemplates(host: AppHost): {
  list: TemplateList | null
  error: string | null
  reload: () => Promise<void>
} {
  const [list, setList] = useState<TemplateList | null>(null)
  const [error, setError] = useState<string | null>(null)
  const reload = useCallback(async () => {
    const r = await host.call('templates.list', {})
    if (!r.ok) {
      setError(r.error.message)
      return
    }
    setError(null)
    setList(toTemplateList(r.value))
  }, [host])
  useEffect(() => {
    void reload()
  }, [reload])
  return { list, error, reload }
}

/** "6 stages by 6 lanes" or "5 zones": the text alternative of a thumbnail. */
export function describeLayout(s: TemplateSummary, t?: TFunction): string {
  if (t)
    return s.layout === 'grid'
      ? t('templates.layout.grid', { stages: s.stages, lanes: s.lanes })
      : t('templates.layout.zones', { zones: s.zones })
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`
  return s.layout === 'grid'
    ? `${n(s.stages, 'stage', 'stages')} by ${n(s.lanes, 'lane', 'lanes')}`
    : n(s.zones, 'zone', 'zones')
}

export function formatDuration(minutes: number, t?: TFunction): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (t)
    return minutes < 60
      ? t('templates.duration.minutes', { minutes })
      : m === 0
        ? t('templates.duration.hours', { hours: h })
        : t('templates.duration.hoursMinutes', { hours: h, minutes: m })
  if (minutes < 60) return `${minutes} minutes`
  const hours = `${h} hour${h === 1 ? '' : 's'}`
  return m === 0 ? hours : `${hours} ${m} minutes`
}
