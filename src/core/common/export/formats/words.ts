import type { CardKind } from '../../../../shared/model/cardKinds'
import type { CoproRole } from '../../../../shared/model/roles'
import type { LinkKind } from '../../cards/link'
import { translator, type Language, type MessageKey, type MessageValues } from '../../../../shared/i18n'
import type { ExportModel } from '../schema'
import { escapeHtml } from './escape'

/**
 * The words of a report or export in its language(s) (ADR 0045): one language, or two side by side
 * (e.g. Welsh and English, as the Welsh Language Standards expect of public documents; the first
 * language leads). Every heading, column and sentence a format writes comes from here; the people's
 * own words (cards, titles, the facilitator's text) are never translated.
 */
export interface Words {
  readonly languages: readonly Language[]
  /** The leading language (for `<html lang>`). */
  readonly lang: Language
  /** A short text in every language: "Crynodeb / Summary". */
  t(key: MessageKey, values?: MessageValues): string
  /** The text in each language, leading language first (for paragraphs). */
  each(key: MessageKey, values?: MessageValues): string[]
  /** Escaped HTML for a short text: each language in its own `lang` span (the second `class="alt"`). */
  h(key: MessageKey, values?: MessageValues): string
  /** Escaped HTML paragraphs, one per language, each with its `lang`. */
  p(key: MessageKey, values?: MessageValues, cls?: string): string
  kind(k: CardKind): string
  role(r: CoproRole): string
  roleShort(r: CoproRole): string
  link(k: LinkKind): string
}

export function wordsFor(languages: readonly Language[]): Words {
  const langs: readonly Language[] = languages.length ? languages : ['en']
  const each = (key: MessageKey, values?: MessageValues): string[] => {
    const texts = langs.map((l) => translator(l).t(key, values))
    return texts.length === 2 && texts[0] === texts[1] ? [texts[0]!] : texts
  }
  const t = (key: MessageKey, values?: MessageValues): string => each(key, values).join(' / ')
  const h = (key: MessageKey, values?: MessageValues): string => {
    const texts = each(key, values)
    if (texts.length === 1) return escapeHtml(texts[0]!)
    return texts
      .map((s, i) => `<span lang="${langs[i]}"${i > 0 ? ' class="alt"' : ''}>${escapeHtml(s)}</span>`)
      .join('<span class="sep" aria-hidden="true"> / </span>')
  }
  const p = (key: MessageKey, values?: MessageValues, cls?: string): string => {
    const texts = each(key, values)
    return texts
      .map(
        (s, i) =>
          `<p${texts.length > 1 ? ` lang="${langs[i]}"` : ''}${cls ? ` class="${cls}"` : ''}>${escapeHtml(s)}</p>`,
      )
      .join('')
  }
  return {
    languages: langs,
    lang: langs[0]!,
    t,
    each,
    h,
    p,
    kind: (k) => t(`kinds.${k}.label` as MessageKey),
    role: (r) => t(`roles.${r}.label` as MessageKey),
    roleShort: (r) => t(`roles.${r}.short` as MessageKey),
    link: (k) => t(`links.${k}.label` as MessageKey),
  }
}

/** The words of an export model: the languages the facilitator chose for its report. */
export function wordsOf(m: Pick<ExportModel, 'report'>): Words {
  return wordsFor(m.report.languages)
}
