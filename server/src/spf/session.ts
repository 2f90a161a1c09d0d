// The state of one check_host() evaluation: the DNS lookup and void lookup counters (RFC 7208
// §4.6.4), the trace, the macro values, and the reverse-DNS names %{p} and ptr share.

import type { DnsAnswer, RecordData, RecordType, Resolver } from '../dns/resolver';
import { isVoid } from '../dns/resolver';
import type { ClientAddress } from './address';
import { addressRecordType, macroAddress, macroVersion, matchesClient, readableAddress, reverseName } from './address';
import { isSubdomainOf, nameProblem, sameName } from './domainName';
import type { ExpandedName, MacroValues } from './expand';
import { expandDomainSpec, expandMacroString, usesMacro } from './expand';
import type { MacroString } from './model';
import type { AnswerKind, TermRef, TraceStep } from './trace';

/** An outcome that ends the whole evaluation (§4.6.4, §5: errors propagate to the top). */
export interface Stop {
  readonly stop: 'temperror' | 'permerror';
  readonly reason: string;
  /** Set when the stop comes up from an included record, whose trace already shows where it happened. */
  readonly nested?: boolean;
}

export function isStop(value: unknown): value is Stop {
  return typeof value === 'object' && value !== null && 'stop' in value;
}

/** Where in the include/redirect tree a step happens. */
export interface Frame {
  readonly depth: number;
  readonly domain: string;
}

/** The identity being checked, after the null reverse-path and missing local-part rules (§2.4, §4.3). */
export interface Identity {
  readonly sender: string;
  readonly localPart: string;
  readonly senderDomain: string;
  readonly helo: string;
  readonly receiver: string;
  readonly now: () => number;
}

export interface Limits {
  readonly maxLookups: number;
  readonly maxVoidLookups: number;
}

/** §4.6.4: at most 10 PTR names (and 10 MX names) are looked at. */
export const maxPtrNames = 10;

export interface QueryOptions {
  /** Count an empty answer against the void lookup limit. */
  readonly countsVoid: boolean;
}

/** A target name after expansion, or why no query can be made for it. */
export type Target = ExpandedName | { readonly problem: string; readonly name: string };

type ReverseNames = { readonly names: readonly string[] } | { readonly error: string };

export class Session {
  lookups = 0;
  voidLookups = 0;
  readonly trace: TraceStep[] = [];
  private reverse: Promise<ReverseNames> | undefined;
  private readonly validated = new Map<string, Promise<boolean>>();

  constructor(
    private readonly resolver: Resolver,
    private readonly signal: AbortSignal | undefined,
    readonly limits: Limits,
    readonly client: ClientAddress,
    readonly identity: Identity,
  ) {}

  add(step: TraceStep): void {
    this.trace.push(step);
  }

  note(frame: Frame, detail: string, term?: TermRef): void {
    this.add({ kind: 'note', ...frame, detail, term });
  }

  cancelled(): Stop | undefined {
    return this.signal?.aborted ? { stop: 'temperror', reason: 'the evaluation was cancelled before it finished' } : undefined;
  }

  /** Counts a DNS-querying term (§4.6.4); past the limit the evaluation ends in permerror. */
  countLookup(frame: Frame, term: TermRef): Stop | undefined {
    this.lookups += 1;
    if (this.lookups <= this.limits.maxLookups) return undefined;
    this.add({ kind: 'term', ...frame, term, lookup: this.lookupCount(), target: undefined });
    return {
      stop: 'permerror',
      reason: `"${term.text}" in the record of ${frame.domain} would be DNS lookup ${this.lookups}; receivers allow at most ${this.limits.maxLookups} DNS-querying terms (include, a, mx, ptr, exists, redirect) per check (RFC 7208 §4.6.4)`,
    };
  }

  lookupCount(): { count: number; limit: number } {
    return { count: this.lookups, limit: this.limits.maxLookups };
  }

  /** One DNS question, traced. Resolver failures are answers; a void answer may end the evaluation. */
  async query<T extends RecordType>(frame: Frame, name: string, type: T, options: QueryOptions): Promise<DnsAnswer<T> | Stop> {
    const cancelled = this.cancelled();
    if (cancelled) return cancelled;
    let answer: DnsAnswer<T>;
    try {
      answer = await this.resolver.resolve(name, type, { signal: this.signal });
    } catch (error) {
      // A resolver should answer, not throw; if one throws anyway the check still ends in data.
      answer = { kind: 'error', source: { kind: 'none' }, detail: error instanceof Error ? error.message : String(error) };
    }
    // §4.6.4: NXDOMAIN, or a positive answer with no records (NODATA, or "ok" with an empty list).
    const counted = options.countsVoid && (isVoid(answer) || (answer.kind === 'ok' && answer.records.length === 0));
    if (counted) this.voidLookups += 1;
    this.add({
      kind: 'query',
      ...frame,
      name,
      type,
      answer: answer.kind as AnswerKind,
      records: answer.kind === 'ok' ? answer.records.map((record) => renderRecord(type, record)) : [],
      source: answer.source,
      detail: answer.kind === 'timeout' ? `no answer after ${answer.waitedMs} ms` : answer.kind === 'error' ? answer.detail : undefined,
      voidLookup: counted ? { count: this.voidLookups, limit: this.limits.maxVoidLookups } : undefined,
    });
    if (counted && this.voidLookups > this.limits.maxVoidLookups) {
      return {
        stop: 'permerror',
        reason: `${type} ${name} returned no records, the ${ordinal(this.voidLookups)} void lookup; receivers allow at most ${this.limits.maxVoidLookups} (RFC 7208 §4.6.4)`,
      };
    }
    return answer;
  }

