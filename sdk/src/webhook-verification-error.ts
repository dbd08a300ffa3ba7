/** Why {@link verifyWebhook} refused a delivery. */
export type WebhookVerificationProblem = 'missing_headers' | 'timestamp_out_of_window' | 'invalid_signature';

/**
 * A webhook delivery that did not come from the service with this secret, was changed on the way,
 * or is too old (or too new) to be anything but a replay. Answer it with 400 and do nothing else.
 */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError' as const;
  /** What was wrong with the delivery. */
  readonly problem: WebhookVerificationProblem;

  constructor(problem: WebhookVerificationProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** `true` for a {@link WebhookVerificationError}, also one made by another copy of the SDK. */
export function isWebhookVerificationError(error: unknown): error is WebhookVerificationError {
  return error instanceof WebhookVerificationError || (error instanceof Error && error.name === 'WebhookVerificationError');
}
