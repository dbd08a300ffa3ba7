import { uploadsBusy } from '../errors/catalogue.js';

/**
 * A cap on upload bytes in flight across the process (`UPLOAD_BYTES_IN_FLIGHT`): each upload
 * reserves what its body may hold when it starts and gives it back when its answer is sent. An
 * upload that would go past the cap is refused at once — 503 with `Retry-After` — rather than
 * queued behind the others, so a burst of large uploads cannot exhaust memory or the store.
 */
export class UploadBudget {
  /** Bytes reserved now. */
  inFlight = 0;
  readonly #limit: number;

  /** @param limit the most bytes in flight at once. */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * Reserves `bytes` and answers the function that releases them (safe to call more than once).
   * One upload alone always gets through, even one larger than the cap.
   * @throws 503 `rate_limited` when the cap would be passed.
   */
  reserve(bytes: number): () => void {
    if (this.inFlight > 0 && this.inFlight + bytes > this.#limit) throw uploadsBusy();
    this.inFlight += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= bytes;
    };
  }
}
