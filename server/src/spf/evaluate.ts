// RFC 7208 check_host() (§4–§6): fetch <domain>'s SPF record, evaluate its terms left to right,
// follow include and redirect, enforce the processing limits as it goes, and explain a fail.
// Every DNS question goes through the injected Resolver; nothing here throws for bad input or
// a failed lookup — the result, its reason and the trace say what happened.

import type { AnswerSource, Resolver } from '../dns/resolver';
import { parseClientAddress } from './address';
import { checkedDomainProblem, withoutRootDot } from './domainName';
import { parseMacroString } from './macro';
import type { Mechanism, Modifier, SpfRecord, Term } from './model';
import { isModifier } from './model';
import { countsAsLookup, evaluateMechanism } from './mechanisms';
import type { MechanismOutcome } from './mechanisms';
import { parseRecord } from './parser';
import type { Problem } from './problems';
import type { Frame, Stop } from './session';
import { isStop, Session } from './session';
import type { Identity, SpfResult, TermRef, TracedResult } from './trace';
import { isSpfRecord } from './version';

export type { Identity, SpfResult, TraceStep } from './trace';

export interface CheckHostInput {
  /** The SMTP client's address, IPv4 or IPv6 (IPv4-mapped IPv6 is checked as IPv4). */
  readonly ip: string;
  /** The MAIL FROM address; '' is the null reverse-path, which checks postmaster@HELO (§2.4). */
  readonly sender: string;
  /** The HELO/EHLO name: the %{h} macro, and the domain checked for the HELO identity. */
  readonly helo: string;
  /** Which identity to check; the default is MAIL FROM (HELO when the sender is empty). */
  readonly identity?: Identity;
  /** The receiving host for %{r} in explanations; default "unknown". */
  readonly receiver?: string;
  /** Milliseconds since the epoch for %{t}; default Date.now. */
  readonly now?: () => number;
}

export interface CheckHostOptions {
  readonly resolver: Resolver;
  /** Aborting ends the evaluation with temperror. */
  readonly signal?: AbortSignal;
  /** DNS-querying terms allowed per check (§4.6.4); default 10. */
  readonly maxLookups?: number;
  /** Void lookups allowed per check (§4.6.4); default 2. */
  readonly maxVoidLookups?: number;
  /** The explanation for a fail without a usable exp= (§6.2), a macro-string; see defaultExplanation. */
  readonly defaultExplanation?: string;
}

export interface CheckHostResult extends TracedResult {
  /** Set when the input itself is unusable (see validateCheckInput); the result is then "none". */
  readonly inputError: string | undefined;
}

export const defaultMaxLookups = 10;
export const defaultMaxVoidLookups = 2;
/** What a fail explains when the record has no usable exp= (§6.2 leaves the text to the receiver). */
export const defaultExplanation = 'The domain %{o} does not designate %{c} as a permitted sender.';

// ---------------------------------------------------------------------------------------------
// Input

export interface InputProblem {
  readonly field: 'ip' | 'sender' | 'helo';
  readonly message: string;
}

/**
 * Usage errors for the CLI and the editor command, before any DNS is asked. checkHost() accepts
 * what RFC 7208 accepts (a sender without "@" is a domain with local-part "postmaster"), but a
 * person typing these values most likely made a mistake.
 */
export function validateCheckInput(input: Pick<CheckHostInput, 'ip' | 'sender' | 'helo' | 'identity'>): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!parseClientAddress(input.ip)) {
    problems.push({ field: 'ip', message: `"${input.ip}" is not an IPv4 or IPv6 address (for example 192.0.2.10 or 2001:db8::10).` });
  }
  const sender = stripAngles(input.sender.trim());
  const helo = input.helo.trim();
  if (input.identity === 'helo') {
    if (helo === '') problems.push({ field: 'helo', message: 'Checking the HELO identity needs a HELO name.' });
  } else if (sender === '') {
    if (helo === '') {
      problems.push({ field: 'sender', message: 'The sender is empty (the null reverse-path); SPF then checks postmaster@ the HELO name, so give a HELO name too.' });
    }
  } else if (!sender.includes('@')) {
    problems.push({ field: 'sender', message: `"${sender}" has no "@"; give the whole MAIL FROM address, for example postmaster@${sender}.` });
  } else if (sender.endsWith('@')) {
    problems.push({ field: 'sender', message: `"${sender}" has no domain after "@".` });
  }
  return problems;
}

