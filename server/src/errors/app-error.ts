import type { ErrorCode } from '@citizen-counter/sdk';

/**
 * An error the API answers with: an HTTP status, a stable code from the SDK's union and
 * structured details. The error middleware renders it as `{"error": {code, message, details}}`.
 */
export class AppError extends Error {
  override name = 'AppError' as const;
  /** The HTTP status to answer with. */
  readonly status: number;
  /** The stable error code clients choose their text by. */
  readonly code: ErrorCode;
  /** Figures such as `{field, max}` or `{retryAfter}`. */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** `true` for an {@link AppError}. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** 400 with any code: the input broke a rule. */
export function invalidInput(message: string, details: Record<string, unknown> = {}, code: ErrorCode = 'invalid_input'): AppError {
  return new AppError(400, code, message, details);
}

/** 404 with a resource-specific code. */
export function notFound(code: ErrorCode = 'not_found', message = 'Not found.'): AppError {
  return new AppError(404, code, message);
}

/** 401: no or a worthless credential. */
export function unauthorized(message = 'A valid credential is required.', code: ErrorCode = 'unauthorized'): AppError {
  return new AppError(401, code, message);
}

/** 409: the state of the resource forbids the change. */
export function conflict(code: ErrorCode, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(409, code, message, details);
}

/** 429: too many attempts; `retryAfter` in seconds. */
export function tooMany(code: ErrorCode, message: string, retryAfter: number): AppError {
  return new AppError(429, code, message, { retryAfter: Math.max(1, Math.ceil(retryAfter)) });
}

/** 400 `field_required` for a missing or blank field. */
export function fieldRequired(field: string): AppError {
  return new AppError(400, 'field_required', `The field "${field}" is required.`, { field });
}

/** 400 `field_too_long` for a field over its limit. */
export function fieldTooLong(field: string, max: number): AppError {
  return new AppError(400, 'field_too_long', `The field "${field}" is longer than ${max} characters.`, { field, max });
}
