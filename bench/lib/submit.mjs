// @ts-check
// Concurrent submissions: `count` multipart POSTs sent at once, each with its own Idempotency-Key,
// over a keep-alive agent with one socket per request in flight.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { percentile } from './util.mjs';

/**
 * A valid-looking PDF of exactly `size` bytes: a `%PDF-1.4` header, comment padding, `%%EOF`;
 * `tag`, when given, is written as a comment after the header, to make contents that differ.
 * @param {number} size
 * @param {string} [tag]
 */
export function makePdf(size, tag = '') {
  const head = Buffer.from(`%PDF-1.4\n%\xE2\xE3\xCF\xD3\n${tag ? `% ${tag}\n` : ''}1 0 obj\n<< /Type /Catalog >>\nendobj\n`, 'latin1');
  const tail = Buffer.from('\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
  const padding = Buffer.alloc(Math.max(0, size - head.length - tail.length));
  // Comment lines of printable filler, so the file stays a syntactically plain PDF.
  for (let i = 0; i < padding.length; i++) padding[i] = i % 80 === 0 ? 0x25 /* % */ : i % 80 === 79 ? 0x0a : 0x41 + (i % 26);
  return Buffer.concat([head, padding, tail]);
}

/**
 * The multipart body of a submission, built once and sent many times.
 * @param {Record<string, string>} fields
 * @param {{ field: string, name: string, type: string, content: Buffer }} file
 */
export function multipartBody(fields, file) {
  const boundary = `----cc-bench-${randomUUID()}`;
  const parts = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      'utf8',
    ),
  );
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Sends `count` POSTs of `body` to `url` all at once; each gets a fresh Idempotency-Key.
 * Answers with the wall time, throughput, latency percentiles, errors and the first error seen.
 * @param {string} url
 * @param {{ count: number, body: Buffer, contentType: string, headers?: Record<string, string> }} options
 */
export async function burst(url, { count, body, contentType, headers = {} }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: count });
  /** @type {number[]} */
  const latencies = [];
  /** @type {Record<string, number>} */
  const statuses = {};
  let errors = 0;
  /** @type {string | null} */
  let firstError = null;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async () => {
      const t0 = performance.now();
      try {
        const { status, text } = await post(url, agent, body, {
          ...headers,
          'content-type': contentType,
          'content-length': String(body.length),
          'idempotency-key': randomUUID(),
        });
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status < 200 || status >= 300) {
          errors++;
          firstError ??= `HTTP ${status}: ${text.slice(0, 300)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - t0);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { count, seconds, rps: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, statuses, firstError };
}

/**
 * One POST; answers the status, the headers and the body as text (60 s at most).
 * @param {string} url
 * @param {http.Agent} agent
 * @param {Buffer} body
 * @param {http.OutgoingHttpHeaders} headers
 * @returns {Promise<{ status: number, text: string, headers: http.IncomingHttpHeaders }>}
 */
export function post(url, agent, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error('timed out after 60 s')));
    req.on('error', reject);
    req.end(body);
  });
}