function stripAngles(sender: string): string {
  return sender.startsWith('<') && sender.endsWith('>') ? sender.slice(1, -1).trim() : sender;
}

interface CheckedIdentity {
  readonly identity: Identity;
  readonly domain: string;
  readonly sender: string;
  readonly localPart: string;
}

/** §2.4 and §4.3: the null reverse-path checks postmaster@HELO; a missing local-part becomes "postmaster". */
function identityOf(input: CheckHostInput): CheckedIdentity {
  const helo = input.helo.trim();
  const sender = stripAngles(input.sender.trim());
  if (input.identity === 'helo' || sender === '') {
    return { identity: 'helo', domain: helo, sender: `postmaster@${helo}`, localPart: 'postmaster' };
  }
  const at = sender.lastIndexOf('@');
  const localPart = at > 0 ? sender.slice(0, at) : 'postmaster';
  const domain = at >= 0 ? sender.slice(at + 1) : sender;
  return { identity: 'mailfrom', domain, sender: `${localPart}@${domain}`, localPart };
}

// ---------------------------------------------------------------------------------------------
// check_host()

interface DomainResult {
  readonly result: SpfResult;
  readonly reason: string;
  readonly explanation: string | undefined;
  /** The domain whose record decided the result (after redirects). */
  readonly decidedBy: string;
}

type Via = 'top' | 'include' | 'redirect';

/** Evaluates the SPF policy for one message. Never throws for DNS or input problems. */
export async function checkHost(input: CheckHostInput, options: CheckHostOptions): Promise<CheckHostResult> {
  const checked = identityOf(input);
  const maxLookups = options.maxLookups ?? defaultMaxLookups;
  const maxVoidLookups = options.maxVoidLookups ?? defaultMaxVoidLookups;
  const base = {
    identity: checked.identity,
    domain: checked.domain,
    sender: checked.sender,
    helo: input.helo,
    ip: input.ip,
    maxLookups,
    maxVoidLookups,
  };

  const client = parseClientAddress(input.ip);
  if (!client) {
    const inputError = `"${input.ip}" is not an IPv4 or IPv6 address`;
    return { ...base, result: 'none', reason: `no check is possible: ${inputError}`, explanation: undefined, lookups: 0, voidLookups: 0, trace: [], inputError };
  }

  const session = new Session(options.resolver, options.signal, { maxLookups, maxVoidLookups }, client, {
    sender: checked.sender,
    localPart: checked.localPart,
    senderDomain: checked.domain,
    helo: input.helo,
    receiver: input.receiver ?? 'unknown',
    now: input.now ?? Date.now,
  });
  const outcome = await checkDomain(session, checked.domain, 0, 'top', true);
  let explanation = outcome.explanation;
  if (outcome.result === 'fail' && explanation === undefined) {
    explanation = await defaultExplanationText(session, outcome.decidedBy, options.defaultExplanation ?? defaultExplanation);
  }
  return {
    ...base,
    result: outcome.result,
    reason: outcome.reason,
    explanation: outcome.result === 'fail' ? explanation : undefined,
    lookups: session.lookups,
    voidLookups: session.voidLookups,
    trace: session.trace,
    inputError: undefined,
  };
}

function stopResult(stop: Stop, decidedBy: string): DomainResult {
  return { result: stop.stop, reason: stop.reason, explanation: undefined, decidedBy };
}

