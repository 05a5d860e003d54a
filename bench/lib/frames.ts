import type { Page } from '@playwright/test'

/** Moves one card every animation frame for `ms` and returns the frame intervals. */
export const dragFrames = (page: Page, ms: number) =>
  page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const editor = (window as any).__coproBench.editor
        const card = editor.getCurrentPageShapes().find((s: any) => s.type === 'card')
        const start = performance.now()
        const deltas: number[] = []
        let last = start
        const tick = (now: number) => {
          deltas.push(now - last)
          last = now
          editor.updateShape({ id: card.id, type: 'card', x: card.x + ((now - start) % 300) })
          if (now - start < ms) requestAnimationFrame(tick)
          else resolve(deltas.slice(1))
        }
        requestAnimationFrame(tick)
      }),
    ms,
  )
