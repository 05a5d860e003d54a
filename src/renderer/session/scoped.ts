/**
 * Per-owner state a feature keeps without the owner knowing its type (VS Code's scoped services):
 * a feature declares a key next to its code, and the owner (a BoardSession, or the workbench) creates
 * the value on first use and disposes it with itself.
 *
 *   const remote = scopedKey('share.remotePublication', (s: BoardSession) => new RemotePublication(s.sessionId))
 *   session.scoped(remote).publish(…)
 */
export interface ScopedKey<O, T> {
  readonly id: string
  create(owner: O): T
}

export function scopedKey<O, T>(id: string, create: (owner: O) => T): ScopedKey<O, T> {
  return { id, create }
}

export class ScopedValues<O> {
  private readonly values = new Map<ScopedKey<O, unknown>, unknown>()
  private disposed = false

  constructor(private readonly owner: O) {}

  get<T>(key: ScopedKey<O, T>): T {
    if (this.disposed) throw new Error(`${key.id}: its owner has been disposed`)
    if (!this.values.has(key)) this.values.set(key, key.create(this.owner))
    return this.values.get(key) as T
  }

  dispose(): void {
    this.disposed = true
    for (const v of this.values.values()) {
      if (v && typeof (v as { dispose?: unknown }).dispose === 'function')
        (v as { dispose(): void }).dispose()
    }
    this.values.clear()
  }
}
