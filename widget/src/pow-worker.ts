import { solveChallenge, type HumanCheckSolution, type PowChallenge } from '@citizen-counter/sdk';

/** The page's one solver worker, started by {@link warmPow} or the first solve; `null` once workers failed here. */
let worker: Worker | null | undefined;
/** The solves the worker has not answered yet, by the id of their challenge. */
const pending = new Map<string, [(solution: HumanCheckSolution) => void, (error: unknown) => void]>();
/** Ends an unused worker a minute after it was last asked for or answered: a page open all day keeps no idle thread. */
let idle: ReturnType<typeof setTimeout> | undefined;
const keepAMinute = () => {
  clearTimeout(idle);
  idle = setTimeout(() => pending.size || stopPowWorker(), 6e4);
};

/**
 * Starts the page's solver worker ahead of the first check (the citizen's first keystroke), so its
 * start — a few milliseconds of the page's time, tens on a slow phone — is not paid when the
 * challenge arrives or the citizen presses "Get code". One worker serves every solve and every
 * counter on the page: nothing is started or torn down per login.
 */
export function warmPow(): Worker | null {
  keepAMinute();
  if (worker !== undefined) return worker;
  let url = '';
  try {
    url = URL.createObjectURL(new Blob([`onmessage=e=>(${solveChallenge})(e.data).then(postMessage,()=>postMessage({id:e.data.id}))`], { type: 'text/javascript' }));
    worker = new Worker(url);
  } catch {
    return (worker = null);
  } finally {
    // The worker has its script (or failed to); the URL is not needed again.
    setTimeout(() => URL.revokeObjectURL(url), 1e4);
  }
  worker.onmessage = ({ data }: MessageEvent<HumanCheckSolution | { id: string; answer?: undefined }>) => {
    const waiting = pending.get(data.id);
    pending.delete(data.id);
    if (data.answer) waiting?.[0](data as HumanCheckSolution);
    else waiting?.[1](new Error('The proof-of-work challenge has no solution.'));
    keepAMinute();
  };
  // Blocked by the page's policy, or no Web Crypto in workers: every solve runs on the page from now on.
  worker.onerror = (event) => {
    event.preventDefault();
    stop(null);
  };
  return worker;
}

/** Ends the page's solver worker, if any; the next solve starts a new one (or tries to). */
export function stopPowWorker(): void {
  stop(undefined);
}

/** Ends the worker; what it was solving is solved on the page (`next` null) or asked of a new worker. */
function stop(next: null | undefined): void {
  worker?.terminate();
  worker = next;
  const waiting = [...pending.values()];
  pending.clear();
  for (const [, reject] of waiting) reject(retry);
}

/** The rejection {@link stop} gives to the solves it interrupted, so that they start over. */
const retry = Symbol('retry');

/**
 * Solves a proof-of-work check in a Web Worker, so the host page never waits for it: the worker runs
 * the SDK's own solver (its source text, which is self-contained). Where workers cannot start — a
 * Content-Security-Policy without `worker-src blob:` (or `script-src blob:`), or no `Worker` at all —
 * the same solver runs on the page, yielding between slices of about 12 ms. An abort stops the
 * worker (a solve cannot be interrupted otherwise); the next solve starts a new one.
 */
export async function solvePow(challenge: PowChallenge, signal?: AbortSignal): Promise<HumanCheckSolution> {
  const onAbort = () => {
    const waiting = pending.get(challenge.id);
    pending.delete(challenge.id);
    stop(undefined);
    waiting?.[1](signal!.reason);
  };
  for (;;) {
    const solver = warmPow();
    if (!solver) return solveChallenge(challenge, signal);
    try {
      signal?.throwIfAborted();
      return await new Promise<HumanCheckSolution>((resolve, reject) => {
        pending.set(challenge.id, [resolve, reject]);
        solver.postMessage(challenge);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    } catch (error) {
      if (error !== retry) throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
