// Code lenses above each SPF record: its live lookup count (click for the tree) and a shortcut
// to check a sender IP against it.

import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { clientCommands, type RecordLocation } from '../../../shared/protocol';
import type { LookupResult } from '../spf/lookups';
import type { DocumentAnalysis, RecordAnalysis } from './analysis';
import { lookupSummary } from './lookupDiagnostics';

/** What the server knows about live checks of a document right now. */
export type LiveStatus =
  | { readonly kind: 'off'; readonly reason: string }
  | { readonly kind: 'pending' }
  | { readonly kind: 'done'; readonly lookups: ReadonlyMap<number, LookupResult> };

export function getCodeLenses(analysis: DocumentAnalysis, document: TextDocument, records: readonly RecordAnalysis[], live: LiveStatus): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const record of records) {
    const span = record.record.versionSpan;
    const offsets = record.source.map.range(span.offset, span.length);
    const range = { start: document.positionAt(offsets.start), end: document.positionAt(offsets.end) };
    const location: RecordLocation = { uri: analysis.uri, recordIndex: record.index };
    let title: string;
    if (record.problems.some((problem) => problem.permerror)) title = '$(error) lookups not resolved: a syntax error makes receivers return permerror first';
    else if (live.kind === 'off') title = `$(circle-slash) lookups not checked: ${live.reason}`;
    else if (live.kind === 'pending') title = '$(sync~spin) resolving lookups…';
    else {
      const result = live.lookups.get(record.index);
      title = result ? lookupSummary(result) : 'lookups not checked';
    }
    lenses.push({ range, command: { title, command: clientCommands.showLookups, arguments: [location] } });
    lenses.push({ range, command: { title: 'Check sender IP…', command: clientCommands.checkSenderIp, arguments: [{ ...location, domain: record.source.owner }] } });
  }
  return lenses;
}
