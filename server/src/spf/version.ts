// Which TXT texts are SPF records (RFC 7208 §4.5), and which only look like one.

/** Exactly "v=spf1" (any case) followed by a space or the end: what receivers select. */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1(?: |$)/i.test(text);
}

/**
 * SPF records plus near misses a person meant as SPF ("v=spf2", "v=spf1.", " v=spf1", "spf1 ...",
 * "v = spf1"). Sender ID records ("spf2.0/pra ...") are a different protocol and are not included.
 */
export function looksLikeSpf(text: string): boolean {
  return isSpfRecord(text) || /^\s*v\s*=\s*spf/i.test(text) || /^\s*spf1\b/i.test(text) || /^\s*v=spf1/i.test(text);
}
