import { API, API_EVENTS, ApiError, type ApiEvent, type ApiMethod, type ApiResult } from '../../shared/api'

/** Checks a response from the transport against the contract; a malformed one becomes a typed error. */
export function checkResult<M extends ApiMethod>(
  method: M,
  raw: unknown,
): ApiResult<never> | ApiResult<unknown> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const r = raw as { ok: unknown; value?: unknown; error?: unknown }
    if (r.ok === true) {
      const v = API[method].result.safeParse(r.value)
      if (v.success) return { ok: true, value: v.data }
    } else if (r.ok === false) {
      const e = ApiError.safeParse(r.error)
      if (e.success) return { ok: false, error: e.data }
    }
  }
  return {
    ok: false,
    error: { code: 'internal', message: `The app sent an unexpected answer to ${method}.` },
  }
}

export function checkEvent<E extends ApiEvent>(event: E, payload: unknown): unknown | undefined {
  const p = API_EVENTS[event].safeParse(payload)
  return p.success ? p.data : undefined
}
