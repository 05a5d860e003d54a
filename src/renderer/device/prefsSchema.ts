import { z } from 'zod'

/**
 * Accessibility preferences, per person, remembered on this device (localStorage). Pure: no DOM, so
 * the parsing rules are unit-tested.
 */
export const TEXT_SCALES = [100, 125, 150, 175, 200] as const
export type TextScale = (typeof TEXT_SCALES)[number]

export const A11yPreferences = z.object({
  /** Text size of the workbench, in percent (100–200). */
  textScale: z.union(
    TEXT_SCALES.map((n) => z.literal(n)) as [z.ZodLiteral<100>, ...z.ZodLiteral<TextScale>[]],
  ),
  /** High contrast colours, whatever the theme setting says. */
  highContrast: z.boolean(),
  /** No animations, in the workbench and on the canvas. */
  reducedMotion: z.boolean(),
  /** Wider letter, word and line spacing. */
  dyslexiaSpacing: z.boolean(),
  /** Muted colours, no animations, no cursors of other people on the canvas. */
  calm: z.boolean(),
  /** Show the easy-read version of every prompt. */
  easyRead: z.boolean(),
})
export type A11yPreferences = z.infer<typeof A11yPreferences>

export const DEFAULT_PREFERENCES: A11yPreferences = {
  textScale: 100,
  highContrast: false,
  reducedMotion: false,
  dyslexiaSpacing: false,
  calm: false,
  easyRead: false,
}

/**
 * Reads stored preferences; every field that is missing or invalid falls back to its default, so a
 * damaged or older value never loses the others.
 */
export function parsePreferences(raw: unknown): A11yPreferences {
  const out: A11yPreferences = { ...DEFAULT_PREFERENCES }
  if (typeof raw !== 'object' || raw === null) return out
  const obj = raw as Record<string, unknown>
  const shape = A11yPreferences.shape
  for (const key of Object.keys(shape) as (keyof A11yPreferences)[]) {
    const parsed = shape[key].safeParse(obj[key])
    if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data
  }
  return out
}

/** The next text size up or down, clamped to 100–200%. */
export function stepTextScale(current: TextScale, dir: 1 | -1): TextScale {
  const i = TEXT_SCALES.indexOf(current)
  const next = Math.min(TEXT_SCALES.length - 1, Math.max(0, (i < 0 ? 0 : i) + dir))
  return TEXT_SCALES[next]!
}

/** Whether animations should be off: asked for directly, or by calm mode. */
export function wantsNoMotion(p: A11yPreferences): boolean {
  return p.reducedMotion || p.calm
}