/** Ends this record's evaluation, tracing the error where it arose (not again as it passes up through includes). */
function stopped(session: Session, frame: Frame, stop: Stop, term: TermRef): DomainResult {
  if (!stop.nested) session.note(frame, `${stop.stop}: ${stop.reason}`, term);
  return stopResult(stop, frame.domain);
}

/** check_host(<ip>, <domain>, <sender>) at one depth of the include/redirect tree. */
async function checkDomain(session: Session, rawDomain: string, depth: number, via: Via, wantExplanation: boolean): Promise<DomainResult> {
  const domain = withoutRootDot(rawDomain);
  const frame: Frame = { depth, domain };
  const finish = (result: DomainResult): DomainResult => {
    // An error or a missing record is traced once, where it happens, not again at every level on the way up.
    const quiet = result.result === 'temperror' || result.result === 'permerror' || result.result === 'none';
    if (depth > 0 && !quiet) session.add({ kind: 'result', ...frame, result: result.result, reason: result.reason });
    return result;
  };
  const noRecord = (result: SpfResult, reason: string, source?: AnswerSource): DomainResult => {
    session.add({ kind: 'record', ...frame, via, record: undefined, source, problem: reason });
    return finish({ result, reason, explanation: undefined, decidedBy: domain });
  };

  // §4.3: a malformed domain has no SPF record to find.
  const malformed = checkedDomainProblem(rawDomain);
  if (malformed) return noRecord('none', `${malformed} (RFC 7208 §4.3)`);

  // §4.4: the TXT lookup. Only include and redirect targets count as terms' lookups.
  const answer = await session.query(frame, domain, 'TXT', { countsVoid: via !== 'top' });
  if (isStop(answer)) {
    session.note(frame, `${answer.stop}: ${answer.reason}`);
    return finish(stopResult(answer, domain));
  }
  if (answer.kind === 'timeout' || answer.kind === 'error') {
    return noRecord('temperror', `the TXT lookup of ${domain} ${answer.kind === 'timeout' ? 'timed out' : `failed (${answer.detail})`}, so receivers return temperror (RFC 7208 §4.4)`, answer.source);
  }
  if (answer.kind === 'nxdomain') return noRecord('none', `${domain} does not exist (NXDOMAIN), so it has no SPF record (RFC 7208 §4.3)`, answer.source);
  if (answer.kind === 'nodata') return noRecord('none', `${domain} has no TXT records, so it has no SPF record (RFC 7208 §4.5)`, answer.source);

  // §4.5: of the TXT records (strings joined without spaces), keep those starting "v=spf1".
  const spfRecords = answer.records.map((strings) => strings.join('')).filter(isSpfRecord);
  if (spfRecords.length === 0) {
    const which = answer.records.length === 1 ? `the TXT record of ${domain} does not` : `none of the ${answer.records.length} TXT records of ${domain}`;
    return noRecord('none', `${which} start with "v=spf1", so it has no SPF record (RFC 7208 §4.5)`, answer.source);
  }
  if (spfRecords.length > 1) {
    return noRecord('permerror', `${domain} publishes ${spfRecords.length} SPF records; receivers return permerror when there is more than one (RFC 7208 §4.5)`, answer.source);
  }
  const text = spfRecords[0];
  session.add({ kind: 'record', ...frame, via, record: text, source: answer.source, problem: undefined });

  // §4.6: syntax errors anywhere in the record, before anything is evaluated.
  const { record, problems } = parseRecord(text);
  const syntax = syntaxError(record, problems);
  if (syntax) {
    session.note(frame, syntax.message, syntax.term);
    return finish({ result: 'permerror', reason: `the SPF record of ${domain} is invalid: ${syntax.message}`, explanation: undefined, decidedBy: domain });
  }

  const outcome = await evaluateRecord(session, frame, record, wantExplanation);
  return finish(outcome);
}

