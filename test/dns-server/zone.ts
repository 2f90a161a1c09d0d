// The test DNS server's data: zones written in the RFC 7208 conformance suite's `zonedata` form
// (see /work/shared/conformance/README.md), normalised once into answers per name and type.
// Pure (no sockets), so the rules below are tested without a network.
//
// Zonedata conventions (those of the pyspf suite driver, plus a few spf-lens extensions):
// - `{ "name": [ {TXT: "v=spf1 ..."}, {A: "192.0.2.1"}, {MX: [10, "mx.example.com"]}, "TIMEOUT" ] }`.
// - Names are case-insensitive; a trailing dot is ignored.
// - An SPF entry is also served as TXT unless the name has explicit TXT entries (any TXT entry,
//   even `TXT: NONE`, counts as explicit).
// - TXT/SPF values are a string or a list of character-strings; a string longer than 255 bytes
//   (UTF-8) is split into 255-byte character-strings, as a zone file compiler would have to; an
//   empty list is served as one empty character-string.
// - A type's value `NONE` means no record of that type (the name still exists).
// - A type's value `TIMEOUT` means queries for that type get no answer at all.
// - A bare `TIMEOUT` entry means every query for a type the name has no records of gets no answer.
// - Extensions: `SERVFAIL` and `REFUSED` work like `TIMEOUT` (bare or as a type's value) but answer
//   with that RCODE; an entry may carry `TTL: seconds` beside its type (default: the zone's TTL).
// - A name not in the zone is NXDOMAIN, unless it is a parent of a name in the zone (an empty
//   non-terminal), which is NOERROR with no answers (NODATA), as is a name without the asked type.
// - A name with a CNAME answers other types with the CNAME followed by the target's answer when the
//   target is in the zone (chains followed, loops stopped after MAX_CNAME_HOPS).

import { parse as parseYaml } from 'yaml';

/** One entry of a name's list: a bare failure keyword, or `{ TYPE: value }` with an optional TTL. */
export type ZoneEntry = string | { readonly [type: string]: unknown };

/** The conformance suite's `zonedata` mapping: owner name → list of entries. */
export type ZoneData = { readonly [name: string]: readonly ZoneEntry[] | null };

/** What `TestDnsServer.setZone` accepts: YAML text (a zonedata mapping, or a document with a `zonedata` key), a mapping, or a `Zone`. */
export type ZoneInput = string | ZoneData | Zone;

export const SERVED_TYPES = ['TXT', 'SPF', 'A', 'AAAA', 'MX', 'PTR', 'CNAME', 'NS'] as const;
export type ServedType = (typeof SERVED_TYPES)[number];

export type Failure = 'TIMEOUT' | 'SERVFAIL' | 'REFUSED';
const FAILURES: readonly string[] = ['TIMEOUT', 'SERVFAIL', 'REFUSED'];

export const DEFAULT_TTL = 300;
export const MAX_CNAME_HOPS = 8;

export type RecordValue =
  | { readonly type: 'TXT' | 'SPF'; readonly strings: readonly Buffer[] }
  | { readonly type: 'A' | 'AAAA'; readonly address: string }
  | { readonly type: 'MX'; readonly preference: number; readonly exchange: string }
  | { readonly type: 'PTR' | 'CNAME' | 'NS'; readonly target: string };

export type ZoneRecord = RecordValue & { readonly ttl: number };

/** A record as it goes into an answer section, with the owner name it is answered under. */
export type AnswerRecord = ZoneRecord & { readonly owner: string };

