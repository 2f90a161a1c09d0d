// Lookup accounting (RFC 7208 §4.6.4), worst case over the whole include tree: every term that
// queries DNS is counted as if evaluation reached it. Siblings are resolved in parallel, so the
// time taken is the depth of the tree, not its size. The result is a tree that hovers, code
// lenses, diagnostics and flattening all read.

import type { AnswerSource, DnsAnswer, RecordType, Resolver } from '../dns/resolver';
import { isFailure, isVoid } from '../dns/resolver';
import type { Mechanism, Modifier, Span, SpfRecord } from './model';
import { isMechanism, isModifier, spanEnd } from './model';
import { parseRecord } from './parser';
import type { ProblemCode } from './problems';
import { isSpfRecord } from './version';

export const maxLookups = 10;
export const maxVoidLookups = 2;
export const maxMxHosts = 10;

/** A finding somewhere in the tree, reported on the top-level term it was reached through. */
export interface LookupIssue {
  readonly code: ProblemCode;
  readonly message: string;
}

/** What a term's DNS queries returned. */
export type TermAnswer =
  | { readonly kind: 'addresses'; readonly name: string; readonly addresses: readonly string[]; readonly source: AnswerSource }
  | { readonly kind: 'mx'; readonly name: string; readonly hosts: readonly { readonly exchange: string; readonly priority: number; readonly addresses: readonly string[] }[]; readonly source: AnswerSource }
  | { readonly kind: 'record'; readonly name: string }
  | { readonly kind: 'void'; readonly name: string; readonly outcome: 'nxdomain' | 'nodata'; readonly source: AnswerSource }
  | { readonly kind: 'failed'; readonly name: string; readonly detail: string; readonly source: AnswerSource }
  /** Not resolved: the name depends on the sender (macros), or ptr (depends on the client IP). */
  | { readonly kind: 'sender-dependent'; readonly name: string };

export interface TermNode {
  readonly term: Mechanism | Modifier;
  /** The term as written, and its span in the record it belongs to. */
  readonly text: string;
  readonly span: Span;
  /** 1 when the term itself counts toward the limit of 10. */
  readonly ownCost: number;
  /** Own cost plus everything below it. */
  readonly cost: number;
  /** Void lookups of the term itself and below it. */
  readonly voids: number;
  readonly answer: TermAnswer | undefined;
  /** include/redirect: the target record. */
  readonly child: RecordNode | undefined;
  /** Findings at this term or below, worded from this term's point of view. */
  readonly issues: readonly LookupIssue[];
}

export interface RecordNode {
  readonly domain: string;
  /** The SPF record text, when one was found. */
  readonly text: string | undefined;
  readonly record: SpfRecord | undefined;
  /** Where the record came from (workspace file or DNS server); undefined for the record being edited. */
  readonly source: AnswerSource | undefined;
  readonly terms: readonly TermNode[];
  /** Lookups counted in this record and below (not the TXT query that fetched it). */
  readonly cost: number;
  readonly voids: number;
}

export interface LookupResult {
  readonly root: RecordNode;
  readonly lookups: number;
  readonly voids: number;
  /** Queries sent (or answered from cache) while building the tree. */
  readonly queries: number;
}

export interface LookupOptions {
  readonly resolver: Resolver;
  readonly signal?: AbortSignal;
  /** Stop following includes below this depth (a hard stop against runaway trees). */
  readonly maxDepth?: number;
}

interface Walk {
  readonly resolver: Resolver;
  readonly signal: AbortSignal | undefined;
  readonly maxDepth: number;
  queries: number;
}

