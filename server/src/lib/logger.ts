import { pino, type DestinationStream, type Level, type Logger } from 'pino';

/** The levels `LOG_LEVEL` takes, `silent` turning logging off. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of {@link logLevels}. */
export type LogLevel = Level | 'silent';

export type { Logger };

/**
 * The service's structured log: one JSON object per line on stdout (or `destination`), ISO
 * times, and the `authorization` header and any `token`, `code` or `secret` field censored should
 * one ever be passed in — the access log itself never carries them.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'citizen-counter' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['headers.authorization', '*.token', '*.code', '*.secret', 'token', 'code', 'secret'], censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  // Written in 4 KB batches off the request path: a synchronous write per access line cost a fifth
  // of the list route's throughput. A quiet service still shows its lines within a second, and
  // pino flushes what is left when the process exits.
  const logger = pino(options, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
  setInterval(() => logger.flush(), 1000).unref();
  return logger;
}
