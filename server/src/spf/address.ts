// The client address of an SPF check (RFC 7208 §4.1 <ip>): parsing, CIDR matching, and the
// forms the macros and the ptr mechanism need. IPv4-mapped IPv6 addresses are IPv4 (§5.6).

import ipaddr from 'ipaddr.js';
import { isStrictIPv4 } from './parser';

export interface ClientAddress {
  readonly family: 4 | 6;
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  /** As given, for messages. */
  readonly input: string;
}

/** Parses a client IP; undefined when it is not an IPv4 or IPv6 address. */
export function parseClientAddress(text: string): ClientAddress | undefined {
  const input = text.trim();
  if (isStrictIPv4(input)) return { family: 4, address: ipaddr.IPv4.parse(input), input };
  const v6 = parseIPv6(input);
  if (!v6) return undefined;
  if (v6.isIPv4MappedAddress()) return { family: 4, address: v6.toIPv4Address(), input };
  return { family: 6, address: v6, input };
}

/** The record type an address lookup for this client uses (§5.3: A for IPv4, AAAA for IPv6). */
export function addressRecordType(client: ClientAddress): 'A' | 'AAAA' {
  return client.family === 4 ? 'A' : 'AAAA';
}

/**
 * An IPv6 address as RFC 4291 reads it. ipaddr.js turns the deprecated IPv4-compatible form
 * "::192.0.2.1" into the IPv4-mapped "::ffff:192.0.2.1"; SPF must not, because mapped addresses
 * are checked as IPv4 and compatible ones are not. Zone indexes ("fe80::1%eth0") are not addresses here.
 */
export function parseIPv6(text: string): ipaddr.IPv6 | undefined {
  if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  const compatible = /^::(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (compatible && isStrictIPv4(compatible[1])) {
    const [a, b, c, d] = ipaddr.IPv4.parse(compatible[1]).octets;
    return new ipaddr.IPv6([0, 0, 0, 0, 0, 0, (a << 8) | b, (c << 8) | d]);
  }
  return ipaddr.IPv6.parse(text);
}

/**
 * True when `other` (an address from DNS or a network from ip4:/ip6:) is within `prefix` bits of
 * the client. Only the same family can match: an IPv4 (or IPv4-mapped) client never matches ip6.
 */
export function matchesClient(client: ClientAddress, other: string, prefix: number | undefined): boolean {
  const parsed = client.family === 4 ? (isStrictIPv4(other) ? ipaddr.IPv4.parse(other) : undefined) : parseIPv6(other);
  if (!parsed) return false;
  const bits = prefix ?? (client.family === 4 ? 32 : 128);
  return client.address.match(parsed, bits);
}

/** The readable form: dotted quad, or RFC 5952 text for IPv6 (the %{c} macro). */
export function readableAddress(client: ClientAddress): string {
  return client.family === 4 ? client.address.toString() : (client.address as ipaddr.IPv6).toRFC5952String();
}

/** The 32 hexadecimal nibbles of an IPv6 address, most significant first. */
function nibbles(address: ipaddr.IPv6): string[] {
  return address.parts.flatMap((part) => part.toString(16).padStart(4, '0').split(''));
}

/**
 * The %{i} macro value: the dotted quad, or for IPv6 the 32 nibbles joined by dots (§7.3). Nibbles
 * are upper-case, as the RFC 7208 test suite's explanations expect; DNS names ignore case.
 */
export function macroAddress(client: ClientAddress): string {
  return client.family === 4 ? client.address.toString() : nibbles(client.address as ipaddr.IPv6).join('.').toUpperCase();
}

/** The %{v} macro value. */
export function macroVersion(client: ClientAddress): 'in-addr' | 'ip6' {
  return client.family === 4 ? 'in-addr' : 'ip6';
}

/** The reverse-DNS name the ptr mechanism and %{p} query (RFC 1035 §3.5, RFC 3596 §2.5). */
export function reverseName(client: ClientAddress): string {
  if (client.family === 4) return `${[...(client.address as ipaddr.IPv4).octets].reverse().join('.')}.in-addr.arpa`;
  return `${nibbles(client.address as ipaddr.IPv6).reverse().join('.')}.ip6.arpa`;
}