  macroValues(domain: string, validatedDomain = 'unknown'): MacroValues {
    const { identity, client } = this;
    return {
      sender: identity.sender,
      localPart: identity.localPart,
      senderDomain: identity.senderDomain,
      domain,
      ip: macroAddress(client),
      validatedDomain,
      ipVersion: macroVersion(client),
      helo: identity.helo,
      readableIp: readableAddress(client),
      receiver: identity.receiver,
      timestamp: Math.floor(identity.now() / 1000),
    };
  }

  /** Values for expanding `macroString` at `frame`, resolving %{p} only when the string uses it. */
  async valuesFor(frame: Frame, macroString: MacroString): Promise<MacroValues> {
    const validatedDomain = usesMacro(macroString, 'p') ? await this.validatedDomain(frame) : 'unknown';
    return this.macroValues(frame.domain, validatedDomain);
  }

  async expand(frame: Frame, macroString: MacroString): Promise<string> {
    return expandMacroString(macroString, await this.valuesFor(frame, macroString));
  }

  /** The target name of a mechanism or modifier: its expanded domain-spec, or <domain> when it has none. */
  async target(frame: Frame, domainSpec: MacroString | undefined): Promise<Target> {
    const expanded = domainSpec ? expandDomainSpec(domainSpec, await this.valuesFor(frame, domainSpec)) : { name: frame.domain, truncated: false };
    const problem = nameProblem(expanded.name);
    return problem ? { problem, name: expanded.name } : expanded;
  }

  /** The PTR names of the client address, at most the first 10 (§4.6.4), looked up once per check. */
  reverseNames(frame: Frame): Promise<ReverseNames> {
    if (this.reverse) {
      this.note(frame, `reusing the PTR names of ${readableAddress(this.client)} looked up earlier in this check`);
      return this.reverse;
    }
    this.reverse = (async (): Promise<ReverseNames> => {
      const answer = await this.query(frame, reverseName(this.client), 'PTR', { countsVoid: false });
      if (isStop(answer)) return { error: answer.reason };
      if (answer.kind === 'timeout' || answer.kind === 'error') return { error: `the PTR lookup ${answer.kind === 'timeout' ? 'timed out' : 'failed'}` };
      if (answer.kind !== 'ok') return { names: [] };
      if (answer.records.length > maxPtrNames) {
        this.note(frame, `${answer.records.length} PTR names; only the first ${maxPtrNames} are used (RFC 7208 §4.6.4)`);
      }
      return { names: answer.records.slice(0, maxPtrNames) };
    })();
    return this.reverse;
  }

  /** §5.5: a PTR name is validated when its own A/AAAA records include the client address. Errors skip the name. */
  isValidated(frame: Frame, name: string): Promise<boolean> {
    const key = name.toLowerCase();
    let pending = this.validated.get(key);
    if (!pending) {
      pending = (async () => {
        const problem = nameProblem(name);
        if (problem) {
          this.note(frame, `PTR name ${name} skipped: ${problem}`);
          return false;
        }
        const answer = await this.query(frame, name, addressRecordType(this.client), { countsVoid: false });
        if (isStop(answer) || answer.kind !== 'ok') return false;
        return answer.records.some((address) => matchesClient(this.client, address, undefined));
      })();
      this.validated.set(key, pending);
    }
    return pending;
  }

  /**
   * §7.3 %{p}: a validated name of the client, preferring <domain> itself, then a subdomain of it,
   * then any; "unknown" when none validates or the lookup fails.
   */
  async validatedDomain(frame: Frame): Promise<string> {
    this.note(frame, `%{p}: looking for a validated host name of ${readableAddress(this.client)}`);
    const reverse = await this.reverseNames(frame);
    let chosen = 'unknown';
    if (!('error' in reverse)) {
      const rank = (name: string): number => (sameName(name, frame.domain) ? 0 : isSubdomainOf(name, frame.domain) ? 1 : 2);
      const ordered = [...reverse.names].sort((a, b) => rank(a) - rank(b));
      for (const name of ordered) {
        if (await this.isValidated(frame, name)) {
          chosen = name.endsWith('.') ? name.slice(0, -1) : name;
          break;
        }
      }
    }
    this.note(frame, `%{p} = ${chosen}`);
    return chosen;
  }
}

function renderRecord(type: RecordType, record: RecordData[RecordType]): string {
  if (type === 'TXT') return (record as RecordData['TXT']).join('');
  if (type === 'MX') {
    const mx = record as RecordData['MX'];
    return `${mx.priority} ${mx.exchange === '' ? '.' : mx.exchange}`;
  }
  return String(record);
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
