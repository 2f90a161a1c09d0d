// Rdata of the non-TXT types, checked as far as the workspace DNS overlay needs them
// (A, AAAA, MX, CNAME, PTR, NS, DNAME) plus SOA for its TTL fallback. Any other type is
// kept as its tokens, as written: BIND checks those, but they never hold SPF.

// isIPv4/isIPv6 are pure string checks (no I/O), about 4x cheaper than ipaddr.js on large zones.
// eslint-disable-next-line no-restricted-imports
import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { clip } from './messages';
import { absoluteName, nameProblem, originWireLength } from './names';
import { maxTtl, parseTtl } from './rrtypes';
import type { GenericBytes } from './strings';

/** The rdata tokens of one record as document ranges; reused from record to record. */
export class RdataTokens {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  count = 0;

  add(start: number, end: number): void {
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}

export type RdataResult =
  | { readonly ok: true; readonly data: string[]; readonly soaMinimum?: number }
  | { readonly ok: false; readonly start: number; readonly end: number; readonly message: string };

/** What a record's rdata is read against; one object, reused from record to record. */
export interface RdataInput {
  text: string;
  type: string;
  typeStart: number;
  typeEnd: number;
  origin: string | undefined;
  readonly tokens: RdataTokens;
}

const singleNameTypes = new Set(['CNAME', 'PTR', 'NS', 'DNAME']);
const soaFields = ['serial', 'refresh', 'retry', 'expire', 'minimum'];

const arities: Record<string, { readonly fields: number; readonly example: string }> = {
  A: { fields: 1, example: 'A 192.0.2.1' },
  AAAA: { fields: 1, example: 'AAAA 2001:db8::1' },
  MX: { fields: 2, example: 'MX 10 mail.example.com.' },
  SOA: { fields: 7, example: 'SOA ns1.example.com. hostmaster.example.com. ( serial refresh retry expire minimum )' },
  ...Object.fromEntries([...singleNameTypes].map((type) => [type, { fields: 1, example: `${type} host.example.com.` }])),
};

export function readRdata(input: RdataInput): RdataResult {
  const { text, type, tokens } = input;
  const { starts, ends, count } = tokens;

  const arity = Object.hasOwn(arities, type) ? arities[type] : undefined;
  if (arity !== undefined && count !== arity.fields) {
    if (count > arity.fields) {
      return problemAt(input, arity.fields, `Unexpected "${clip(word(input, arity.fields))}" after the ${type} record's data. Remove it, or start a comment with ";".`);
    }
    const message = `This ${type} record is missing data. Write it as ${arity.example}.`;
    return count === 0 ? { ok: false, start: input.typeStart, end: input.typeEnd, message } : problemAt(input, count - 1, message);
  }

  switch (type) {
    case 'A': {
      if (!isIPv4(word(input, 0))) {
        return problemAt(input, 0, `"${clip(word(input, 0))}" is not an IPv4 address. An A record needs four decimal numbers 0-255 separated by dots, such as 192.0.2.1.`);
      }
      return { ok: true, data: [word(input, 0)] };
    }
    case 'AAAA': {
      const address = word(input, 0);
      // Node's check is inet_pton's grammar plus a zone index ("%eth0"), which BIND rejects.
      if (address.includes('%') || !isIPv6(address)) {
        return problemAt(input, 0, `"${clip(address)}" is not an IPv6 address. An AAAA record needs an address such as 2001:db8::1.`);
      }
      return { ok: true, data: [address.toLowerCase()] };
    }
    case 'MX': {
      const preference = decimal(text, starts[0], ends[0]);
      if (preference < 0 || preference > 65535) {
        return problemAt(input, 0, `"${clip(word(input, 0))}" is not an MX preference. Write a number from 0 to 65535 before the mail host, for example MX 10 mail.example.com.`);
      }
      const exchange = rdataName(input, 1);
      return typeof exchange === 'string' ? { ok: true, data: [`${preference} ${exchange}`] } : exchange;
    }
    case 'SOA':
      return soaRdata(input);
    default: {
      if (arity !== undefined) {
        const target = rdataName(input, 0);
        return typeof target === 'string' ? { ok: true, data: [target] } : target;
      }
      if (count === 0 && type !== 'APL') {
        return { ok: false, start: input.typeStart, end: input.typeEnd, message: `This ${type} record has no data. Add its data after the type.` };
      }
      const data: string[] = [];
      for (let i = 0; i < count; i++) data.push(word(input, i));
      return { ok: true, data };
    }
  }
}

function word(input: RdataInput, i: number): string {
  return input.text.slice(input.tokens.starts[i], input.tokens.ends[i]);
}

function problemAt(input: RdataInput, i: number, message: string): RdataResult {
  return { ok: false, start: input.tokens.starts[i], end: input.tokens.ends[i], message };
}

function soaRdata(input: RdataInput): RdataResult {
  const { text, tokens } = input;
  const mname = rdataName(input, 0);
  if (typeof mname !== 'string') return mname;
  const rname = rdataName(input, 1);
  if (typeof rname !== 'string') return rname;
  const data = [mname, rname];
  let minimum = 0;
  for (let i = 2; i < 7; i++) {
    const written = word(input, i);
    // The serial is a plain number; the timers also accept TTL units (BIND's dns_counter_fromtext).
    const value = i === 2 ? decimal(text, tokens.starts[i], tokens.ends[i]) : parseTtl(written);
    if (typeof value !== 'number' || value < 0 || value > 0xffffffff) {
      const what = i === 2 ? 'a number' : 'a number of seconds, or a time with units such as 1h';
      return problemAt(input, i, `"${clip(written)}" is not a valid SOA ${soaFields[i - 2]}. Write ${what}.`);
    }
    data.push(String(value));
    minimum = value;
  }
  return { ok: true, data, soaMinimum: Math.min(minimum, maxTtl) };
}

/** A domain name in rdata, fully qualified when the origin is known (else as written, lower case). */
function rdataName(input: RdataInput, i: number): string | RdataResult {
  const written = word(input, i);
  const problem = nameProblem(written, originWireLength(input.origin));
  if (problem) return problemAt(input, i, problem);
  return absoluteName(written, input.origin) ?? written.toLowerCase();
}

/** Generic rdata as record data: addresses for A and AAAA, else "\# length hex" in canonical form. */
export function genericRecordData(type: string, generic: GenericBytes): string[] {
  const bytes = generic.bytes;
  if (type === 'A' && bytes.length === 4) return [Array.from(bytes).join('.')];
  if (type === 'AAAA' && bytes.length === 16) return [ipaddr.fromByteArray(Array.from(bytes)).toString()];
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
  return [`\\# ${bytes.length}${hex ? ` ${hex}` : ''}`];
}

/** A plain decimal number of at most 10 digits, or -1. */
function decimal(text: string, start: number, end: number): number {
  if (end <= start || end - start > 10) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
