// The live part of hovers: what a term resolved to, where the answer came from, and what it
// costs; on "v=spf1", the whole tree with per-term and total cost.

import type { AnswerSource } from '../dns/resolver';
import { uriFileName } from '../dns/resolver';
import type { LookupResult, RecordNode, TermAnswer, TermNode } from '../spf/lookups';
import { maxLookups, maxVoidLookups } from '../spf/lookups';
import type { Term } from '../spf/model';

function describeSource(source: AnswerSource | undefined): string {
  if (!source) return '';
  if (source.kind === 'workspace') {
    return ` (from workspace file ${uriFileName(source.uri)}, line ${source.line + 1})`;
  }
  if (source.kind === 'live') return ` (from DNS ${source.server || 'system resolver'})`;
  return '';
}

function listOf(values: readonly string[], max = 6): string {
  const shown = values.slice(0, max).map((value) => `\`${value}\``).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

export function describeAnswer(answer: TermAnswer | undefined): string | undefined {
  if (!answer) return undefined;
  switch (answer.kind) {
    case 'addresses':
      return `\`${answer.name}\` → ${listOf(answer.addresses)}${describeSource(answer.source)}`;
    case 'mx':
      return `\`${answer.name}\` MX → ${answer.hosts.map((host) => `\`${host.exchange}\` (${host.addresses.length ? listOf(host.addresses, 3) : 'no addresses'})`).join(', ')}${describeSource(answer.source)}`;
    case 'record':
      return `\`${answer.name}\` has an SPF record`;
    case 'void':
      return `\`${answer.name}\` ${answer.outcome === 'nxdomain' ? 'does not exist (NXDOMAIN)' : 'has no such records (NODATA)'}: a void lookup${describeSource(answer.source)}`;
    case 'failed':
      return `Looking up \`${answer.name}\` failed: ${answer.detail}`;
    case 'sender-dependent':
      return `\`${answer.name}\` depends on the sender, so it is resolved only when a message is checked`;
  }
}

function costLine(node: TermNode): string {
  if (node.cost === 0) return 'Costs no DNS lookup.';
  const nested = node.cost - node.ownCost;
  return `Costs **${node.cost}** of ${maxLookups} DNS lookups${nested ? ` (${node.ownCost} for this term, ${nested} inside ${node.child?.domain ?? 'it'})` : ''}${node.voids ? `, ${node.voids} void` : ''}.`;
}

/** Indented outline of the tree: "include:_spf.example.net — 4 lookups". */
export function outlineTree(record: RecordNode, depth = 0, lines: string[] = [], maxLines = 40): string[] {
  for (const node of record.terms) {
    if (lines.length >= maxLines) {
      lines.push(`${'  '.repeat(depth)}- …`);
      return lines;
    }
    const cost = node.cost ? ` — ${node.cost} lookup${node.cost === 1 ? '' : 's'}` : '';
    const trouble = node.issues.length && !node.child ? ' ⚠' : '';
    lines.push(`${'  '.repeat(depth)}- \`${node.text}\`${cost}${node.voids ? `, ${node.voids} void` : ''}${trouble}`);
    if (node.child) outlineTree(node.child, depth + 1, lines, maxLines);
  }
  return lines;
}

/** The whole tree as a document, for the "Show Lookup Tree" command. */
export function lookupTreeMarkdown(result: LookupResult): string {
  return [
    `# SPF lookups for ${result.root.domain}`,
    '',
    `**${result.lookups} of ${maxLookups}** DNS lookups, **${result.voids} of ${maxVoidLookups}** void lookups (worst case: every term evaluated).`,
    '',
    ...outlineTree(result.root, 0, [], 500),
  ].join('\n');
}

/** Extra hover text for a term (or, with no term, the whole record) from the live lookup result. */
export function lookupHover(result: LookupResult, term: Term | undefined): string | undefined {
  if (!term) {
    return [
      `**Live DNS:** ${result.lookups} of ${maxLookups} lookups, ${result.voids} of ${maxVoidLookups} void lookups (worst case, every term evaluated)`,
      '',
      ...outlineTree(result.root),
    ].join('\n');
  }
  const node = result.root.terms.find((candidate) => candidate.span.offset === term.span.offset);
  if (!node) return undefined;
  const lines = [costLine(node)];
  const answer = describeAnswer(node.answer);
  if (answer) lines.push('', answer);
  if (node.child) lines.push('', ...outlineTree(node.child));
  return lines.join('\n');
}
