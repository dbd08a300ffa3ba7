import type { ErrorCode } from './error-codes.js';

/**
 * The API answered with an error. `code` is stable and says what went wrong; `message` is English
 * text meant for logs; `details` carries figures such as `{field, max}` or `{retryAfter}`.
 *
 * @example
 * ```ts
 * try { await counter.login({ phone, code }); }
 * catch (error) { if (isApiError(error) && error.code === 'otp_expired') askForANewCode(); }
 * ```
 */
export class ApiError extends Error {
  override name = 'ApiError' as const;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The stable error code; a newer service's code this SDK does not list is passed on as sent (see `isErrorCode`). */
  readonly code: ErrorCode;
  /** Structured facts about the error, e.g. `{field: 'subject', max: 200}`. */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** `true` for an {@link ApiError}, also one made by another copy of the SDK (another realm or bundle). */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error instanceof Error && error.name === 'ApiError' && 'code' in error);
}
