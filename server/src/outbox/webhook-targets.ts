import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Answers a host name's addresses (the system resolver unless a test gives its own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/**
 * Where webhooks may go. A staff member chooses the URL, the service makes the request: without
 * these rules a webhook could read or poke the operator's own network (SSRF).
 */
export interface WebhookTargetConfig {
  /** `WEBHOOK_ALLOW_HTTP`: plain `http://` targets are accepted too. @default false */
  allowHttp: boolean;
  /**
   * `WEBHOOK_ALLOW_HOSTS`, the names part: hosts on the operator's network that webhooks may reach
   * whatever they resolve to, lowercase, e.g. `backoffice.local`. @default []
   */
  allowNames: string[];
  /**
   * `WEBHOOK_ALLOW_HOSTS`, the addresses part: CIDR ranges (a single address as /32 or /128) that
   * webhooks may connect to although they are private, e.g. `10.0.0.5/32`. @default []
   */
  allowRanges: string[];
  /** The resolver used at registration and at every connection; tests replace it. */
  resolve: HostResolver;
}

/** Why a webhook URL is refused; stable, it is the `details.reason` of `webhook_url_not_allowed`. */
export type WebhookTargetProblem = 'scheme' | 'credentials' | 'address' | 'unresolvable';

/** A webhook target the rules refuse; delivery gives up on it instead of retrying. */
export class WebhookTargetRefusedError extends Error {
  override name = 'WebhookTargetRefusedError' as const;
  /** What is wrong with the target. */
  readonly problem: WebhookTargetProblem;

  constructor(problem: WebhookTargetProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** `true` for a {@link WebhookTargetRefusedError}. */
export function isWebhookTargetRefused(error: unknown): error is WebhookTargetRefusedError {
  return error instanceof WebhookTargetRefusedError;
}

/** The system resolver: every address of the name, in the order the system prefers. */
export const systemResolver: HostResolver = async (hostname) => {
  const addresses = await dnsLookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

// Only 2000::/3 is global unicast; everything else in IPv6 (including the IPv4-compatible ::/96,
// which ipaddr.js calls unicast) is local, special or embeds an IPv4 address checked on its own.
const globalUnicast6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * `true` when a webhook may connect to `address`: a public unicast address, or one inside the
 * operator's {@link WebhookTargetConfig.allowRanges}. IPv4-mapped IPv6 is judged as the IPv4
 * address it carries; loopback, private, link-local, unique-local, CGNAT, multicast, broadcast,
 * unspecified, documentation and other reserved ranges (cloud metadata among them) are refused.
 */
export function isAllowedAddress(config: Pick<WebhookTargetConfig, 'allowRanges'>, address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns ::ffff:a.b.c.d into a.b.c.d, so the mapped form gets no way around the IPv4 rules.
  const ip = ipaddr.process(address);
  for (const entry of config.allowRanges) {
    const range = ipaddr.parseCIDR(entry);
    if (range[0].kind() === ip.kind() && ip.match(range)) return true;
  }
  if (ip.kind() === 'ipv4') return ip.range() === 'unicast';
  return ip.range() === 'unicast' && ip.match(globalUnicast6);
}

/** The host of a parsed URL without IPv6 brackets or a trailing dot, as resolvers and rules take it. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/**
 * Checks what can be checked without connecting: the scheme, credentials in the URL and, for an
 * address written as the host (in any spelling: the URL parser turns `2130706433`, `0x7f.1` or
 * `[::ffff:7f00:1]` into its canonical form), the address itself.
 * @throws {WebhookTargetRefusedError}
 */
export function checkWebhookUrlForm(config: WebhookTargetConfig, url: URL): void {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && config.allowHttp)) {
    throw new WebhookTargetRefusedError('scheme', config.allowHttp ? 'Webhook URLs must be http:// or https://.' : 'Webhook URLs must be https://.');
  }
  // A URL like https://trusted.example@10.0.0.1/ reads as one host and connects to another.
  if (url.username !== '' || url.password !== '') throw new WebhookTargetRefusedError('credentials', 'Webhook URLs may not carry a user name or password.');
  const host = bareHost(url);
  if (ipaddr.isValid(host) && !isAllowedAddress(config, host)) {
    throw new WebhookTargetRefusedError('address', `Webhooks may not reach ${host}: it is a private, local or reserved address.`);
  }
}

/**
 * Resolves `hostname` and answers its addresses when every one of them may be reached (or the name
 * is on the operator's allow-list). One refused address refuses the name: a resolver that answers
 * a public and a private address would otherwise let the connection pick the private one.
 * @throws {WebhookTargetRefusedError}
 */
export async function resolveAllowed(config: WebhookTargetConfig, hostname: string): Promise<ResolvedAddress[]> {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (ipaddr.isValid(name)) {
    if (!isAllowedAddress(config, name)) throw new WebhookTargetRefusedError('address', `Webhooks may not reach ${name}: it is a private, local or reserved address.`);
    return [{ address: name, family: ipaddr.parse(name).kind() === 'ipv6' ? 6 : 4 }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await config.resolve(name);
  } catch (error) {
    throw new WebhookTargetRefusedError('unresolvable', `${name} does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  if (addresses.length === 0) throw new WebhookTargetRefusedError('unresolvable', `${name} does not resolve.`);
  if (config.allowNames.includes(name)) return addresses;
  const refused = addresses.find(({ address }) => !isAllowedAddress(config, address));
  if (refused) throw new WebhookTargetRefusedError('address', `Webhooks may not reach ${name}: it resolves to ${refused.address}, a private, local or reserved address.`);
  return addresses;
}

/**
 * Checks a URL a staff member registers: its form and what its host resolves to now. Delivery
 * checks again at every connection ({@link guardedLookup}), since a name may resolve elsewhere later.
 * @throws {WebhookTargetRefusedError}
 */
export async function checkWebhookTarget(config: WebhookTargetConfig, url: URL): Promise<void> {
  checkWebhookUrlForm(config, url);
  await resolveAllowed(config, bareHost(url));
}

/** The `lookup` signature of `net.connect` and `http.request`. */
type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/**
 * A `lookup` for `http.request` that resolves with {@link resolveAllowed}: the socket connects only
 * to an address that was checked in this very lookup, so a DNS answer that changed since
 * registration (DNS rebinding) cannot lead it inside. Node skips `lookup` for a literal address,
 * which {@link checkWebhookUrlForm} checks before the request starts.
 */
export function guardedLookup(config: WebhookTargetConfig): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(config, hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter(({ family }) => family === options.family) : addresses;
        const first = wanted[0];
        if (!first) {
          callback(Object.assign(new Error(`${hostname} has no IPv${String(options.family)} address`), { code: 'ENOTFOUND' }), '');
          return;
        }
        if (options.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, ''),
    );
  };
}
