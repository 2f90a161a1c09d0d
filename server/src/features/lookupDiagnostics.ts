// Diagnostics from live lookup accounting: the lookup and void limits on the record, and each
// finding in the include tree on the top-level term it is reached through.

import type { LookupResult, TermNode } from '../spf/lookups';
import { heaviestTerms, maxLookups, maxVoidLookups, walkTree } from '../spf/lookups';
import type { Span } from '../spf/model';
import { problemCatalogue } from '../spf/problems';
import type { DocumentProblem, RecordAnalysis, RelatedLocation } from './analysis';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function lookupProblems(analysis: RecordAnalysis, result: LookupResult): DocumentProblem[] {
  const { source, record } = analysis;
  const at = (span: Span) => source.map.range(span.offset, Math.max(span.length, 1));
  const onRecord = { uri: source.uri, range: at(record.versionSpan), data: { recordIndex: analysis.index, offset: record.versionSpan.offset, length: record.versionSpan.length } };
  const problems: DocumentProblem[] = [];
  const related = (nodes: readonly TermNode[], describe: (node: TermNode) => string): RelatedLocation[] =>
    nodes.map((node) => ({ uri: source.uri, range: at(node.span), message: describe(node) }));

  const heavy = heaviestTerms(result);
  const costList = heavy.slice(0, 4).map((node) => `"${node.text}" costs ${node.cost}`).join(', ');
  if (result.lookups > maxLookups) {
    problems.push({
      ...onRecord,
      code: 'spf-lookup-limit',
      severity: 'error',
      message: `This record needs ${result.lookups} DNS lookups across its includes; receivers stop at ${maxLookups} and return permerror, so mail from this domain fails SPF. Heaviest: ${costList}. Remove unused includes or flatten them into ip4:/ip6: terms.`,
      related: related(heavy, (node) => `costs ${plural(node.cost, 'lookup')}`),
    });
  } else if (result.lookups >= maxLookups - 1) {
    problems.push({
      ...onRecord,
      code: 'spf-lookup-near-limit',
      severity: 'warning',
      message: `This record needs ${result.lookups} of the ${maxLookups} DNS lookups receivers allow; ${result.lookups === maxLookups ? 'one more include' : 'two more lookups'} and every message fails SPF with permerror. Heaviest: ${costList}.`,
      related: related(heavy, (node) => `costs ${plural(node.cost, 'lookup')}`),
    });
  }

  if (result.voids > maxVoidLookups) {
    const voidTerms = result.root.terms.filter((node) => node.voids > 0);
    problems.push({
      ...onRecord,
      code: 'spf-void-limit',
      severity: 'error',
      message: `${plural(result.voids, 'lookup')} in this record's tree return no records; receivers allow ${maxVoidLookups} such void lookups and then return permerror. Remove the terms whose names do not resolve: ${voidTerms.map((node) => `"${node.text}"`).join(', ')}.`,
      related: related(voidTerms, (node) => `${plural(node.voids, 'void lookup')}`),
    });
  }

  for (const node of result.root.terms) {
    for (const issue of node.issues) {
      problems.push({
        code: issue.code,
        severity: problemCatalogue[issue.code].severity,
        uri: source.uri,
        range: at(node.span),
        message: issue.message,
        related: [],
        data: { recordIndex: analysis.index, offset: node.span.offset, length: node.span.length },
      });
    }
  }
  return problems;
}

/** A one-line summary for code lenses and the CLI: "7/10 lookups · 1 void". */
export function lookupSummary(result: LookupResult): string {
  const dependent = [...walkTree(result.root)].filter(({ node }) => node.answer?.kind === 'sender-dependent').length;
  const parts = [`${result.lookups}/${maxLookups} DNS lookups`];
  if (result.voids) parts.push(`${result.voids}/${maxVoidLookups} void`);
  if (dependent) parts.push(`${dependent} sender-dependent`);
  return parts.join(' · ');
}
