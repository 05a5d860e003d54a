import {
  API,
  ApiFailure,
  describeIssues,
  fail,
  isApiMethod,
  ok,
  type ApiMethod,
  type ApiResult,
} from '../../../shared/api'
import type { z } from 'zod'

/** Who is calling. Only facilitator-capability callers reach the app API; guests get 401 earlier. */
export interface CallContext {
  readonly transport: 'ipc' | 'http' | 'ws'
}

export type Handlers = {
  [M in ApiMethod]: (
    args: z.infer<(typeof API)[M]['args']>,
    ctx: CallContext,
  ) => Promise<z.input<(typeof API)[M]['result']>> | z.input<(typeof API)[M]['result']>
}

export interface ApiRouter {
  call(method: unknown, args: unknown, ctx: CallContext): Promise<ApiResult<unknown>>
}

/**
 * One router for every transport: checks the method name against the contract, parses the
 * arguments, runs the handler, and checks the result. It never throws: every failure becomes a
 * typed error.
 */
export function createRouter(handlers: Handlers, log: (msg: string) => void = () => {}): ApiRouter {
  return {
    async call(method, rawArgs, ctx) {
      if (!isApiMethod(method))
        return fail('unknown_method', `There is no method called ${describe(method)}.`)
      const spec = API[method]
      const parsed = spec.args.safeParse(rawArgs ?? {})
      if (!parsed.success) {
        return fail(
          'invalid_arguments',
          `The arguments for ${method} are not valid.`,
          describeIssues(parsed.error),
        )
      }
      try {
        const handler = handlers[method] as (a: unknown, c: CallContext) => unknown
        const value = await handler(parsed.data, ctx)
        const checked = spec.result.safeParse(value)
        if (!checked.success) {
          log(`api: ${method} produced an invalid result: ${checked.error.message}`)
          return fail('internal', `${method} failed inside the app.`)
        }
        return ok(checked.data)
      } catch (err) {
        if (err instanceof ApiFailure) return fail(err.code, err.message)
        log(`api: ${method} threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
        return fail('internal', `${method} failed inside the app.`)
      }
    },
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 80))
  return typeof v
}
