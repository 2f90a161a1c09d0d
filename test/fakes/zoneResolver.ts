// An in-memory Resolver serving a zone written in the SPF test suites' `zonedata` form
// (see /work/shared/conformance/README.md), recording every query so tests can count them.
//
//   example.com:
//     - SPF: v=spf1 -all          also served as TXT unless the name has explicit TXT entries
//     - TXT: [ "v=spf1 ", "a" ]    a list is one record of several character-strings
//     - TXT: NONE                 "no record" (and no TXT copied from SPF)
//     - MX: [10, mail.example.com]
//     - CNAME: other.example.com  followed for every other type; loops are errors
//     - TIMEOUT                   queries for types without records time out
//     - A: TIMEOUT                queries for this type time out
//
// Names are case-insensitive; a name with no entries but names below it is an empty
// non-terminal (NODATA), any other unknown name is NXDOMAIN.

import type { AnswerSource, DnsAnswer, RecordData, RecordType, ResolveOptions, Resolver } from '../../server/src/dns/resolver';

export type ZoneEntry = string | { readonly [type: string]: unknown };
export type ZoneData = { readonly [name: string]: readonly ZoneEntry[] | null };

export interface ZoneQuery {
  readonly name: string;
  readonly type: RecordType;
}

interface ZoneNode {
  readonly records: Map<string, unknown[]>;
  /** Types with an explicit entry, including NONE. */
  readonly explicit: Set<string>;
  readonly timeoutTypes: Set<string>;
  timeoutAll: boolean;
}

const maxCnameHops = 16;

export function normalizeName(name: string): string {
  return (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
}

export class ZoneResolver implements Resolver {
  readonly queries: ZoneQuery[] = [];
  private readonly nodes = new Map<string, ZoneNode>();
  private readonly source: AnswerSource;

  constructor(zonedata: ZoneData, source: AnswerSource = { kind: 'none' }) {
    this.source = source;
    for (const [owner, entries] of Object.entries(zonedata)) {
      const node = this.node(normalizeName(owner));
      for (const entry of entries ?? []) addEntry(node, entry);
    }
    // The suites' convention: SPF-type data doubles as TXT unless the name says otherwise.
    for (const node of this.nodes.values()) {
      const spf = node.records.get('SPF');
      if (spf && !node.explicit.has('TXT')) node.records.set('TXT', [...spf]);
    }
  }

  private node(name: string): ZoneNode {
    let node = this.nodes.get(name);
    if (!node) {
      node = { records: new Map(), explicit: new Set(), timeoutTypes: new Set(), timeoutAll: false };
      this.nodes.set(name, node);
    }
    return node;
  }

  /** How many queries asked for `type` (any type when omitted). */
  count(type?: RecordType): number {
    return type ? this.queries.filter((query) => query.type === type).length : this.queries.length;
  }

  async resolve<T extends RecordType>(name: string, type: T, _options?: ResolveOptions): Promise<DnsAnswer<T>> {
    this.queries.push({ name, type });
    const source = this.source;
    let current = normalizeName(name);
    const seen = new Set<string>();
    for (let hop = 0; hop <= maxCnameHops; hop += 1) {
      const node = this.nodes.get(current);
      if (!node) {
        const suffix = `.${current}`;
        const emptyNonTerminal = [...this.nodes.keys()].some((owner) => owner.endsWith(suffix));
        return emptyNonTerminal ? { kind: 'nodata', source } : { kind: 'nxdomain', source };
      }
      if (node.timeoutTypes.has(type)) return { kind: 'timeout', source, waitedMs: 0 };
      const data = node.records.get(type);
      if (data && data.length > 0) {
        return { kind: 'ok', records: data.map((value) => toRecord(type, value)), ttl: 300, source };
      }
      const cname = node.records.get('CNAME')?.[0];
      if (typeof cname === 'string') {
        seen.add(current);
        current = normalizeName(cname);
        if (seen.has(current)) return { kind: 'error', source, detail: `CNAME loop at ${cname}` };
        continue;
      }
      if (node.timeoutAll) return { kind: 'timeout', source, waitedMs: 0 };
      return { kind: 'nodata', source };
    }
    return { kind: 'error', source, detail: `more than ${maxCnameHops} CNAMEs` };
  }
}

function addEntry(node: ZoneNode, entry: ZoneEntry): void {
  if (entry === 'TIMEOUT') {
    node.timeoutAll = true;
    return;
  }
  if (typeof entry !== 'object' || entry === null) return;
  for (const [rawType, value] of Object.entries(entry)) {
    const type = rawType.toUpperCase();
    node.explicit.add(type);
    if (value === 'NONE') continue;
    if (value === 'TIMEOUT') {
      node.timeoutTypes.add(type);
      continue;
    }
    const list = node.records.get(type) ?? [];
    list.push(value);
    node.records.set(type, list);
  }
}

function toRecord<T extends RecordType>(type: T, value: unknown): RecordData[T] {
  switch (type) {
    case 'TXT':
      return (Array.isArray(value) ? value.map(String) : [String(value)]) as unknown as RecordData[T];
    case 'MX': {
      const [priority, exchange] = Array.isArray(value) ? value : [0, value];
      return { priority: Number(priority), exchange: String(exchange ?? '') } as RecordData[T];
    }
    default:
      return String(value) as RecordData[T];
  }
}
