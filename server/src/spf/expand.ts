// Macro expansion (RFC 7208 §7.3, §7.4) of macro-strings the parser has already read. Pure: the
// values, including %{p}'s validated domain and %{t}'s clock, come from the caller.

import type { MacroLetter, MacroPart, MacroString } from './model';
import { truncateName } from './domainName';

/** What each macro letter expands to for one check_host() call (§7.3). */
export interface MacroValues {
  /** s: <sender>, "local-part@domain". */
  readonly sender: string;
  /** l: local-part of <sender>. */
  readonly localPart: string;
  /** o: domain of <sender>. */
  readonly senderDomain: string;
  /** d: <domain>, the domain whose record is being evaluated. */
  readonly domain: string;
  /** i: dotted quad, or dotted nibbles for IPv6. */
  readonly ip: string;
  /** p: the validated domain name of <ip>; "unknown" when there is none. */
  readonly validatedDomain: string;
  /** v: "in-addr" or "ip6". */
  readonly ipVersion: string;
  /** h: the HELO/EHLO domain. */
  readonly helo: string;
  /** c: the readable <ip> (explanations only). */
  readonly readableIp: string;
  /** r: the receiving host (explanations only). */
  readonly receiver: string;
  /** t: seconds since the epoch (explanations only). */
  readonly timestamp: number;
}

function valueOf(letter: MacroLetter, values: MacroValues): string {
  switch (letter) {
    case 's': return values.sender;
    case 'l': return values.localPart;
    case 'o': return values.senderDomain;
    case 'd': return values.domain;
    case 'i': return values.ip;
    case 'p': return values.validatedDomain;
    case 'v': return values.ipVersion;
    case 'h': return values.helo;
    case 'c': return values.readableIp;
    case 'r': return values.receiver;
    case 't': return String(values.timestamp);
  }
}

/**
 * §7.3 transformers: split on the delimiters (default "."), reverse when asked, keep the
 * right-most `digits` parts (all of them when there are fewer), and join with ".".
 */
export function transform(value: string, digits: number | undefined, reverse: boolean, delimiters: string): string {
  const separators = delimiters === '' ? '.' : delimiters;
  let parts = splitOn(value, separators);
  if (reverse) parts = parts.reverse();
  if (digits !== undefined && digits < parts.length) parts = parts.slice(parts.length - digits);
  return parts.join('.');
}

function splitOn(value: string, separators: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const char of value) {
    if (separators.includes(char)) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** §7.3: upper-case macros are URL-escaped; every octet outside RFC 3986 "unreserved" becomes %XX. */
export function urlEscape(text: string): string {
  let escaped = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    escaped += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return escaped;
}

export function expandPart(part: MacroPart, values: MacroValues): string {
  switch (part.kind) {
    case 'literal': return part.text;
    case 'escape': return part.value;
    case 'macro': {
      const expanded = transform(valueOf(part.letter, values), part.digits, part.reverse, part.delimiters);
      return part.urlEscape ? urlEscape(expanded) : expanded;
    }
  }
}

/** Expands every part; the caller has already rejected strings with macro syntax errors. */
export function expandMacroString(macroString: MacroString, values: MacroValues): string {
  return macroString.parts.map((part) => expandPart(part, values)).join('');
}

/** True when the string uses `letter` (in either case), so the caller knows to compute it. */
export function usesMacro(macroString: MacroString, letter: MacroLetter): boolean {
  return macroString.parts.some((part) => part.kind === 'macro' && part.letter === letter);
}

export interface ExpandedName {
  /** The name to query, without a root dot. */
  readonly name: string;
  /** True when labels were removed from the left to fit 253 octets (§7.3). */
  readonly truncated: boolean;
}

/** A domain-spec expanded into a target name: trailing dot dropped, over-long names truncated from the left. */
export function expandDomainSpec(domainSpec: MacroString, values: MacroValues): ExpandedName {
  return truncateName(expandMacroString(domainSpec, values));
}