/** The first reason the record is a permerror as written: a grammar violation, or a repeated redirect=/exp= (§6). */
function syntaxError(record: SpfRecord, problems: readonly Problem[]): { message: string; term: TermRef | undefined } | undefined {
  const fatal = problems.find((problem) => problem.permerror);
  if (fatal) {
    const term = record.terms.find((candidate) => fatal.offset >= candidate.span.offset && fatal.offset < candidate.span.offset + candidate.span.length);
    return { message: fatal.message, term: term ? termRef(record, term) : undefined };
  }
  for (const name of ['redirect', 'exp']) {
    const modifiers = record.terms.filter((term) => isModifier(term, name));
    if (modifiers.length > 1) {
      return { message: `"${name}=" appears ${modifiers.length} times; a record may have at most one (RFC 7208 §6)`, term: termRef(record, modifiers[1]) };
    }
  }
  return undefined;
}

function termRef(record: SpfRecord, term: Term): TermRef {
  return { text: record.text.slice(term.span.offset, term.span.offset + term.span.length), span: term.span };
}

const qualifierResults = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' } as const;

/** §4.6.2 and §6.1: mechanisms in order; the first match decides; otherwise redirect=, otherwise neutral. */
async function evaluateRecord(session: Session, frame: Frame, record: SpfRecord, wantExplanation: boolean): Promise<DomainResult> {
  const mechanisms = record.terms.filter((term): term is Mechanism => term.kind === 'mechanism');
  for (const mechanism of mechanisms) {
    const term = termRef(record, mechanism);
    const cancelled = session.cancelled();
    if (cancelled) return stopped(session, frame, cancelled, term);
    if (countsAsLookup(mechanism.name)) {
      const stop = session.countLookup(frame, term);
      if (stop) return stopped(session, frame, stop, term);
    }
    const outcome = mechanism.name === 'include'
      ? await evaluateInclude(session, frame, mechanism, term)
      : await evaluateMechanism(session, frame, mechanism, term);
    if (isStop(outcome)) return stopped(session, frame, outcome, term);
    const result = outcome.matched ? qualifierResults[mechanism.qualifier] : undefined;
    session.add({ kind: 'match', ...frame, term, matched: outcome.matched, result, detail: outcome.detail });
    if (result) {
      const why = mechanism.name === 'all' ? '' : ` (${outcome.detail})`;
      const reason = `"${term.text}" in the SPF record of ${frame.domain} matched${why}, so the result is ${result}`;
      const explanation = result === 'fail' && wantExplanation ? await explain(session, frame, record) : undefined;
      return { result, reason, explanation, decidedBy: frame.domain };
    }
  }

  // §6.1: redirect= applies only when nothing matched and the record has no "all".
  const redirect = record.terms.find((term): term is Modifier => isModifier(term, 'redirect'));
  if (redirect && !mechanisms.some((mechanism) => mechanism.name === 'all')) {
    return evaluateRedirect(session, frame, record, redirect, wantExplanation);
  }
  return {
    result: 'neutral',
    reason: `no mechanism in the SPF record of ${frame.domain} matched and it has no redirect=, so the result is neutral (RFC 7208 §4.7)`,
    explanation: undefined,
    decidedBy: frame.domain,
  };
}

/** §5.2: include matches when the included check passes; none and permerror are permerror, temperror is temperror. */
async function evaluateInclude(session: Session, frame: Frame, mechanism: Mechanism, term: TermRef): Promise<MechanismOutcome> {
  const target = await session.target(frame, mechanism.domain);
  session.add({ kind: 'term', ...frame, term, lookup: session.lookupCount(), target: target.name });
  const included = await checkDomain(session, target.name, frame.depth + 1, 'include', false);
  switch (included.result) {
    case 'pass':
      return { matched: true, detail: `${target.name} returned pass` };
    case 'fail':
    case 'softfail':
    case 'neutral':
      return { matched: false, detail: `${target.name} returned ${included.result}, which include does not count as a match` };
    // The inner reason already names where it happened; the trace shows the include path.
    case 'temperror':
    case 'permerror':
      return { stop: included.result, reason: included.reason, nested: true };
    case 'none':
      return { stop: 'permerror', reason: `"${term.text}" in the record of ${frame.domain} names a domain without an SPF record, which makes include a permerror (RFC 7208 §5.2): ${included.reason}` };
  }
}

