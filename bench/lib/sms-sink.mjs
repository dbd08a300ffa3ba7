// @ts-check
// A loopback SMS gateway for the server's `http` SMS provider (POST {"to","text"} as JSON): it
// keeps the messages so the benchmark can read the login code, as a phone would.
import http from 'node:http';

/**
 * The sink, listening on 127.0.0.1.
 * @typedef {object} SmsSink
 * @property {string} url where the server's `http` SMS provider posts
 * @property {{ to?: string, text?: string }[]} messages every message received, oldest first
 * @property {() => Promise<void>} close
 */

/**
 * Starts the sink on a free port.
 * @returns {Promise<SmsSink>}
 */
export function startSmsSink() {
  /** @type {SmsSink['messages']} */
  const messages = [];
  const server = http.createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      try {
        messages.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        messages.push({ text: Buffer.concat(chunks).toString('utf8') });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, id: String(messages.length) }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        url: `http://127.0.0.1:${port}/sms`,
        messages,
        close: () => new Promise((done) => server.close(() => done(undefined))),
      });
    });
  });
}
