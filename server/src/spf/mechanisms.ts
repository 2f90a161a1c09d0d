// The mechanisms that compare the client address with DNS data or literal networks (RFC 7208
// §5.1, §5.3–§5.7). include, which recurses into check_host(), lives in evaluate.ts.

import { addressRecordType, matchesClient, readableAddress } from './address';
import { isSubdomainOf } from './domainName';
import type { Mechanism, MechanismName } from './model';
import type { Frame, Session, Stop, Target } from './session';
import { isStop, maxPtrNames } from './session';
import type { TermRef } from './trace';

export type MechanismOutcome = { readonly matched: boolean; readonly detail: string } | Stop;

/** Mechanisms that query the DNS and so count toward the limit of 10 (§4.6.4); redirect= counts too. */
export function countsAsLookup(name: MechanismName): boolean {
  return name === 'include' || name === 'a' || name === 'mx' || name === 'ptr' || name === 'exists';
}

/** §4.6.4: an mx mechanism whose name has more MX records than this gives permerror. */
export const maxMxNames = 10;

const noMatch = (detail: string): MechanismOutcome => ({ matched: false, detail });
const match = (detail: string): MechanismOutcome => ({ matched: true, detail });

/** Evaluates every mechanism but include. The caller has already counted the lookup. */
export async function evaluateMechanism(session: Session, frame: Frame, mechanism: Mechanism, term: TermRef): Promise<MechanismOutcome> {
  switch (mechanism.name) {
    case 'all':
      session.add({ kind: 'term', ...frame, term, lookup: undefined, target: undefined });
      return match('');
    case 'ip4':
    case 'ip6':
      session.add({ kind: 'term', ...frame, term, lookup: undefined, target: undefined });
      return evaluateNetwork(session, mechanism);
    case 'a':
      return evaluateA(session, frame, mechanism, term);
    case 'mx':
      return evaluateMx(session, frame, mechanism, term);
    case 'ptr':
      return evaluatePtr(session, frame, mechanism, term);
    case 'exists':
      return evaluateExists(session, frame, mechanism, term);
    case 'include':
      // Handled by the caller, which can recurse into check_host().
      return noMatch('include is evaluated by check_host()');
  }
}

/** Emits the term step with its target; returns the name to query, or a no-match when there is none. */
async function startTerm(session: Session, frame: Frame, mechanism: Mechanism, term: TermRef): Promise<Target> {
  const target = await session.target(frame, mechanism.domain);
  session.add({ kind: 'term', ...frame, term, lookup: session.lookupCount(), target: target.name });
  if ('truncated' in target && target.truncated) {
    session.note(frame, 'the expanded name was longer than 253 octets; labels were removed from the left (RFC 7208 §7.3)', term);
  }
  return target;
}

function unqueryable(target: Target): MechanismOutcome | undefined {
  // RFC 7208 leaves invalid target names undefined; like §4.3's "none" for a malformed <domain>,
  // such a name matches nothing (the suite accepts this for invalid-domain-long and its kin).
  return 'problem' in target ? noMatch(`not queried: ${target.problem}; treated as a name with no records`) : undefined;
}

function prefixFor(session: Session, mechanism: Mechanism): number | undefined {
  return session.client.family === 4 ? mechanism.cidr4?.value : mechanism.cidr6?.value;
}

function describeNetwork(address: string, prefix: number | undefined): string {
  return prefix === undefined ? address : `${address}/${prefix}`;
}

function evaluateNetwork(session: Session, mechanism: Mechanism): MechanismOutcome {
  const client = session.client;
  const ip = readableAddress(client);
  const wanted = mechanism.name === 'ip4' ? 4 : 6;
  const address = mechanism.address?.text ?? '';
  const prefix = wanted === 4 ? mechanism.cidr4?.value : mechanism.cidr6?.value;
  const network = describeNetwork(address, prefix);
  if (client.family !== wanted) {
    return noMatch(`${ip} is an IPv${client.family} address; ${mechanism.name} only matches IPv${wanted} clients`);
  }
  return matchesClient(client, address, prefix) ? match(`${ip} is in ${network}`) : noMatch(`${ip} is not in ${network}`);
}

async function evaluateA(session: Session, frame: Frame, mechanism: Mechanism, term: TermRef): Promise<MechanismOutcome> {
  const target = await startTerm(session, frame, mechanism, term);
  const skipped = unqueryable(target);
  if (skipped) return skipped;
  const answer = await session.query(frame, target.name, addressRecordType(session.client), { countsVoid: true });
  if (isStop(answer)) return answer;
  if (answer.kind === 'timeout' || answer.kind === 'error') return dnsError(answer, `${addressRecordType(session.client)} ${target.name}`);
  if (answer.kind !== 'ok') return noMatch(`${target.name} has no ${addressRecordType(session.client)} records`);
  const prefix = prefixFor(session, mechanism);
  const hit = answer.records.find((address) => matchesClient(session.client, address, prefix));
  const ip = readableAddress(session.client);
  return hit !== undefined
    ? match(prefix === undefined ? `${ip} is an address of ${target.name}` : `${ip} is within /${prefix} of ${hit}, an address of ${target.name}`)
    : noMatch(`${ip} is not ${prefix === undefined ? 'among' : `within /${prefix} of`} the addresses of ${target.name}`);
}

