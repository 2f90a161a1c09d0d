// State one parse shares across the document and the files it $INCLUDEs: the results,
// the TTL defaults BIND carries from file to file, the zone class, and the limits that keep
// hostile or broken input bounded.

import type { Severity } from '../../spf/problems';
import type { HostProblem, HostRecord, SpfSource } from '../types';

/** Deepest chain of nested $INCLUDEs followed. */
export const maxIncludeDepth = 8;
/** Most $INCLUDE files read for one document, so files including each other many times cannot blow up. */
export const maxIncludes = 256;
/** Most problems reported for one document (binary junk could otherwise yield one per line). */
export const maxProblems = 1000;

/** What one parse of a document shares with the files it includes: results, TTL state, zone class. */
export class ZoneContext {
  readonly spf: SpfSource[] = [];
  readonly records: HostRecord[] = [];
  readonly problems: HostProblem[] = [];
  /** The $TTL value, once given. */
  defaultTtl: number | undefined;
  /** The last explicit TTL, used when there is no $TTL (RFC 1035 semantics, as BIND does). */
  lastTtl: number | undefined;
  /** The first class written explicitly; BIND rejects records of any other class. */
  zoneClass: string | undefined;
  includesRead = 0;

  constructor(
    readonly readInclude: ((uri: string) => string | undefined) | undefined,
    /** Whether to collect HostRecords (the DNS overlay's data); a lint that sends no query skips them. */
    readonly collectRecords = true,
  ) {}

  addProblem(uri: string, code: 'zone-syntax' | 'zone-include', severity: Severity, offset: number, length: number, message: string): void {
    const count = this.problems.length;
    if (count < maxProblems) {
      this.problems.push({ code, severity, uri, offset, length, message });
    } else if (count === maxProblems) {
      this.problems.push({
        code: 'zone-syntax', severity: 'information', uri, offset, length,
        message: `This file has more than ${maxProblems} zone problems; the rest are not shown. Fix the ones above first (is this really a zone file?).`,
      });
    }
  }
}
