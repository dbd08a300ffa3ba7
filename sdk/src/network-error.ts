/**
 * The API could not be reached, or it did not answer in time. Nothing is known about whether a
 * write took effect: retry it with the same `Idempotency-Key`.
 */
export class NetworkError extends Error {
  override name = 'NetworkError' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `true` for a {@link NetworkError}, also one made by another copy of the SDK. */
export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError || (error instanceof Error && error.name === 'NetworkError');
}