/** Accounts the lookups of `text`, the SPF record published at `domain`. */
export async function analyzeLookups(domain: string, text: string, options: LookupOptions): Promise<LookupResult> {
  const walk: Walk = { resolver: options.resolver, signal: options.signal, maxDepth: options.maxDepth ?? 12, queries: 0 };
  const root = await walkRecord(walk, normalizeName(domain), text, parseRecord(text).record, undefined, [normalizeName(domain)]);
  return { root, lookups: root.cost, voids: root.voids, queries: walk.queries };
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

async function query<T extends RecordType>(walk: Walk, name: string, type: T): Promise<DnsAnswer<T>> {
  // Once the caller gives up nothing more is asked, even if answers to earlier questions still arrive.
  if (walk.signal?.aborted) return { kind: 'error', source: { kind: 'none' }, detail: 'cancelled' };
  walk.queries += 1;
  return walk.resolver.resolve(name, type, { signal: walk.signal });
}

async function walkRecord(walk: Walk, domain: string, text: string, record: SpfRecord, source: AnswerSource | undefined, chain: readonly string[]): Promise<RecordNode> {
  const allIndex = record.terms.findIndex((term) => isMechanism(term, 'all'));
  // Terms after all are never reached; redirect is ignored when all is present (§6.1).
  const reachable = record.terms.filter((term, index): term is Mechanism | Modifier => {
    if (term.kind === 'invalid') return false;
    if (term.kind === 'modifier') return term.name === 'redirect' && allIndex < 0;
    return allIndex < 0 || index <= allIndex;
  });
  const terms = await Promise.all(reachable.map((term) => walkTerm(walk, domain, record, term, chain)));
  return {
    domain,
    text,
    record,
    source,
    terms,
    cost: terms.reduce((sum, term) => sum + term.cost, 0),
    voids: terms.reduce((sum, term) => sum + term.voids, 0),
  };
}

function node(record: SpfRecord, term: Mechanism | Modifier, parts: Partial<Pick<TermNode, 'answer' | 'child' | 'issues'>> & { ownCost: number; ownVoid?: boolean }): TermNode {
  const child = parts.child;
  const ownVoids = parts.ownVoid ? 1 : 0;
  return {
    term,
    text: record.text.slice(term.span.offset, spanEnd(term.span)),
    span: term.span,
    ownCost: parts.ownCost,
    cost: parts.ownCost + (child?.cost ?? 0),
    voids: ownVoids + (child?.voids ?? 0),
    answer: parts.answer,
    child,
    issues: parts.issues ?? [],
  };
}

/** The name a term queries: its domain-spec, or the record's own domain when it has none. */
function targetOf(term: Mechanism | Modifier, domain: string): { name: string; senderDependent: boolean } {
  const spec = term.kind === 'modifier' ? term.value : term.domain;
  if (!spec) return { name: domain, senderDependent: false };
  if (spec.hasMacros) return { name: normalizeName(spec.text), senderDependent: true };
  // Without macros only the escapes (%% %_ %-) need expanding to give the name receivers query.
  const name = spec.parts.map((part) => (part.kind === 'literal' ? part.text : part.kind === 'escape' ? part.value : '')).join('');
  return { name: normalizeName(name), senderDependent: false };
}

function describeFailure(answer: Extract<DnsAnswer, { kind: 'timeout' | 'error' }>): string {
  const server = answer.source.kind === 'live' ? ` from ${answer.source.server}` : '';
  return answer.kind === 'timeout' ? `no answer${server} within ${answer.waitedMs} ms` : `${answer.detail}${server}`;
}

async function walkTerm(walk: Walk, domain: string, record: SpfRecord, term: Mechanism | Modifier, chain: readonly string[]): Promise<TermNode> {
  if (term.kind === 'mechanism' && (term.name === 'all' || term.name === 'ip4' || term.name === 'ip6')) {
    return node(record, term, { ownCost: 0 });
  }
  const { name, senderDependent } = targetOf(term, domain);
  const termText = record.text.slice(term.span.offset, spanEnd(term.span));
  if (term.kind === 'mechanism' && term.name === 'ptr') {
    return node(record, term, { ownCost: 1, answer: { kind: 'sender-dependent', name } });
  }
  if (senderDependent) {
    return node(record, term, { ownCost: 1, answer: { kind: 'sender-dependent', name } });
  }
  if (isModifier(term, 'redirect') || isMechanism(term, 'include')) {
    return walkInclude(walk, record, term, name, termText, chain);
  }
  if (isMechanism(term, 'mx')) return walkMx(walk, record, term, name, termText);
  return walkAddresses(walk, record, term, name, termText);
}

async function walkAddresses(walk: Walk, record: SpfRecord, term: Mechanism, name: string, termText: string): Promise<TermNode> {
  // exists only asks for A; a asks for both families (which one a receiver uses depends on the sender).
  const answers = term.name === 'exists'
    ? [await query(walk, name, 'A')]
    : await Promise.all([query(walk, name, 'A'), query(walk, name, 'AAAA')]);
  const failed = answers.find(isFailure);
  if (failed) {
    return node(record, term, {
      ownCost: 1,
      answer: { kind: 'failed', name, detail: describeFailure(failed), source: failed.source },
      issues: [{ code: 'spf-dns-error', message: `Looking up ${name} for "${termText}" failed: ${describeFailure(failed)}. Receivers would return temperror.` }],
    });
  }
  const addresses = answers.flatMap((answer) => (answer.kind === 'ok' ? answer.records : []));
  if (addresses.length === 0) {
    const outcome = answers.every((answer) => answer.kind === 'nxdomain') ? 'nxdomain' : 'nodata';
    return node(record, term, {
      ownCost: 1,
      ownVoid: true,
      answer: { kind: 'void', name, outcome, source: answers[0].source },
      issues: [{ code: 'spf-void-lookup', message: `"${termText}" looks up ${name}, which ${outcome === 'nxdomain' ? 'does not exist' : 'has no addresses'}: a void lookup that matches nothing.` }],
    });
  }
  return node(record, term, { ownCost: 1, answer: { kind: 'addresses', name, addresses, source: answers.find((a) => a.kind === 'ok')!.source } });
}

async function walkMx(walk: Walk, record: SpfRecord, term: Mechanism, name: string, termText: string): Promise<TermNode> {
  const answer = await query(walk, name, 'MX');
  if (isFailure(answer)) {
    return node(record, term, {
      ownCost: 1,
      answer: { kind: 'failed', name, detail: describeFailure(answer), source: answer.source },
      issues: [{ code: 'spf-dns-error', message: `Looking up the MX hosts of ${name} for "${termText}" failed: ${describeFailure(answer)}. Receivers would return temperror.` }],
    });
  }
  if (isVoid(answer) || (answer.kind === 'ok' && answer.records.length === 0)) {
    const outcome = answer.kind === 'nxdomain' ? 'nxdomain' : 'nodata';
    return node(record, term, {
      ownCost: 1,
      ownVoid: true,
      answer: { kind: 'void', name, outcome, source: answer.source },
      issues: [{ code: 'spf-void-lookup', message: `"${termText}" looks up the MX hosts of ${name}, which ${outcome === 'nxdomain' ? 'does not exist' : 'has no MX records'}: a void lookup that matches nothing.` }],
    });
  }
  const exchanges = answer.kind === 'ok' ? answer.records : [];
  const issues: LookupIssue[] = [];
  if (exchanges.length > maxMxHosts) {
    issues.push({ code: 'spf-mx-too-many', message: `${name} has ${exchanges.length} MX hosts; SPF allows at most ${maxMxHosts} for "${termText}", so receivers return permerror. Use ip4:/ip6: for the mail servers instead.` });
  }
  // Addresses of the MX hosts do not count toward the limit of 10, but they are what mx matches.
  const hosts = await Promise.all(exchanges.slice(0, maxMxHosts).map(async (mx) => {
    // A null MX ("0 .", RFC 7505) says the domain takes no mail: there is no host to look up.
    if (normalizeName(mx.exchange) === '') return { exchange: mx.exchange, priority: mx.priority, addresses: [] };
    const found = await Promise.all([query(walk, mx.exchange, 'A'), query(walk, mx.exchange, 'AAAA')]);
    const failed = found.find(isFailure);
    if (failed) issues.push({ code: 'spf-dns-error', message: `Looking up MX host ${mx.exchange} for "${termText}" failed: ${describeFailure(failed)}. Receivers would return temperror.` });
    return { exchange: mx.exchange, priority: mx.priority, addresses: found.flatMap((a) => (a.kind === 'ok' ? a.records : [])) };
  }));
  return node(record, term, { ownCost: 1, answer: { kind: 'mx', name, hosts, source: answer.source }, issues });
}

async function walkInclude(walk: Walk, record: SpfRecord, term: Mechanism | Modifier, name: string, termText: string, chain: readonly string[]): Promise<TermNode> {
  const kind = term.kind === 'modifier' ? 'redirect' : 'include';
  if (chain.includes(name)) {
    const loop = [...chain.slice(chain.indexOf(name)), name].join(' → ');
    return node(record, term, { ownCost: 1, answer: { kind: 'record', name }, issues: [{ code: 'spf-loop', message: `"${termText}" leads back to a record already being evaluated (${loop}). Receivers stop at the lookup limit and return permerror.` }] });
  }
  if (chain.length > walk.maxDepth) {
    return node(record, term, { ownCost: 1, answer: { kind: 'record', name }, issues: [{ code: 'spf-lookup-limit', message: `"${termText}" is nested more than ${walk.maxDepth} levels deep; spf-lens stopped following it.` }] });
  }
  const answer = await query(walk, name, 'TXT');
  if (isFailure(answer)) {
    return node(record, term, {
      ownCost: 1,
      answer: { kind: 'failed', name, detail: describeFailure(answer), source: answer.source },
      issues: [{ code: 'spf-dns-error', message: `Fetching the SPF record of ${name} for "${termText}" failed: ${describeFailure(answer)}. Receivers would return temperror.` }],
    });
  }
  const spfTexts = answer.kind === 'ok' ? answer.records.map((strings) => strings.join('')).filter(isSpfRecord) : [];
  if (spfTexts.length === 0) {
    const why = answer.kind === 'nxdomain' ? 'does not exist' : 'has no SPF record';
    return node(record, term, {
      ownCost: 1,
      ownVoid: isVoid(answer),
      answer: isVoid(answer) ? { kind: 'void', name, outcome: answer.kind as 'nxdomain' | 'nodata', source: answer.source } : { kind: 'record', name },
      issues: [{ code: 'spf-include-no-spf', message: `${name} ${why}, so "${termText}" makes receivers return permerror${kind === 'include' ? ' for every message that reaches it' : ''}.` }],
    });
  }
  if (spfTexts.length > 1) {
    return node(record, term, {
      ownCost: 1,
      answer: { kind: 'record', name },
      issues: [{ code: 'spf-include-multiple', message: `${name} publishes ${spfTexts.length} SPF records, so "${termText}" makes receivers return permerror.` }],
    });
  }
  const { record: target, problems } = parseRecord(spfTexts[0]);
  const child = await walkRecord(walk, name, spfTexts[0], target, answer.source, [...chain, name]);
  const nested = child.terms.flatMap((childTerm) => childTerm.issues.map((issue) => ({ ...issue, message: `Via "${termText}": ${issue.message}` })));
  const syntax = problems.find((problem) => problem.permerror);
  if (syntax) nested.unshift({ code: 'spf-include-invalid', message: `The SPF record of ${name} has a syntax error (${syntax.message}), so "${termText}" makes receivers return permerror.` });
  return node(record, term, { ownCost: 1, answer: { kind: 'record', name }, child, issues: nested });
}

/** Top-level terms sorted by cost, heaviest first, for "include:x costs 4" messages. */
export function heaviestTerms(result: LookupResult): readonly TermNode[] {
  return [...result.root.terms].filter((term) => term.cost > 0).sort((a, b) => b.cost - a.cost);
}

/** Every term node of the tree, depth first, with its depth (0 = the record itself). */
export function* walkTree(record: RecordNode, depth = 0): Generator<{ node: TermNode; depth: number; record: RecordNode }> {
  for (const termNode of record.terms) {
    yield { node: termNode, depth, record };
    if (termNode.child) yield* walkTree(termNode.child, depth + 1);
  }
}
