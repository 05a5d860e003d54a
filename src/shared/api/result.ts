import { z } from 'zod'

/** Every error the app API can return. Clients switch on `code`, never on `message`. */
export const ERROR_CODES = [
  'invalid_arguments',
  'unknown_method',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'unavailable',
  'internal',
] as const
export const ApiErrorCode = z.enum(ERROR_CODES)
export type ApiErrorCode = z.infer<typeof ApiErrorCode>

export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string(),
  /** For invalid_arguments: where each problem is (path) and what is wrong. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type ApiError = z.infer<typeof ApiError>

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value })
export const fail = (code: ApiErrorCode, message: string, issues?: ApiError['issues']): ApiResult<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
})

/** Thrown by services to produce a typed error; anything else becomes `internal`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiFailure'
  }
}

/** Turns zod issues into the API's flat `{path, message}` list. */
export function describeIssues(error: z.ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((i) => ({
    path: i.path.length ? '$.' + i.path.map(String).join('.') : '$',
    message: i.message,
  }))
}
