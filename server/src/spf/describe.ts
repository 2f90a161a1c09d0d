// Plain-language explanations of SPF terms and records, for hovers and the CLI. Markdown.

import type { Mechanism, MechanismName, Modifier, Qualifier, SpfRecord, Term } from './model';
import { isMechanism, isModifier } from './model';

export const qualifierMeaning: Record<Qualifier, { readonly result: string; readonly effect: string }> = {
  '+': { result: 'pass', effect: 'the sender is authorized' },
  '-': { result: 'fail', effect: 'the sender is not authorized; receivers may reject the message' },
  '~': { result: 'softfail', effect: 'the sender is probably not authorized; receivers usually accept but mark the message' },
  '?': { result: 'neutral', effect: 'no statement is made, as if there were no SPF record' },
};

const mechanismMeaning: Record<MechanismName, (target: string) => string> = {
  all: () => 'Always matches. Put it last: it decides what happens to every sender not matched before it.',
  include: (target) => `Matches if the SPF record of \`${target}\` gives **pass** for the sender. Its own fail or softfail does not end the check here; evaluation continues with the next term.`,
  a: (target) => `Matches if the sender's IP is one of the A/AAAA addresses of \`${target}\`.`,
  mx: (target) => `Matches if the sender's IP is an address of one of the MX hosts of \`${target}\` (at most 10 MX hosts are allowed).`,
  ptr: (target) => `Matches if the sender's reverse DNS name, validated forward, ends in \`${target}\`. Slow and unreliable: RFC 7208 §5.5 says it SHOULD NOT be used.`,
  ip4: (target) => `Matches if the sender's IPv4 address is in \`${target}\`.`,
  ip6: (target) => `Matches if the sender's IPv6 address is in \`${target}\`.`,
  exists: (target) => `Matches if \`${target}\` (after macro expansion) has an A record, whatever the address. Used with macros for per-sender rules.`,
};

/** Terms that make receivers query DNS, counted toward the limit of 10 (RFC 7208 §4.6.4). */
export function isLookupTerm(term: Term): boolean {
  if (term.kind === 'mechanism') return term.name === 'include' || term.name === 'a' || term.name === 'mx' || term.name === 'ptr' || term.name === 'exists';
  return term.kind === 'modifier' && term.name === 'redirect';
}

function mechanismTarget(term: Mechanism): string {
  if (term.address) {
    const prefix = term.name === 'ip4' ? term.cidr4 : term.cidr6;
    return prefix ? `${term.address.text}/${prefix.value}` : term.address.text;
  }
  const domain = term.domain?.text ?? "the sender's domain";
  const cidrs = [term.cidr4 ? `/${term.cidr4.value}` : '', term.cidr6 ? `//${term.cidr6.value}` : ''].join('');
  return cidrs ? `${domain}${cidrs}` : domain;
}

/** `withCost: false` leaves out the static cost line, for hovers that show the live cost instead. */
export function describeTerm(term: Term, options: { withCost?: boolean } = {}): string {
  if (term.kind === 'invalid') return `\`${term.text}\` is not a valid SPF term.`;
  if (isModifier(term)) return describeModifier(term);
  const { result, effect } = qualifierMeaning[term.qualifier];
  const lines = [
    `**${term.name}** mechanism, qualifier \`${term.qualifier}\` (${result}${term.qualifierSpan ? '' : ', the default'})`,
    '',
    mechanismMeaning[term.name](mechanismTarget(term)),
    '',
    `When it matches, the result is **${result}**: ${effect}.`,
  ];
  if (term.name === 'a' || term.name === 'mx') {
    if (term.cidr4 || term.cidr6) lines.push('', `Each address is widened to its network: IPv4 /${term.cidr4?.value ?? 32}, IPv6 /${term.cidr6?.value ?? 128}.`);
  }
  if (isLookupTerm(term) && options.withCost !== false) lines.push('', 'Costs 1 DNS lookup toward the limit of 10' + (term.name === 'include' ? ', plus every lookup in the included record.' : term.name === 'mx' ? ', plus one per MX host for its addresses (those do not count toward 10, but at most 10 MX hosts are allowed).' : '.'));
  if (term.domain?.hasMacros) lines.push('', 'The domain contains macros, so what is looked up depends on the sender.');
  return lines.join('\n');
}

function describeModifier(term: Modifier): string {
  switch (term.name) {
    case 'redirect':
      return [
        `**redirect=** \`${term.value.text}\``,
        '',
        `When no mechanism in this record matches, the result is whatever \`${term.value.text}\`'s SPF record gives. Ignored when the record has an "all" mechanism. Costs 1 DNS lookup plus the lookups of the target record.`,
      ].join('\n');
    case 'exp':
      return [
        `**exp=** \`${term.value.text}\``,
        '',
        `On fail, receivers may fetch the TXT record at \`${term.value.text}\` and show it to the sender as the explanation. It does not count toward the lookup limit.`,
      ].join('\n');
    default:
      return `**${term.name}=** is not a modifier receivers know; they ignore it.`;
  }
}

export interface RecordSummary {
  readonly lookupTerms: number;
  readonly policy: string;
}

export function summarizeRecord(record: SpfRecord): RecordSummary {
  const all = record.terms.find((term): term is Mechanism => isMechanism(term, 'all'));
  const redirect = record.terms.find((term): term is Modifier => isModifier(term, 'redirect'));
  let policy: string;
  if (all) policy = `\`${all.qualifier === '+' ? 'all' : `${all.qualifier}all`}\`: every other sender gets **${qualifierMeaning[all.qualifier].result}**`;
  else if (redirect) policy = `every other sender gets the result of \`${redirect.value.text}\`'s record`;
  else policy = 'no `all` and no redirect: every other sender gets **neutral**';
  return { lookupTerms: record.terms.filter(isLookupTerm).length, policy };
}