/** §6.1: the redirect target's result is this record's result, except that "none" becomes permerror. */
async function evaluateRedirect(session: Session, frame: Frame, record: SpfRecord, redirect: Modifier, wantExplanation: boolean): Promise<DomainResult> {
  const term = termRef(record, redirect);
  const stop = session.countLookup(frame, term);
  if (stop) return stopped(session, frame, stop, term);
  const target = await session.target(frame, redirect.value);
  session.add({ kind: 'term', ...frame, term, lookup: session.lookupCount(), target: target.name });
  const redirected = await checkDomain(session, target.name, frame.depth + 1, 'redirect', wantExplanation);
  if (redirected.result === 'none') {
    return {
      result: 'permerror',
      reason: `"${term.text}" in the record of ${frame.domain} names a domain without an SPF record, which makes redirect a permerror (RFC 7208 §6.1): ${redirected.reason}`,
      explanation: undefined,
      decidedBy: frame.domain,
    };
  }
  return redirected;
}

// ---------------------------------------------------------------------------------------------
// Explanations (§6.2)

/** The exp= text of the record that failed, or undefined when there is none or it cannot be used. */
async function explain(session: Session, frame: Frame, record: SpfRecord): Promise<string | undefined> {
  const exp = record.terms.find((term): term is Modifier => isModifier(term, 'exp'));
  if (!exp) return undefined;
  const ignored = (detail: string, target?: string): undefined => {
    session.add({ kind: 'explanation', ...frame, from: 'exp', target, text: undefined, detail: `${detail}; the default explanation is used (RFC 7208 §6.2)` });
    return undefined;
  };
  const target = await session.target(frame, exp.value);
  if ('problem' in target) return ignored(`the exp= name cannot be queried: ${target.problem}`, target.name);
  // exp= lookups never count toward the lookup or void limits (§4.6.4).
  const answer = await session.query(frame, target.name, 'TXT', { countsVoid: false });
  if (isStop(answer)) return ignored(answer.reason, target.name);
  if (answer.kind !== 'ok') {
    const outcome = { nxdomain: 'found no such name', nodata: 'found no TXT records', timeout: 'timed out', error: 'failed' }[answer.kind];
    return ignored(`the TXT lookup of ${target.name} ${outcome}`, target.name);
  }
  if (answer.records.length !== 1) return ignored(`${target.name} has ${answer.records.length} TXT records, not exactly one`, target.name);
  const text = answer.records[0].join('');
  if (/[^\x20-\x7e]/.test(text)) return ignored(`the explanation at ${target.name} contains characters outside printable ASCII`, target.name);
  const problems: Problem[] = [];
  const macroString = parseMacroString(text, 0, problems, { explanation: true, allowSpaces: true });
  if (problems.some((problem) => problem.permerror)) {
    return ignored(`the explanation at ${target.name} has a macro error: ${problems.find((problem) => problem.permerror)?.message ?? ''}`, target.name);
  }
  const explanation = await session.expand(frame, macroString);
  session.add({ kind: 'explanation', ...frame, from: 'exp', target: target.name, text: explanation, detail: undefined });
  return explanation;
}

async function defaultExplanationText(session: Session, domain: string, template: string): Promise<string> {
  const frame: Frame = { depth: 0, domain };
  const problems: Problem[] = [];
  const macroString = parseMacroString(template, 0, problems, { explanation: true, allowSpaces: true });
  const text = problems.some((problem) => problem.permerror) ? template : await session.expand(frame, macroString);
  session.add({ kind: 'explanation', ...frame, from: 'default', target: undefined, text, detail: undefined });
  return text;
}
