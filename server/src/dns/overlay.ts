// Workspace records answer first: a name defined in the workspace's zone files (or other host
// documents) is answered from there, with the file and line as the source, so a record being edited
// is checked as written rather than as it is published.
//
// The rule, kept simple on purpose:
// - If the workspace defines any record at exactly the asked name, the workspace answers: the
//   records of the asked type, or nodata if it has none. Names it does not define fall through to
//   the next resolver (live DNS, or the offline resolver).
// - Exception: a name with only NS records (no SOA) is a delegation to another zone, so it falls through.
// - TXT questions are answered by TXT records, or by SPF (type 99) records when the name has no TXT
//   records (the convention of the RFC 7208 test suite; serving both would duplicate the policy).
// - A CNAME at the name answers other types by following it: in the workspace when the target is
//   defined there, else through the next resolver. Loops and chains longer than 8 answer an error.
// - Records whose data does not parse (an A record that is not an IPv4 address ...) are skipped; the
//   host document reports them.

import ipaddr from 'ipaddr.js';
import type { HostRecord } from '../hosts/types';
import type { AnswerSource, DnsAnswer, MxRecord, RecordData, RecordType, ResolveOptions, Resolver } from './resolver';

export type HostRecordProvider = () => readonly HostRecord[];

const MAX_CNAME_HOPS = 8;

type Index = ReadonlyMap<string, readonly HostRecord[]>;

export class WorkspaceOverlay implements Resolver {
  // Rebuilt only when the provider hands out a different array.
  private indexed: { records: readonly HostRecord[]; index: Index } | undefined;

  constructor(
    private readonly next: Resolver,
    private readonly records: HostRecordProvider,
  ) {}

  async resolve<T extends RecordType>(name: string, type: T, options?: ResolveOptions): Promise<DnsAnswer<T>> {
    const index = this.index();
    const seen = new Set<string>();
    let current = name;
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      const key = normalise(current);
      const defined = index.get(key);
      if (!defined || isDelegation(defined)) {
        return hop === 0 ? this.next.resolve(name, type, options) : this.next.resolve(current, type, options);
      }
      const answer = answerFrom(defined, type);
      if (answer) return answer;
      const cname = defined.find((record) => record.type.toUpperCase() === 'CNAME' && record.data.length > 0);
      if (!cname) return { kind: 'nodata', source: sourceOf(defined[0]) };
      seen.add(key);
      current = stripDot(cname.data[0]);
      if (seen.has(normalise(current))) {
        return { kind: 'error', source: sourceOf(cname), detail: `CNAME loop in workspace records at ${key}` };
      }
    }
    return { kind: 'error', source: { kind: 'none' }, detail: `CNAME chain from ${normalise(name)} is longer than ${MAX_CNAME_HOPS}` };
  }

  private index(): Index {
    const records = this.records();
    if (this.indexed?.records === records) return this.indexed.index;
    const index = new Map<string, HostRecord[]>();
    for (const record of records) {
      const key = normalise(record.owner);
      const list = index.get(key);
      if (list) list.push(record);
      else index.set(key, [record]);
    }
    this.indexed = { records, index };
    return index;
  }
}

/** Answers names defined in workspace records from them, and passes every other name to `next`. */
export function withWorkspaceOverlay(next: Resolver, records: HostRecordProvider): WorkspaceOverlay {
  return new WorkspaceOverlay(next, records);
}

function answerFrom<T extends RecordType>(defined: readonly HostRecord[], type: T): DnsAnswer<T> | undefined {
  const ofType = (wanted: string) => defined.filter((record) => record.type.toUpperCase() === wanted);
  const candidates = type === 'TXT' ? (ofType('TXT').length > 0 ? ofType('TXT') : ofType('SPF')) : ofType(type);
  const used: HostRecord[] = [];
  const records: RecordData[T][] = [];
  for (const record of candidates) {
    const data = dataOf(record, type);
    if (data === undefined) continue;
    used.push(record);
    records.push(data as RecordData[T]);
  }
  if (records.length === 0) return undefined;
  return { kind: 'ok', records, ttl: Math.min(...used.map((record) => record.ttl)), source: sourceOf(used[0]) };
}

function dataOf(record: HostRecord, type: RecordType): RecordData[RecordType] | undefined {
  const first = record.data[0]?.trim() ?? '';
  switch (type) {
    case 'TXT':
      return [...record.data];
    case 'A':
      return ipaddr.IPv4.isValidFourPartDecimal(first) ? first : undefined;
    case 'AAAA':
      return ipaddr.IPv6.isValid(first) ? ipaddr.IPv6.parse(first).toRFC5952String() : undefined;
    case 'MX':
      return parseMx(record.data);
    case 'PTR':
      return first ? stripDot(first) : undefined;
  }
}

function parseMx(data: readonly string[]): MxRecord | undefined {
  const [priority, exchange, ...rest] = data.join(' ').trim().split(/\s+/);
  const value = Number(priority);
  if (rest.length > 0 || exchange === undefined || !/^\d+$/.test(priority) || value > 65535) return undefined;
  return { priority: value, exchange: stripDot(exchange) };
}

/** Only NS records, no SOA: the zone hands this name to another server. */
function isDelegation(defined: readonly HostRecord[]): boolean {
  return defined.every((record) => record.type.toUpperCase() === 'NS');
}

function sourceOf(record: HostRecord): AnswerSource {
  return { kind: 'workspace', uri: record.uri, line: record.line };
}

function normalise(name: string): string {
  return stripDot(name).toLowerCase();
}

function stripDot(name: string): string {
  return name.endsWith('.') && name.length > 1 ? name.slice(0, -1) : name;
}
