import { describe, it } from 'node:test';
import { CitizenClient, solveChallenge, type PowChallenge } from '@citizen-counter/sdk';
import { rejectsWith } from './test-support/assertions.js';
import { fetchVia, uniquePhone, useTestServer, type TestServer } from './test-support/test-server.js';

/** A citizen client whose calls arrive as if through proxies that wrote `forwardedFor`. */
function clientVia(server: TestServer, forwardedFor: string): CitizenClient {
  return new CitizenClient({
    baseUrl: server.baseUrl,
    org: server.org.id,
    fetch: fetchVia(forwardedFor),
  });
}

/** Asks for a code for a new phone; the per-address cap is what these tests watch. */
async function askCode(client: CitizenClient): Promise<void> {
  await client.requestOtp({ phone: uniquePhone(), challenge: await solveChallenge((await client.createChallenge()) as PowChallenge) });
}

describe('client addresses behind proxies (TRUST_PROXY)', () => {
  describe('with one trusted proxy', () => {
    const server = useTestServer({
      configure: (config) => {
        config.trustProxyHops = 1;
        config.otpLimits.perIp = 2;
      },
    });

    it('should take the address the proxy appended, whatever the client wrote before it', async () => {
      // One client, three different made-up addresses on the left: all are 203.0.113.7 to the limits.
      await askCode(clientVia(server(), '10.0.0.1, 203.0.113.7'));
      await askCode(clientVia(server(), '10.0.0.2, 203.0.113.7'));
      await rejectsWith(askCode(clientVia(server(), '10.0.0.3, 203.0.113.7')), 'rate_limited', 429);
      // Another client behind the same proxy has caps of its own.
      await askCode(clientVia(server(), '10.0.0.3, 198.51.100.9'));
    });
  });

  describe('with two trusted proxies', () => {
    const server = useTestServer({
      configure: (config) => {
        config.trustProxyHops = 2;
        config.otpLimits.perIp = 1;
      },
    });

    it('should skip exactly the two entries the proxies appended', async () => {
      await askCode(clientVia(server(), 'forged, 198.51.100.1, 192.0.2.10'));
      await rejectsWith(askCode(clientVia(server(), 'other, 198.51.100.1, 192.0.2.11')), 'rate_limited', 429);
      await askCode(clientVia(server(), 'forged, 198.51.100.2, 192.0.2.10'));
    });
  });

  describe('without a trusted proxy', () => {
    const server = useTestServer({
      configure: (config) => {
        config.trustProxyHops = 0;
        config.otpLimits.perIp = 1;
      },
    });

    it('should ignore X-Forwarded-For entirely', async () => {
      await askCode(clientVia(server(), '198.51.100.1'));
      await rejectsWith(askCode(clientVia(server(), '198.51.100.2')), 'rate_limited', 429);
    });
  });
});
