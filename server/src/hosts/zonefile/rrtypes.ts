// Record types, classes and TTLs as BIND reads them in master files.

/** Type mnemonics BIND 9 knows, with their numbers (IANA "Resource Record (RR) TYPEs"). */
const typeNumbers: Record<string, number> = {
  A: 1, NS: 2, MD: 3, MF: 4, CNAME: 5, SOA: 6, MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, PTR: 12,
  HINFO: 13, MINFO: 14, MX: 15, TXT: 16, RP: 17, AFSDB: 18, X25: 19, ISDN: 20, RT: 21, NSAP: 22,
  'NSAP-PTR': 23, SIG: 24, KEY: 25, PX: 26, GPOS: 27, AAAA: 28, LOC: 29, NXT: 30, EID: 31,
  NIMLOC: 32, SRV: 33, ATMA: 34, NAPTR: 35, KX: 36, CERT: 37, A6: 38, DNAME: 39, SINK: 40, OPT: 41,
  APL: 42, DS: 43, SSHFP: 44, IPSECKEY: 45, RRSIG: 46, NSEC: 47, DNSKEY: 48, DHCID: 49, NSEC3: 50,
  NSEC3PARAM: 51, TLSA: 52, SMIMEA: 53, HIP: 55, NINFO: 56, RKEY: 57, TALINK: 58, CDS: 59,
  CDNSKEY: 60, OPENPGPKEY: 61, CSYNC: 62, ZONEMD: 63, SVCB: 64, HTTPS: 65, DSYNC: 66, SPF: 99,
  UINFO: 100, UID: 101, GID: 102, UNSPEC: 103, NID: 104, L32: 105, L64: 106, LP: 107, EUI48: 108,
  EUI64: 109, RESINFO: 261, WALLET: 262, TKEY: 249, TSIG: 250, URI: 256, CAA: 257, AVC: 258,
  DOA: 259, AMTRELAY: 260, TA: 32768, DLV: 32769,
};

const canonicalTypes = new Map<string, string>(Object.keys(typeNumbers).map((name) => [name, name]));
const typeNames = new Map<number, string>(Object.entries(typeNumbers).map(([name, number]) => [number, name]));

/**
 * The canonical name of a type token ("txt" → "TXT", "TYPE16" → "TXT", "TYPE65280" → "TYPE65280"),
 * or undefined when it is not a type.
 */
export function parseType(token: string): string | undefined {
  // The table's own key is returned, so 100,000 records share one "TXT" string instead of holding copies.
  const known = canonicalTypes.get(token) ?? canonicalTypes.get(token.toUpperCase());
  if (known !== undefined) return known;
  const upper = token.toUpperCase();
  const number = numberAfter(upper, 'TYPE');
  if (number === undefined) return undefined;
  return typeNames.get(number) ?? `TYPE${number}`;
}

const classNumbers: Record<string, number> = { IN: 1, CS: 2, CH: 3, CHAOS: 3, HS: 4, HESIOD: 4 };
const classNames = new Map<number, string>([[1, 'IN'], [2, 'CS'], [3, 'CH'], [4, 'HS']]);

/** The canonical name of a class token ("in" → "IN", "CLASS1" → "IN"), or undefined when it is not a class. */
export function parseClass(token: string): string | undefined {
  if (token === 'IN') return 'IN';
  // Every class name starts with C, H or I; this keeps type names and TTLs cheap to rule out.
  const first = token.charCodeAt(0) | 0x20;
  if (first !== 0x63 && first !== 0x68 && first !== 0x69) return undefined;
  const upper = token.toUpperCase();
  if (Object.hasOwn(classNumbers, upper)) return classNames.get(classNumbers[upper]);
  const number = numberAfter(upper, 'CLASS');
  if (number === undefined) return undefined;
  return classNames.get(number) ?? `CLASS${number}`;
}

/** The 16-bit number after `prefix` ("TYPE16" → 16), or undefined. */
function numberAfter(upper: string, prefix: string): number | undefined {
  if (!upper.startsWith(prefix) || upper.length === prefix.length || upper.length > prefix.length + 5) return undefined;
  let value = 0;
  for (let i = prefix.length; i < upper.length; i++) {
    const d = upper.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return value <= 0xffff ? value : undefined;
}

const unitSeconds: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

/**
 * A TTL as BIND's dns_ttl_fromtext reads it: a plain number of seconds, or number-unit pairs
 * (w, d, h, m, s in any case) such as "1h30m". Returns the seconds, 'range' when the value
 * does not fit in 32 bits, or undefined when the text is not a TTL.
 */
export function parseTtl(token: string): number | 'range' | undefined {
  const n = token.length;
  if (n === 0 || n > 63) return undefined;
  let total = 0;
  let i = 0;
  while (i < n) {
    const digitsStart = i;
    let value = 0;
    while (i < n) {
      const d = token.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      i++;
    }
    if (i === digitsStart || value > 0xffffffff) return undefined;
    if (i === n) {
      // A bare number is only allowed on its own ("1h30" is rejected, like BIND does).
      if (total !== 0) return undefined;
      total = value;
      break;
    }
    const unit = unitSeconds[token[i].toLowerCase()];
    if (unit === undefined) return undefined;
    total += value * unit;
    i++;
  }
  return total > 0xffffffff ? 'range' : total;
}

/** True when the token starts like a TTL (a digit), so a failed parse deserves a "bad TTL" message. */
export function looksLikeTtl(token: string): boolean {
  const c = token.charCodeAt(0);
  return c >= 0x30 && c <= 0x39;
}

/** TTLs above 2^31 - 1 are treated as 0 (RFC 2181 §8); BIND warns and loads 0. */
export const maxTtl = 0x7fffffff;
