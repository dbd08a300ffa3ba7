import ipaddr from 'ipaddr.js';

/**
 * The network an address belongs to, for caps that one subscriber cannot dodge by changing its
 * last bits: the IPv4 /24 or the IPv6 /56 (what a provider usually gives one customer). An
 * IPv4-mapped IPv6 address counts as its IPv4 address; anything unparsable is its own block.
 */
export function addressBlock(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const parsed = ipaddr.parse(ip);
  const address = parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress() ? parsed.toIPv4Address() : parsed;
  if (address instanceof ipaddr.IPv4) {
    const [a, b, c] = address.octets;
    return `${a}.${b}.${c}.0/24`;
  }
  const [w0, w1, w2, w3] = address.parts.map((part) => part.toString(16));
  return `${w0}:${w1}:${w2}:${(parseInt(w3 ?? '0', 16) & 0xff00).toString(16)}::/56`;
}

/** The part of an E.164 number its per-prefix cap counts: all but the last four digits. */
export function phonePrefix(e164: string): string {
  return e164.slice(0, -4);
}
