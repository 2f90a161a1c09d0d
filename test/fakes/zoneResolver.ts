// An in-memory Resolver over the test DNS server's zone rules (test/dns-server/zone.ts, the SPF
// test suites' `zonedata` form: SPF served as TXT, NONE, TIMEOUT, multi-string TXT, MX
// [preference, host], CNAME, case-insensitive names, NXDOMAIN vs NODATA). No sockets: answers
// are what the loopback server would send, as the live resolver would report them. Every query
// is recorded, so engine tests can count them.

import type { AnswerSource, DnsAnswer, RecordData, RecordType, ResolveOptions, Resolver } from '../../server/src/dns/resolver';
import type { AnswerRecord, ZoneData, ZoneEntry, ZoneInput } from '../dns-server/zone';
import { Zone } from '../dns-server/zone';

export type { ZoneData, ZoneEntry };

export interface ZoneQuery {
  readonly name: string;
  readonly type: RecordType;
}

export class ZoneResolver implements Resolver {
  readonly queries: ZoneQuery[] = [];
  private readonly zone: Zone;

  constructor(zone: ZoneInput, private readonly source: AnswerSource = { kind: 'none' }) {
    this.zone = Zone.from(zone);
  }

  /** How many queries asked for `type` (any type when omitted). */
  count(type?: RecordType): number {
    return type ? this.queries.filter((query) => query.type === type).length : this.queries.length;
  }

  async resolve<T extends RecordType>(name: string, type: T, _options?: ResolveOptions): Promise<DnsAnswer<T>> {
    this.queries.push({ name, type });
    const source = this.source;
    const lookup = this.zone.lookup(name, type);
    if (lookup.kind === 'timeout') return { kind: 'timeout', source, waitedMs: 0 };
    if (lookup.rcode === 'NXDOMAIN') return { kind: 'nxdomain', source };
    if (lookup.rcode !== 'NOERROR') return { kind: 'error', source, detail: lookup.rcode };
    // CNAMEs on the way are followed by the zone; a resolver reports only the records asked for.
    const records = lookup.answers.filter((answer) => answer.type === type);
    if (records.length === 0) return { kind: 'nodata', source };
    return { kind: 'ok', records: records.map((record) => toRecord(record) as RecordData[T]), ttl: Math.min(...records.map((record) => record.ttl)), source };
  }
}

function toRecord(record: AnswerRecord): RecordData[RecordType] {
  switch (record.type) {
    case 'TXT':
    case 'SPF':
      return record.strings.map((bytes) => bytes.toString('utf8'));
    case 'A':
    case 'AAAA':
      return record.address;
    case 'MX':
      return { priority: record.preference, exchange: record.exchange };
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return record.target;
  }
}