export type Lookup =
  | { readonly kind: 'answer'; readonly rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED'; readonly answers: readonly AnswerRecord[] }
  | { readonly kind: 'timeout' };

interface ZoneNode {
  readonly records: readonly ZoneRecord[];
  /** Types whose entry value is a failure keyword. */
  readonly typeFailures: ReadonlyMap<string, Failure>;
  /** A bare failure entry: applies to every type the name has no records of. */
  readonly bareFailure: Failure | undefined;
}

/** Lower case, no trailing dot: the key every lookup uses. */
export function normaliseName(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}

export class Zone {
  private readonly nodes: ReadonlyMap<string, ZoneNode>;
  /** Every proper ancestor of a name in the zone: these exist (empty non-terminals) even without records. */
  private readonly ancestors: ReadonlySet<string>;

  private constructor(nodes: ReadonlyMap<string, ZoneNode>) {
    this.nodes = nodes;
    const ancestors = new Set<string>();
    for (const name of nodes.keys()) {
      const labels = name.split('.');
      for (let i = 1; i < labels.length; i++) ancestors.add(labels.slice(i).join('.'));
    }
    this.ancestors = ancestors;
  }

  static readonly empty = new Zone(new Map());

  /** Builds a zone from YAML text, a zonedata mapping or another zone. Throws on malformed zone data: it is a test's own mistake. */
  static from(input: ZoneInput, defaultTtl = DEFAULT_TTL): Zone {
    if (input instanceof Zone) return input;
    const data = typeof input === 'string' ? zoneDataFromYaml(input) : input;
    const nodes = new Map<string, ZoneNode>();
    for (const [name, entries] of Object.entries(data)) {
      const key = normaliseName(name);
      const node = buildNode(name, entries ?? [], defaultTtl);
      const existing = nodes.get(key);
      nodes.set(key, existing ? mergeNodes(existing, node) : node);
    }
    return new Zone(nodes);
  }

  /** A new zone with `other`'s names replacing (not merging into) the same names of this zone. */
  with(other: Zone): Zone {
    const nodes = new Map(this.nodes);
    for (const [name, node] of other.nodes) nodes.set(name, node);
    return new Zone(nodes);
  }

  /** The owner names in the zone, normalised. */
  names(): string[] {
    return [...this.nodes.keys()];
  }

  /** What an authoritative server for the whole namespace answers for `name`/`type` (type as its mnemonic, e.g. "TXT"). */
  lookup(name: string, type: string): Lookup {
    const answers: AnswerRecord[] = [];
    const seen = new Set<string>();
    let owner = name;
    for (let hop = 0; ; hop++) {
      const key = normaliseName(owner);
      const node = this.nodes.get(key);
      if (!node) {
        const rcode = this.ancestors.has(key) || key === '' ? 'NOERROR' : 'NXDOMAIN';
        return { kind: 'answer', rcode, answers };
      }
      const own = node.records.filter((record) => record.type === type);
      if (own.length > 0) {
        for (const record of own) answers.push({ ...record, owner });
        return { kind: 'answer', rcode: 'NOERROR', answers };
      }
      const typeFailure = node.typeFailures.get(type);
      if (typeFailure) return failure(typeFailure, answers);
      const cname = node.records.find((record) => record.type === 'CNAME');
      if (cname && cname.type === 'CNAME') {
        answers.push({ ...cname, owner });
        seen.add(key);
        // A loop or an over-long chain ends with the CNAMEs given so far, as a real server's would.
        if (seen.has(normaliseName(cname.target)) || hop + 1 >= MAX_CNAME_HOPS) {
          return { kind: 'answer', rcode: 'NOERROR', answers };
        }
        owner = cname.target;
        continue;
      }
      if (node.bareFailure) return failure(node.bareFailure, answers);
      return { kind: 'answer', rcode: 'NOERROR', answers };
    }
  }
}

function failure(kind: Failure, answers: readonly AnswerRecord[]): Lookup {
  return kind === 'TIMEOUT' ? { kind: 'timeout' } : { kind: 'answer', rcode: kind, answers };
}

function zoneDataFromYaml(text: string): ZoneData {
  const parsed: unknown = parseYaml(text);
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('zone YAML must be a mapping of names to entry lists');
  const record = parsed as Record<string, unknown>;
  const data = 'zonedata' in record ? record.zonedata : record;
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('zonedata must be a mapping of names to entry lists');
  return data as ZoneData;
}

function buildNode(name: string, entries: readonly ZoneEntry[], defaultTtl: number): ZoneNode {
  if (!Array.isArray(entries)) throw new Error(`zone name ${name}: entries must be a list`);
  const records: ZoneRecord[] = [];
  const spf: ZoneRecord[] = [];
  const typeFailures = new Map<string, Failure>();
  let bareFailure: Failure | undefined;
  let explicitTxt = false;
  for (const entry of entries) {
    if (typeof entry === 'string') {
      if (!FAILURES.includes(entry)) throw new Error(`zone name ${name}: unknown bare entry ${JSON.stringify(entry)}`);
      bareFailure = entry as Failure;
      continue;
    }
    if (entry === null || typeof entry !== 'object') throw new Error(`zone name ${name}: bad entry ${JSON.stringify(entry)}`);
    const ttl = entry.TTL === undefined ? defaultTtl : Number(entry.TTL);
    if (!Number.isInteger(ttl) || ttl < 0) throw new Error(`zone name ${name}: bad TTL ${JSON.stringify(entry.TTL)}`);
    for (const [type, value] of Object.entries(entry)) {
      if (type === 'TTL') continue;
      if (!(SERVED_TYPES as readonly string[]).includes(type)) throw new Error(`zone name ${name}: unsupported type ${type}`);
      if (type === 'TXT') explicitTxt = true;
      if (value === 'NONE') continue;
      if (typeof value === 'string' && FAILURES.includes(value)) {
        typeFailures.set(type, value as Failure);
        continue;
      }
      const record = { ...parseValue(name, type as ServedType, value), ttl } as ZoneRecord;
      records.push(record);
      if (record.type === 'SPF') spf.push(record);
    }
  }
  // The suite's driver serves SPF entries as TXT too, unless the name has TXT entries of its own.
  if (!explicitTxt) {
    for (const record of spf) records.push({ ...record, type: 'TXT' } as ZoneRecord);
  }
  return { records, typeFailures, bareFailure };
}

function mergeNodes(a: ZoneNode, b: ZoneNode): ZoneNode {
  return {
    records: [...a.records, ...b.records],
    typeFailures: new Map([...a.typeFailures, ...b.typeFailures]),
    bareFailure: b.bareFailure ?? a.bareFailure,
  };
}

function parseValue(name: string, type: ServedType, value: unknown): RecordValue {
  const bad = (): never => {
    throw new Error(`zone name ${name}: bad ${type} value ${JSON.stringify(value)}`);
  };
  switch (type) {
    case 'TXT':
    case 'SPF': {
      const parts = Array.isArray(value) ? value : [value];
      if (parts.some((part) => typeof part !== 'string' && typeof part !== 'number')) bad();
      // Zero-length TXT rdata is malformed: c-ares rejects the whole answer (EBADRESP). The suite's
      // `SPF: []` ("null text ... SPF should not crash") is served as one empty character-string.
      const strings = parts.flatMap((part) => characterStrings(String(part)));
      return { type, strings: strings.length > 0 ? strings : [Buffer.alloc(0)] };
    }
    case 'A':
    case 'AAAA':
      if (typeof value !== 'string') bad();
      return { type, address: value as string };
    case 'MX': {
      if (!Array.isArray(value) || value.length !== 2) return bad();
      const [preference, exchange] = value as unknown[];
      if (!Number.isInteger(Number(preference)) || typeof exchange !== 'string') bad();
      return { type, preference: Number(preference), exchange: (exchange as string).replace(/\.$/, '') };
    }
    case 'PTR':
    case 'CNAME':
    case 'NS':
      if (typeof value !== 'string') bad();
      return { type, target: (value as string).replace(/\.$/, '') };
  }
}

/** One TXT string as wire character-strings: UTF-8, at most 255 bytes each. */
function characterStrings(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= 255) return [bytes];
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += 255) chunks.push(bytes.subarray(offset, offset + 255));
  return chunks;
}