async function evaluateMx(session: Session, frame: Frame, mechanism: Mechanism, term: TermRef): Promise<MechanismOutcome> {
  const target = await startTerm(session, frame, mechanism, term);
  const skipped = unqueryable(target);
  if (skipped) return skipped;
  const answer = await session.query(frame, target.name, 'MX', { countsVoid: true });
  if (isStop(answer)) return answer;
  if (answer.kind === 'timeout' || answer.kind === 'error') return dnsError(answer, `MX ${target.name}`);
  // §5.4: no MX records means no match; the target's own address is never used in their place.
  if (answer.kind !== 'ok' || answer.records.length === 0) return noMatch(`${target.name} has no MX records`);
  if (answer.records.length > maxMxNames) {
    return {
      stop: 'permerror',
      reason: `${target.name} has ${answer.records.length} MX records; "${term.text}" may look at no more than ${maxMxNames} (RFC 7208 §4.6.4)`,
    };
  }
  const hosts = [...answer.records]
    .sort((a, b) => a.priority - b.priority)
    .map((mx) => mx.exchange.replace(/\.$/, ''))
    // A null MX (RFC 7505, exchange ".") names no host.
    .filter((host) => host !== '');
  const prefix = prefixFor(session, mechanism);
  const type = addressRecordType(session.client);
  for (const host of hosts) {
    const addresses = await session.query(frame, host, type, { countsVoid: false });
    if (isStop(addresses)) return addresses;
    if (addresses.kind === 'timeout' || addresses.kind === 'error') return dnsError(addresses, `${type} ${host}`);
    if (addresses.kind !== 'ok') continue;
    const hit = addresses.records.find((address) => matchesClient(session.client, address, prefix));
    if (hit !== undefined) {
      const ip = readableAddress(session.client);
      return match(prefix === undefined ? `${ip} is an address of MX host ${host}` : `${ip} is within /${prefix} of ${hit}, an address of MX host ${host}`);
    }
  }
  return noMatch(hosts.length === 0
    ? `${target.name} has only a null MX`
    : `${readableAddress(session.client)} is not ${prefix === undefined ? 'an address' : `within /${prefix} of an address`} of any MX host of ${target.name}`);
}

async function evaluatePtr(session: Session, frame: Frame, mechanism: Mechanism, term: TermRef): Promise<MechanismOutcome> {
  const target = await startTerm(session, frame, mechanism, term);
  const skipped = unqueryable(target);
  if (skipped) return skipped;
  const reverse = await session.reverseNames(frame);
  // §5.5: a DNS error on the PTR lookup makes ptr not match (it is not a temperror).
  if ('error' in reverse) return noMatch(`${reverse.error}, so ptr does not match`);
  // Only names under the target can match, so only they are validated (§5.5 allows this order).
  const candidates = reverse.names.filter((name) => isSubdomainOf(name, target.name));
  if (reverse.names.length === 0) return noMatch(`${readableAddress(session.client)} has no PTR names`);
  for (const name of candidates) {
    if (await session.isValidated(frame, name)) {
      return match(`${readableAddress(session.client)} has the validated name ${name.replace(/\.$/, '')}, within ${target.name}`);
    }
  }
  return noMatch(candidates.length === 0
    ? `none of the ${Math.min(reverse.names.length, maxPtrNames)} PTR names of ${readableAddress(session.client)} is within ${target.name}`
    : `no PTR name within ${target.name} resolves back to ${readableAddress(session.client)}`);
}

async function evaluateExists(session: Session, frame: Frame, mechanism: Mechanism, term: TermRef): Promise<MechanismOutcome> {
  const target = await startTerm(session, frame, mechanism, term);
  const skipped = unqueryable(target);
  if (skipped) return skipped;
  // §5.7: always an A query, whatever the client's address family.
  const answer = await session.query(frame, target.name, 'A', { countsVoid: true });
  if (isStop(answer)) return answer;
  if (answer.kind === 'timeout' || answer.kind === 'error') return dnsError(answer, `A ${target.name}`);
  return answer.kind === 'ok' && answer.records.length > 0
    ? match(`${target.name} has an A record`)
    : noMatch(`${target.name} has no A record`);
}

function dnsError(answer: { readonly kind: 'timeout' | 'error'; readonly detail?: string }, question: string): Stop {
  const what = answer.kind === 'timeout' ? 'timed out' : `failed (${answer.detail ?? 'error'})`;
  return { stop: 'temperror', reason: `the DNS query ${question} ${what}, so receivers return temperror (RFC 7208 §5)` };
}
