// Domain names as a zone file writes them: "@", relative names completed with $ORIGIN,
// absolute names ending in ".". Names are kept in presentation form (escapes as written),
// lower-cased, without the trailing dot; the root is "".

import { clip } from './messages';

/** Lower-cased, trailing dot removed; "" for the root. For options.origin and $ORIGIN results. */
export function normalizeOrigin(origin: string): string {
  const lower = origin.toLowerCase();
  return endsWithUnescapedDot(lower) ? lower.slice(0, -1) : lower;
}

/**
 * The fully-qualified form of `written` under `origin` (undefined when not known).
 * Returns undefined when the name is relative and the origin is unknown.
 */
export function absoluteName(written: string, origin: string | undefined): string | undefined {
  if (written === '@') return origin;
  const lower = written.toLowerCase();
  if (endsWithUnescapedDot(lower)) return lower.slice(0, -1);
  if (origin === undefined) return undefined;
  return origin === '' ? lower : `${lower}.${origin}`;
}

export function isAbsolute(written: string): boolean {
  return endsWithUnescapedDot(written);
}

function endsWithUnescapedDot(name: string): boolean {
  const last = name.length - 1;
  if (last < 0 || name.charCodeAt(last) !== 0x2e) return false;
  let backslashes = 0;
  for (let i = last - 1; i >= 0 && name.charCodeAt(i) === 0x5c; i--) backslashes++;
  return backslashes % 2 === 0;
}

/**
 * Why `written` is not a valid domain name in presentation form, or undefined when it is.
 * Checks what BIND's dns_name_fromtext rejects: empty labels, labels over 63 octets, names over
 * 255 octets on the wire, and malformed `\DDD` escapes. `relativeLength` is the wire length the
 * origin would add (0 when unknown).
 */
export function nameProblem(written: string, relativeLength = 0): string | undefined {
  if (written === '@' || written === '.') return undefined;
  const shown = clip(written);
  let label = 0;
  let wire = 1; // the root label
  const n = written.length;
  for (let i = 0; i < n; i++) {
    const c = written.charCodeAt(i);
    if (c === 0x2e) {
      if (label === 0) return `"${shown}" has an empty label (two dots in a row, or a leading dot). Remove the extra dot.`;
      wire += label + 1;
      label = 0;
      continue;
    }
    if (c === 0x5c) {
      if (i + 1 >= n) return `"${shown}" ends with a lone backslash. Remove it, or escape it as "\\\\".`;
      const d1 = written.charCodeAt(i + 1);
      if (d1 >= 0x30 && d1 <= 0x39) {
        const value = decimalEscape(written, i);
        if (value < 0) return `"${shown}" has a bad escape: a backslash followed by a digit needs exactly three digits (\\000 to \\255).`;
        i += 3;
      } else {
        i += 1;
        // A literal character after the backslash; non-ASCII ones are longer on the wire.
        if (d1 >= 0xd800 && d1 <= 0xdbff && i + 1 < n) i++;
      }
      label++;
    } else {
      const octets = utf8Octets(written, i);
      label += octets;
      if (octets === 4) i++;
    }
    if (label > 63) return `A label of "${shown}" is longer than 63 octets, which DNS does not allow. Shorten it.`;
  }
  if (label > 0) wire += label + 1;
  if (!endsWithUnescapedDot(written)) wire += relativeLength;
  if (wire > 255) return `"${shown}" is longer than 255 octets as a full domain name, which DNS does not allow. Shorten it.`;
  return undefined;
}

/** UTF-8 octets of the character at `i`: 4 for a surrogate pair (which spans `i` and `i + 1`). */
export function utf8Octets(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return 4;
  }
  return 3;
}

/** The value of the `\DDD` escape at `i` (the backslash), or -1 if it is not three digits up to 255. */
export function decimalEscape(text: string, i: number, end = text.length): number {
  if (i + 3 >= end) return -1;
  let value = 0;
  for (let k = 1; k <= 3; k++) {
    const d = text.charCodeAt(i + k) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value > 255 ? -1 : value;
}

/** Wire length an origin adds to a relative name (its labels plus length octets), 0 for root or unknown. */
export function originWireLength(origin: string | undefined): number {
  return origin ? origin.length + 1 : 0;
}

const fileNameLabel = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Guesses the zone origin from a file name: "db.example.com", "example.com.zone", "example.com.db" → "example.com". */
export function originFromFileName(uri: string): string | undefined {
  const path = uri.replace(/[?#].*$/, '');
  let name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    return undefined;
  }
  name = name.toLowerCase();
  let stripped = false;
  if (name.startsWith('db.')) {
    name = name.slice(3);
    stripped = true;
  }
  for (const suffix of ['.zone', '.db']) {
    if (name.endsWith(suffix)) {
      name = name.slice(0, -suffix.length);
      stripped = true;
      break;
    }
  }
  if (!stripped) return undefined;
  if (name.endsWith('.')) name = name.slice(0, -1);
  const labels = name.split('.');
  // Debian's db.local, db.127 and db.192.168.1 name reverse or local zones, not their origin.
  if (labels.length < 2 || name.length > 253) return undefined;
  if (!labels.every((label) => fileNameLabel.test(label))) return undefined;
  if (!/[a-z]/.test(labels[labels.length - 1])) return undefined;
  return name;
}
