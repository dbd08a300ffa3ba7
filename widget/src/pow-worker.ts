import { solveChallenge, type HumanCheckSolution, type PowChallenge } from '@citizen-counter/sdk';

/**
 * Solves a proof-of-work check in a Web Worker, so the host page never waits for it: the worker runs
 * the SDK's own solver (its source text, which is self-contained). Where workers cannot start — a
 * Content-Security-Policy without `worker-src blob:` (or `script-src blob:`), or no `Worker` at all —
 * the same solver runs on the page, yielding between slices of about 12 ms.
 */
export function solvePow(challenge: PowChallenge, signal?: AbortSignal): Promise<HumanCheckSolution> {
  const onPage = () => solveChallenge(challenge, signal);
  let url = '';
  let worker: Worker;
  try {
    url = URL.createObjectURL(new Blob([`onmessage=e=>(${solveChallenge})(e.data).then(postMessage,()=>postMessage(0))`], { type: 'text/javascript' }));
    worker = new Worker(url);
  } catch {
    URL.revokeObjectURL(url);
    return onPage();
  }
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    };
    signal?.addEventListener('abort', () => (stop(), reject(signal.reason)), { once: true });
    worker.onmessage = ({ data }: MessageEvent<HumanCheckSolution | 0>) => {
      stop();
      if (data) resolve(data);
      else reject(new Error('The proof-of-work challenge has no solution.'));
    };
    // Blocked by the page's policy, or no Web Crypto in workers: solve on the page instead.
    worker.onerror = (event) => {
      event.preventDefault();
      stop();
      onPage().then(resolve, reject);
    };
    worker.postMessage(challenge);
  });
}
