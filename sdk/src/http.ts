import ky, { HTTPError, TimeoutError, type KyInstance, type Options } from 'ky';
import { ApiError } from './api-error.js';
import type { ErrorBody } from './error-codes.js';
import { NetworkError, isNetworkError } from './network-error.js';
import type { Locale, Page } from './types.js';

/** Options every client takes. */
export interface ClientOptions {
  /**
   * Where the service runs, e.g. `https://counter.example.org`.
   * @example 'http://localhost:8080'
   */
  baseUrl: string;
  /**
   * Milliseconds to wait for an answer before giving up with a {@link NetworkError}.
   * @default 30000
   */
  timeout?: number;
  /** Sent as `Accept-Language`; error messages stay English, clients localize by `code`. */
  locale?: Locale;
  /** A `fetch` to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * Options of one call, the last argument of every client method; they apply to that call only,
 * on top of the client's {@link ClientOptions}.
 */
export interface CallOptions {
  /**
   * Aborts the call: it then rejects with the signal's reason (a `DOMException` named
   * `AbortError` unless you gave another). Retries stop too.
   * @default undefined
   * @example
   * ```ts
   * const controller = new AbortController();
   * const page = counter.listRequests({}, { signal: controller.signal });
   * controller.abort(); // the user left the page
   * ```
   */
  signal?: AbortSignal;
  /**
   * Milliseconds to wait for this call's answer (each try, when a call is retried) before it fails
   * with a {@link NetworkError} whose `cause` is ky's `TimeoutError`; `false` waits as long as it takes.
   * @default the client's `timeout` (30000)
   * @example
   * ```ts
   * await desk.counts({ timeout: 5_000 }); // a dashboard tile that must not hang
   * ```
   */
  timeout?: number | false;
  /**
   * Headers added to this call, e.g. a trace id; they override the client's own (`accept`,
   * `accept-language`) of the same name, but not `authorization`, which the client sets last.
   * @default {}
   * @example
   * ```ts
   * await desk.approve(id, { version }, { headers: { 'x-request-id': traceId } });
   * ```
   */
  headers?: Record<string, string>;
}

/** The ky client of one call: the client's own, extended by the call's options when it has any. */
export function perCall(http: KyInstance, options: CallOptions): KyInstance {
  // Only what was given: a `timeout: undefined` would replace the client's with ky's own default.
  const extra: Options = {};
  if (options.signal) extra.signal = options.signal;
  if (options.timeout !== undefined) extra.timeout = options.timeout;
  if (options.headers) extra.headers = options.headers;
  return Object.keys(extra).length === 0 ? http : http.extend(extra);
}

/**
 * Walks a cursor-paginated list: asks for a page, yields it, and follows its `nextCursor` until
 * there is none. Lazy, so a loop that stops early fetches nothing more.
 */
export async function* eachPage<Q extends { cursor?: string }, T>(
  query: Q,
  fetchPage: (query: Q) => Promise<Page<T>>,
): AsyncGenerator<Page<T>, void, undefined> {
  for (let page = await fetchPage(query); ; page = await fetchPage({ ...query, cursor: page.nextCursor })) {
    yield page;
    if (page.nextCursor === null) return;
  }
}

/** A downloaded file. */
export interface DownloadedFile {
  name: string;
  type: string;
  blob: Blob;
}

/** Builds the ky instance a client talks through; `auth` is read on every call. */
export function createHttp(options: ClientOptions, auth: () => string | null): KyInstance {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.locale) headers['accept-language'] = options.locale;
  const kyOptions: Options = {
    prefixUrl: options.baseUrl.replace(/\/+$/, ''),
    timeout: options.timeout ?? 30_000,
    headers,
    retry: { limit: 2, methods: ['get'], statusCodes: [408, 502, 503, 504], shouldRetry: retryOnlyTransient },
    // Only `fetch` itself can tell a network failure: a TypeError anywhere else is a bug, not an outage.
    fetch: fetchOrNetworkError(options.fetch ?? ((input, init) => globalThis.fetch(input, init))),
    parseJson,
    hooks: {
      beforeRequest: [
        (request) => {
          const token = auth();
          if (token) request.headers.set('authorization', `Bearer ${token}`);
        },
      ],
    },
  };
  return ky.create(kyOptions);
}

/**
 * Wraps `fetch` so that its rejections become {@link NetworkError}s where they happen. `fetch`
 * rejects with a `TypeError` when the network fails, but a `TypeError` is also what a bad URL, a
 * header with a line break or a bug throws; telling them apart later is guesswork.
 */
function fetchOrNetworkError(send: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await send(input, init);
    } catch (error) {
      throw error instanceof TypeError ? new NetworkError('The service could not be reached.', { cause: error }) : error;
    }
  };
}

/** Retries what may pass (an outage, a gateway's 5xx), never a programming error thrown on the way. */
function retryOnlyTransient({ error }: { error: Error }): false | undefined {
  return isNetworkError(error) || error instanceof HTTPError || error instanceof TimeoutError ? undefined : false;
}

/**
 * Parses a JSON answer; anything else (a captive portal's page, a web server at a wrong
 * `baseUrl`) becomes an {@link ApiError} 502 — what a gateway says of an upstream's unreadable
 * answer — instead of a `SyntaxError` callers cannot tell from a bug.
 */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(502, 'internal_error', 'The answer is not JSON; is baseUrl right?');
  }
}

/** Runs one call and turns every failure into an {@link ApiError} or a {@link NetworkError}. */
export async function call<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw await toSdkError(error);
  }
}

async function toSdkError(error: unknown): Promise<Error> {
  if (error instanceof HTTPError) {
    const { status } = error.response;
    let body: Partial<ErrorBody> | undefined;
    try {
      body = (await error.response.json()) as Partial<ErrorBody>;
    } catch {
      body = undefined;
    }
    const code = body?.error?.code;
    // As sent, even a code this SDK does not know (a newer service's): the caller's fallback for
    // unknown codes shows it, and `isErrorCode` tells the known ones. Keeps the code list out of bundles.
    if (typeof code === 'string') {
      return new ApiError(status, code, body?.error?.message ?? error.message, body?.error?.details ?? {});
    }
    return new ApiError(status, status >= 500 ? 'internal_error' : 'invalid_input', `HTTP ${status}`);
  }
  if (error instanceof TimeoutError) return new NetworkError('The service did not answer in time.', { cause: error });
  // A NetworkError (from fetchOrNetworkError), an ApiError (from parseJson) or a bug: as it is.
  return error instanceof Error ? error : new Error(String(error));
}

/** Reads a download: the file name from `Content-Disposition` (RFC 6266 `filename*` first). */
export async function readDownload(response: Response): Promise<DownloadedFile> {
  const disposition = response.headers.get('content-disposition') ?? '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  const name = extended?.[1] ? decodeURIComponent(extended[1]) : (plain?.[1] ?? 'file');
  const blob = await response.blob();
  return { name, type: response.headers.get('content-type') ?? blob.type, blob };
}

/** Drops `undefined` values so they are not sent as the text "undefined". */
export function searchParams(query: object): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params[key] = String(value);
  }
  return params;
}
