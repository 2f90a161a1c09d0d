// Hover: what the term under the cursor does, or a summary of the record on "v=spf1".

import type { Hover } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeTerm, summarizeRecord } from '../spf/describe';
import type { Span, Term } from '../spf/model';
import { spanEnd } from '../spf/model';
import type { DocumentAnalysis, RecordAnalysis } from './analysis';

export interface RecordAt {
  readonly analysis: RecordAnalysis;
  /** Offset in the record text. */
  readonly textOffset: number;
}

/** The SPF record written at `offset` of the analysed document, if any. */
export function recordAt(analysis: DocumentAnalysis, offset: number): RecordAt | undefined {
  for (const record of analysis.records) {
    const { source } = record;
    if (source.uri !== analysis.uri || offset < source.rdataRange.start || offset > source.rdataRange.end) continue;
    const textOffset = source.map.textOffsetAt(offset);
    if (textOffset !== undefined) return { analysis: record, textOffset };
  }
  return undefined;
}

export function termAt(terms: readonly Term[], textOffset: number): Term | undefined {
  return terms.find((term) => textOffset >= term.span.offset && textOffset <= spanEnd(term.span));
}

function contains(span: Span, textOffset: number): boolean {
  return textOffset >= span.offset && textOffset <= spanEnd(span);
}

export function getHover(analysis: DocumentAnalysis, document: TextDocument, offset: number, extra?: (record: RecordAnalysis, term: Term | undefined) => string | undefined): Hover | undefined {
  const found = recordAt(analysis, offset);
  if (!found) return undefined;
  const { record, source } = found.analysis;
  const toRange = (span: Span) => {
    const range = source.map.range(span.offset, span.length);
    return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
  };

  if (contains(record.versionSpan, found.textOffset)) {
    const summary = summarizeRecord(record);
    const octets = source.strings.reduce((sum, string) => sum + string.octets, 0);
    const lines = [
      `**SPF record** for \`${source.owner ?? source.ownerText}\`${source.rrtype === 'SPF' ? ' (obsolete type 99)' : ''}`,
      '',
      `- ${record.terms.length} term${record.terms.length === 1 ? '' : 's'}, ${summary.lookupTerms} of them query DNS directly (limit 10 across all includes)`,
      `- Policy: ${summary.policy}`,
      `- Size: ${octets} octets in ${source.strings.length} string${source.strings.length === 1 ? '' : 's'}`,
    ];
    const more = extra?.(found.analysis, undefined);
    if (more) lines.push('', more);
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: toRange(record.versionSpan) };
  }

  const term = termAt(record.terms, found.textOffset);
  if (!term) return undefined;
  const more = extra?.(found.analysis, term);
  const value = more ? `${describeTerm(term, { withCost: false })}\n\n${more}` : describeTerm(term);
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(term.span) };
}
