/** Polls `predicate` every `stepMs` until it holds; throws `timed out waiting for <what>` after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  what: string,
  timeoutMs = 10_000,
  stepMs = 10,
): Promise<void> {
  const start = Date.now()
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, stepMs))
  }
}

/** Polls until `check` stops throwing (sync is asynchronous); rethrows the last failure on timeout. */
export async function eventually(check: () => void, timeoutMs = 10_000): Promise<void> {
  const start = Date.now()
  for (;;) {
    try {
      check()
      return
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e
      await new Promise((r) => setTimeout(r, 20))
    }
  }
}
