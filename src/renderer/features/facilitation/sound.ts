/** The timer's sound cue: a per-device on/off setting and the beep itself. */
const SOUND_KEY = 'copro.facilitation.sound'

export function soundCueEnabled(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on'
  } catch {
    return false
  }
}

export function setSoundCue(on: boolean): void {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off')
  } catch {
    // not remembered
  }
}

/** A short, quiet two-tone beep (WebAudio). Off by default; never throws. */
export function beep(): void {
  try {
    const Ctx = window.AudioContext
    const ctx = new Ctx()
    const at = ctx.currentTime
    for (const [i, f] of [660, 880].entries()) {
      const o = ctx.createOscillator()
      const g = ctx.createGain()
      o.frequency.value = f
      g.gain.setValueAtTime(0.0001, at + i * 0.25)
      g.gain.exponentialRampToValueAtTime(0.2, at + i * 0.25 + 0.02)
      g.gain.exponentialRampToValueAtTime(0.0001, at + i * 0.25 + 0.22)
      o.connect(g).connect(ctx.destination)
      o.start(at + i * 0.25)
      o.stop(at + i * 0.25 + 0.24)
    }
    setTimeout(() => void ctx.close(), 1000)
  } catch {
    // no audio: the visual cue remains
  }
}
