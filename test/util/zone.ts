// Helpers for feature tests over zone-file fixtures.

import assert from 'node:assert/strict';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../../server/src/features/analysis';
import { analyzeDocument } from '../../server/src/features/analysis';
import { PositionIndex, toDiagnostics } from '../../server/src/features/diagnostics';
import { parseMarkers } from './markers';

export const zoneUri = 'file:///zones/db.example.com';

export interface AnalyzedZone {
  readonly analysis: DocumentAnalysis;
  readonly document: TextDocument;
}

/** Analyses a zone text; `files` are other zone files by URI, for $INCLUDE. */
export function analyzeZone(text: string, options: { uri?: string; files?: Record<string, string> } = {}): AnalyzedZone {
  const uri = options.uri ?? zoneUri;
  const analysis = analyzeDocument(uri, 'dns-zone', text, { readFile: (included) => options.files?.[included] });
  assert.ok(analysis, 'the zone host should read the document');
  return { analysis, document: TextDocument.create(uri, 'dns-zone', 1, text) };
}

export function zoneDiagnostics(text: string, options: { uri?: string; files?: Record<string, string>; rules?: Record<string, 'ignore' | 'hint' | 'information' | 'warning' | 'error'> } = {}): Diagnostic[] {
  const { analysis } = analyzeZone(text, options);
  return toDiagnostics(analysis.uri, analysis.problems, new PositionIndex(analysis.texts), options.rules ?? {});
}

/**
 * Asserts the diagnostics of the marked zone text: the listed codes, in document order,
 * each on the i-th marked range. `only` restricts which codes are compared.
 */
export function assertZoneDiagnostics(marked: string, codes: readonly string[], options: { only?: readonly string[]; files?: Record<string, string> } = {}): Diagnostic[] {
  const { text, ranges } = parseMarkers(marked);
  const document = TextDocument.create(zoneUri, 'dns-zone', 1, text);
  const all = zoneDiagnostics(text, { files: options.files });
  const diagnostics = options.only ? all.filter((d) => options.only!.includes(String(d.code))) : all;
  const describe = (d: Diagnostic) => `${String(d.code)} ${JSON.stringify(document.getText(d.range))}`;
  const expected = codes.map((code, i) => `${code} ${ranges[i] ? JSON.stringify(text.slice(ranges[i].start, ranges[i].end)) : '(no range marked)'}`);
  assert.deepEqual(diagnostics.map(describe), expected, diagnostics.map((d) => `  ${String(d.code)}: ${d.message}`).join('\n'));
  diagnostics.forEach((diagnostic, i) => {
    assert.deepEqual([document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end)], [ranges[i].start, ranges[i].end], `range of ${String(diagnostic.code)}`);
  });
  return diagnostics;
}

/** Applies the edits of a workspace edit for one document. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  const edits: TextEdit[] = edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'dns-zone', 1, text), edits);
}
