// Decoding of TXT character-strings: quoted or unquoted tokens with `\X` and `\DDD` escapes,
// and RFC 3597 generic rdata (`\# length hex`). Every decoded character is recorded in a
// SourceMapBuilder, so SPF text offsets map back to the exact document characters.

import type { SourceMapBuilder } from '../types';
import { decimalEscape, utf8Octets } from './names';

export interface DecodedString {
  readonly text: string;
  /** Size on the wire: UTF-8 octets of literal characters, one per escape. */
  readonly octets: number;
}

export type ProblemSink = (offset: number, length: number, message: string) => void;

/**
 * Decodes document characters `start..end` (a quoted string's content, or an unquoted word) into
 * `map`. `escaped`/`nonAscii` are the lexer's flags and allow the common plain case to be one slice.
 */
export function decodeCharacterString(
  doc: string,
  start: number,
  end: number,
  escaped: boolean,
  nonAscii: boolean,
  map: SourceMapBuilder,
  report: ProblemSink,
): DecodedString {
  if (!escaped) {
    map.run(start, end - start);
    return { text: doc.slice(start, end), octets: nonAscii ? utf8Length(doc, start, end) : end - start };
  }
  const parts: string[] = [];
  let octets = 0;
  let runStart = start;
  let i = start;
  while (i < end) {
    const c = doc.charCodeAt(i);
    if (c !== 0x5c) {
      const size = c < 0x80 ? 1 : utf8Octets(doc, i);
      octets += size;
      i += size === 4 ? 2 : 1;
      continue;
    }
    if (i > runStart) {
      parts.push(doc.slice(runStart, i));
      map.run(runStart, i - runStart);
    }
    if (i + 1 >= end) {
      report(i, 1, 'A backslash at the end of a string escapes nothing. Remove it, or write "\\\\" for a literal backslash.');
      runStart = i = end;
      break;
    }
    const next = doc.charCodeAt(i + 1);
    if (isDigit(next)) {
      const value = decimalEscape(doc, i, end);
      if (value < 0) {
        let length = 1;
        while (length < 4 && i + length < end && isDigit(doc.charCodeAt(i + length))) length++;
        report(i, length, `"${doc.slice(i, i + length)}" is not a valid escape: a backslash followed by a digit needs exactly three digits from \\000 to \\255.`);
        // Read it as the digit itself and carry on, so one typo does not hide the rest.
        parts.push(doc[i + 1]);
        map.escape(i, 2);
        octets += 1;
        runStart = i = i + 2;
        continue;
      }
      parts.push(String.fromCharCode(value));
      map.escape(i, 4);
      octets += 1;
      runStart = i = i + 4;
      continue;
    }
    // `\X` is X, whatever X is. A surrogate pair stays whole: its first half carries the escape.
    const size = next < 0x80 ? 1 : utf8Octets(doc, i + 1);
    if (size === 4) {
      parts.push(doc.slice(i + 1, i + 3));
      map.escape(i, 2);
      map.run(i + 2, 1);
      runStart = i = i + 3;
    } else {
      parts.push(doc[i + 1]);
      map.escape(i, 2);
      runStart = i = i + 2;
    }
    octets += size;
  }
  if (end > runStart) {
    parts.push(doc.slice(runStart, end));
    map.run(runStart, end - runStart);
  }
  return { text: parts.join(''), octets };
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function utf8Length(doc: string, start: number, end: number): number {
  let octets = 0;
  for (let i = start; i < end; ) {
    const size = utf8Octets(doc, i);
    octets += size;
    i += size === 4 ? 2 : 1;
  }
  return octets;
}

/** Generic rdata bytes with, for each byte, the document range of its two hex digits. */
export interface GenericBytes {
  readonly bytes: Uint8Array;
  readonly docStart: Int32Array;
  readonly docEnd: Int32Array;
}

/** Accumulates the hex words of `\# length hex...` into bytes; a byte's digits may straddle two words. */
export class HexCollector {
  private readonly bytes: Uint8Array;
  private readonly docStart: Int32Array;
  private readonly docEnd: Int32Array;
  private count = 0;
  private high = -1;
  private highAt = 0;

  constructor(readonly declared: number) {
    this.bytes = new Uint8Array(declared);
    this.docStart = new Int32Array(declared);
    this.docEnd = new Int32Array(declared);
  }

  /** Adds the hex word at `start..end`; returns the offset of the first bad character, or -1. */
  add(doc: string, start: number, end: number): number {
    for (let i = start; i < end; i++) {
      const value = hexValue(doc.charCodeAt(i));
      if (value < 0) return i;
      if (this.high < 0) {
        this.high = value;
        this.highAt = i;
        continue;
      }
      if (this.count < this.declared) {
        this.bytes[this.count] = (this.high << 4) | value;
        this.docStart[this.count] = this.highAt;
        this.docEnd[this.count] = i + 1;
      }
      this.count++;
      this.high = -1;
    }
    return -1;
  }

  /** Bytes decoded so far (a trailing half byte is not counted). */
  get length(): number {
    return this.count;
  }

  get halfByte(): boolean {
    return this.high >= 0;
  }

  result(): GenericBytes {
    return { bytes: this.bytes, docStart: this.docStart, docEnd: this.docEnd };
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Splits generic rdata into TXT character-strings (each a length octet and that many bytes),
 * recording each byte in `map` against its hex digits. Bytes become characters one to one
 * (Latin-1), so octets equal lengths. Returns undefined when the lengths do not add up.
 */
export function decodeGenericTxt(generic: GenericBytes, map: SourceMapBuilder): DecodedString[] | undefined {
  const { bytes, docStart, docEnd } = generic;
  const strings: DecodedString[] = [];
  let i = 0;
  if (bytes.length === 0) return undefined;
  while (i < bytes.length) {
    const length = bytes[i++];
    if (i + length > bytes.length) return undefined;
    // Generic TXT is rare and each string is at most 255 bytes, so one spread call is cheap.
    const text = String.fromCharCode(...bytes.subarray(i, i + length));
    for (let k = i; k < i + length; k++) map.escape(docStart[k], docEnd[k] - docStart[k]);
    strings.push({ text, octets: length });
    i += length;
  }
  return strings;
}
