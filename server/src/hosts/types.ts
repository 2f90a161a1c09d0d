// What every host format (zone file, Terraform, YAML) gives the rest of the server:
// the SPF texts it holds, each with a map from SPF text offsets back to document offsets,
// plus the DNS records it defines (for the workspace overlay) and its own syntax problems.
// Offsets are UTF-16 code unit offsets into the document text, as LSP's positionAt expects.

import type { Severity } from '../spf/problems';

/**
 * One stretch of the document that produced part of the decoded text.
 * A plain run maps character for character (`docLength === length`); an escape such as
 * `\"` or `\059` maps one decoded character to several document characters.
 */
export interface Segment {
  readonly text: number;
  readonly doc: number;
  readonly length: number;
  readonly docLength: number;
}

export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** Maps offsets in a decoded text (for example the concatenation of a TXT record's strings) back to the document. */
export class SourceMap {
  private readonly segments: readonly Segment[];
  private readonly textLength: number;

  constructor(segments: readonly Segment[]) {
    this.segments = segments;
    const last = segments[segments.length - 1];
    this.textLength = last ? last.text + last.length : 0;
  }

  /** Document offset where the decoded character at `textOffset` begins (`textOffset` may equal the text length). */
  start(textOffset: number): number {
    if (this.segments.length === 0) return 0;
    if (textOffset >= this.textLength) return this.end(this.textLength);
    const segment = this.segments[this.find(textOffset)];
    return segment.docLength === segment.length ? segment.doc + (textOffset - segment.text) : segment.doc;
  }

  /** Document offset just after the decoded character at `textOffset - 1`. */
  end(textOffset: number): number {
    if (this.segments.length === 0) return 0;
    if (textOffset <= 0) return this.start(0);
    const clamped = Math.min(textOffset, this.textLength);
    const segment = this.segments[this.find(clamped - 1)];
    return segment.docLength === segment.length
      ? segment.doc + (clamped - segment.text)
      : segment.doc + segment.docLength;
  }

  /** The document range of `length` decoded characters from `offset`; an empty range sits at `offset`. */
  range(offset: number, length: number): OffsetRange {
    const start = this.start(offset);
    return { start, end: length > 0 ? this.end(offset + length) : start };
  }

  /**
   * The decoded-text offset of the character written at `docOffset`, or undefined when that
   * document position is not part of the text (a quote, the space between strings, a comment).
   * The end of the last character maps to the text length, so a caret right after a term finds it.
   */
  textOffsetAt(docOffset: number): number | undefined {
    for (const segment of this.segments) {
      if (docOffset >= segment.doc && docOffset < segment.doc + segment.docLength) {
        return segment.docLength === segment.length ? segment.text + (docOffset - segment.doc) : segment.text;
      }
    }
    return docOffset === this.end(this.textLength) ? this.textLength : undefined;
  }

  private find(textOffset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.segments[mid].text <= textOffset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** Collects segments in text order, merging adjacent plain runs. */
export class SourceMapBuilder {
  private readonly segments: Segment[] = [];
  private textOffset = 0;

  /** `length` characters copied verbatim from the document at `docOffset`. */
  run(docOffset: number, length: number): void {
    if (length <= 0) return;
    const last = this.segments[this.segments.length - 1];
    if (last && last.docLength === last.length && last.doc + last.length === docOffset) {
      this.segments[this.segments.length - 1] = { ...last, length: last.length + length, docLength: last.docLength + length };
    } else {
      this.segments.push({ text: this.textOffset, doc: docOffset, length, docLength: length });
    }
    this.textOffset += length;
  }

  /** One decoded character written as `docLength` document characters (an escape sequence). */
  escape(docOffset: number, docLength: number): void {
    if (docLength === 1) {
      this.run(docOffset, 1);
      return;
    }
    this.segments.push({ text: this.textOffset, doc: docOffset, length: 1, docLength });
    this.textOffset += 1;
  }

  get length(): number {
    return this.textOffset;
  }

  build(): SourceMap {
    return new SourceMap(this.segments.slice());
  }
}

/** One character-string of a TXT record, in decoded text offsets, with its size on the wire. */
export interface CharacterString {
  readonly offset: number;
  readonly length: number;
  readonly octets: number;
}

/** An SPF record (or a TXT record that looks like one) found in a host document. */
export interface SpfSource {
  /** The document it is written in. */
  readonly uri: string;
  /** The record as a receiver sees it: character-strings concatenated without separators (RFC 7208 §3.3). */
  readonly text: string;
  readonly map: SourceMap;
  readonly strings: readonly CharacterString[];
  /** Fully-qualified owner name, lower case, no trailing dot; `undefined` when the origin is unknown. */
  readonly owner: string | undefined;
  /** How the owner is written in the document, for messages ("@", "mail", "example.com."). */
  readonly ownerText: string;
  /** TXT, or the obsolete SPF type 99. */
  readonly rrtype: 'TXT' | 'SPF';
  /** Document range of the whole resource record, owner to end of rdata. */
  readonly recordRange: OffsetRange;
  /** Document range of the rdata (the strings), for edits that replace the whole record text. */
  readonly rdataRange: OffsetRange;
}

/** A DNS record a host document defines, as the workspace overlay serves it. */
export interface HostRecord {
  readonly uri: string;
  /** Zero-based line of the record's first character, for "defined in db.example.com line 12". */
  readonly line: number;
  /** Fully-qualified owner name, lower case, no trailing dot. */
  readonly owner: string;
  readonly type: string;
  readonly ttl: number;
  /** TXT/SPF: character-strings; A/AAAA: address; MX: "priority exchange"; CNAME/PTR/NS: target name. */
  readonly data: readonly string[];
}

/** A problem in the host document itself (zone syntax, missing $INCLUDE file), in document offsets. */
export interface HostProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly uri: string;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

export interface HostDocument {
  readonly spf: readonly SpfSource[];
  readonly records: readonly HostRecord[];
  readonly problems: readonly HostProblem[];
}
