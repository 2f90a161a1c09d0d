// `spf-lens lookups <domain>`: the include tree with per-term and total DNS lookup cost.

import { defaultLookupBudget, ResolverPool } from '../liveCheck';
import { withBudget, isFailure, type AnswerSource } from '../dns/index';
import type { LookupResult, RecordNode, TermNode } from '../spf/lookups';
import { analyzeLookups, maxLookups, maxVoidLookups } from '../spf/lookups';
import { isSpfRecord } from '../spf/version';
import { describeAnswer } from '../features/lookupHover';
import { UsageError, dnsOptions, dnsSettingsFrom, formatFrom, parse } from './args';
import { zoneOption, zoneOverlay } from './zoneFiles';

function sourceJson(source: AnswerSource | undefined) {
  return source && source.kind !== 'none' ? source : undefined;
}

function termJson(node: TermNode): unknown {
  return {
    term: node.text,
    cost: node.cost,
    ownCost: node.ownCost,
    voids: node.voids,
    answer: node.answer,
    issues: node.issues,
    record: node.child ? recordJson(node.child) : undefined,
  };
}

function recordJson(record: RecordNode): unknown {
  return { domain: record.domain, text: record.text, source: sourceJson(record.source), cost: record.cost, voids: record.voids, terms: record.terms.map(termJson) };
}

/** The JSON form of a lookup tree; a public contract (add fields, never rename). */
export function lookupsJson(result: LookupResult) {
  const issues = result.root.terms.flatMap((node) => node.issues.map((issue) => ({ term: node.text, ...issue })));
  return {
    domain: result.root.domain,
    record: result.root.text,
    lookups: result.lookups,
    lookupLimit: maxLookups,
    voidLookups: result.voids,
    voidLookupLimit: maxVoidLookups,
    queries: result.queries,
    tree: result.root.terms.map(termJson),
    issues,
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function stripMarkdown(text: string): string {
  return text.replace(/`/g, '').replace(/\*\*/g, '');
}

export function formatLookupsText(result: LookupResult): string {
  const lines = [`${result.root.domain}: "${result.root.text}"`];
  const status = result.lookups > maxLookups ? 'PERMERROR: over the limit' : result.voids > maxVoidLookups ? 'PERMERROR: too many void lookups' : 'within the limits';
  lines.push(`${result.lookups}/${maxLookups} DNS lookups, ${result.voids}/${maxVoidLookups} void lookups (${status})`, '');
  const width = 48;
  const visit = (record: RecordNode, depth: number) => {
    for (const node of record.terms) {
      const label = `${'  '.repeat(depth)}${node.text}`;
      const cost = node.cost ? plural(node.cost, 'lookup') : '';
      const answer = node.child ? '' : stripMarkdown(describeAnswer(node.answer) ?? '');
      lines.push(`${label.padEnd(width)} ${cost.padEnd(11)} ${answer}`.trimEnd());
      if (node.child) visit(node.child, depth + 1);
    }
  };
  visit(result.root, 1);
  const issues = result.root.terms.flatMap((node) => node.issues.map((issue) => `  ${issue.code}: ${issue.message}`));
  if (issues.length) lines.push('', 'Problems:', ...issues);
  return `${lines.join('\n')}\n`;
}

export async function lookups(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, ...dnsOptions, ...zoneOption });
  const format = formatFrom(values.format, ['text', 'json']);
  const dns = dnsSettingsFrom(values);
  if (positionals.length !== 1) throw new UsageError('lookups takes exactly one domain');
  if (!dns.live) throw new UsageError('lookups needs live DNS; remove --offline');
  const domain = positionals[0].toLowerCase().replace(/\.$/, '');

  const resolver = withBudget(new ResolverPool(zoneOverlay(values.zone).records).get(dns), defaultLookupBudget);
  const answer = await resolver.resolve(domain, 'TXT');
  if (isFailure(answer)) {
    process.stderr.write(`spf-lens: fetching the TXT records of ${domain} failed: ${answer.kind === 'timeout' ? `no answer within ${answer.waitedMs} ms` : answer.detail}\n`);
    return 2;
  }
  const spf = answer.kind === 'ok' ? answer.records.map((strings) => strings.join('')).filter(isSpfRecord) : [];
  if (spf.length !== 1) {
    process.stderr.write(spf.length === 0 ? `spf-lens: ${domain} has no SPF record (${answer.kind === 'nxdomain' ? 'the name does not exist' : 'no TXT record starts with "v=spf1"'})\n` : `spf-lens: ${domain} publishes ${spf.length} SPF records; receivers return permerror\n`);
    return 1;
  }
  const result = await analyzeLookups(domain, spf[0], { resolver });
  process.stdout.write(format === 'json' ? `${JSON.stringify(lookupsJson(result), null, 2)}\n` : formatLookupsText(result));
  const failing = result.lookups > maxLookups || result.voids > maxVoidLookups || result.root.terms.some((node) => node.issues.some((issue) => issue.code !== 'spf-void-lookup' && issue.code !== 'spf-dns-error'));
  return failing ? 1 : 0;
}
