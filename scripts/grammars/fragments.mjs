// Regular-expression fragments shared by the generated TextMate grammars.
// They are plain strings in Oniguruma syntax; the grammars are generated so that
// long alternations (IPv6, record types) are written once and tested once.

/** One 16-bit IPv6 group. */
const H = '[0-9A-Fa-f]{1,4}';

/** A dotted-quad IPv4 address without leading zeros (RFC 7208 ip4-network). */
export const IPV4 = '(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';

/** An IPv6 address in any RFC 4291 text form, including "::" and an IPv4 tail. */
export const IPV6 = (() => {
  const forms = [
    `(?:${H}:){7}${H}`,
    `(?:${H}:){1,7}:`,
    `(?:${H}:){1,6}:${H}`,
    `(?:${H}:){1,5}(?::${H}){1,2}`,
    `(?:${H}:){1,4}(?::${H}){1,3}`,
    `(?:${H}:){1,3}(?::${H}){1,4}`,
    `(?:${H}:){1,2}(?::${H}){1,5}`,
    `${H}:(?::${H}){1,6}`,
    `:(?:(?::${H}){1,7}|:)`,
    `(?:${H}:){6}${IPV4}`,
    `::(?:${H}:){0,5}${IPV4}`,
  ];
  // An IPv4 tail counts as two groups, so at most five explicit groups around "::".
  for (let before = 1; before <= 5; before++) {
    forms.push(`(?:${H}:){${before}}:(?:${H}:){0,${5 - before}}${IPV4}`);
  }
  return `(?:${forms.join('|')})`;
})();

/** ip4-cidr-length value 0..32 without leading zeros. */
export const CIDR4 = '(?:3[0-2]|[12][0-9]|[1-9]|0)';
/** ip6-cidr-length value 0..128 without leading zeros. */
export const CIDR6 = '(?:12[0-8]|1[01][0-9]|[1-9][0-9]|[0-9])';

/** Characters that end an SPF term in every host: blanks, quotes, backslash escapes,
 * and YAML flow indicators (none of them can appear in a valid term). */
export const TERM_STOP = '\\s"\'\\\\,\\]}';
/** Lookahead for the end of an SPF term. */
export const TERM_END = `(?=[${TERM_STOP}]|$)`;
/** The rest of a term, for scoping a malformed remainder. */
export const TERM_REST = `[^${TERM_STOP}]*`;

/** The version tag and what may follow it in any host string. */
export const VERSION = '(?i:v=spf1)';
export const VERSION_END = '(?=[ \\t]|\\\\?["\']|$)';

export const MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];
