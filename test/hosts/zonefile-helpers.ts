// Shared by the zone-file host tests: parse a marked fixture, find SPF terms, check problems.

import assert from 'node:assert/strict';
import { parseZoneFile, type ZoneFileOptions } from '../../server/src/hosts/zonefile/index';
import type { HostDocument, HostProblem, OffsetRange, SpfSource } from '../../server/src/hosts/types';
import { parseMarkers } from '../util/markers';

export const uri = 'file:///zones/db.example.com';

export interface Parsed {
  readonly doc: HostDocument;
  readonly text: string;
  readonly ranges: readonly OffsetRange[];
  readonly carets: readonly number[];
}

/** Strips the markers from `marked` and parses it (as db.example.com unless options say otherwise). */
export function parseMarked(marked: string, options: Partial<ZoneFileOptions> = {}): Parsed {
  const { text, ranges, carets } = parseMarkers(marked);
  const doc = parseZoneFile(text, { uri, ...options });
  return { doc, text, ranges, carets };
}

/** The document range of `term` (its first occurrence) in the SPF text. */
export function termRange(source: SpfSource, term: string): OffsetRange {
  const at = source.text.indexOf(term);
  assert.ok(at >= 0, `${JSON.stringify(term)} not in ${JSON.stringify(source.text)}`);
  return source.map.range(at, term.length);
}

export function onlySpf(doc: HostDocument): SpfSource {
  assert.equal(doc.spf.length, 1, `expected one SPF source, got ${JSON.stringify(doc.spf.map((s) => s.text))}`);
  return doc.spf[0];
}

export function noProblems(doc: HostDocument): void {
  assert.deepEqual(doc.problems.map(describe), []);
}

/** Asserts the problems' codes and ranges, in order, and that every message is a full sentence. */
export function assertProblems(doc: HostDocument, expected: readonly { code: string; range: OffsetRange; severity?: string }[]): void {
  assert.deepEqual(
    doc.problems.map((p) => ({ code: p.code, range: { start: p.offset, end: p.offset + p.length }, severity: p.severity })),
    expected.map((e) => ({ code: e.code, range: e.range, severity: e.severity ?? 'error' })),
    doc.problems.map(describe).join('\n'),
  );
  for (const problem of doc.problems) assertSentence(problem.message);
}

export function assertSentence(message: string): void {
  assert.match(message, /^["$A-Z\\].*[.)]$/s, `not a full sentence: ${message}`);
}

export function describe(problem: HostProblem): string {
  return `${problem.code} ${problem.severity} ${problem.offset}+${problem.length}: ${problem.message}`;
}
