// Quick fixes for spf-lens diagnostics. Each fix is a change to one record's SPF text, written
// back through the host format, so it edits only that record and keeps its quoting valid.

import type { CodeAction, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../spf/model';
import { isMechanism, spanEnd } from '../spf/model';
import type { DocumentAnalysis, FixData, RecordAnalysis } from './analysis';
import { diagnosticSource } from './diagnostics';

/** Replace `length` characters at `offset` of the record text with `text`. */
export interface TextChange {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

export interface CodeActionRequest {
  readonly range: Range;
  readonly diagnostics: readonly Diagnostic[];
  /** Kinds the client asked for (`context.only`); undefined means all. */
  readonly only?: readonly string[];
}

export function getCodeActions(analysis: DocumentAnalysis, document: TextDocument, request: CodeActionRequest): CodeAction[] {
  if (request.only && !request.only.some((kind) => CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of request.diagnostics) {
    if (diagnostic.source !== diagnosticSource || !rangesIntersect(diagnostic.range, request.range)) continue;
    // Fixes come from the current analysis, never from the diagnostic's payload alone: a diagnostic
    // from an older version of the document finds no matching problem and gets no fix.
    const data = currentFinding(analysis, diagnostic, document);
    const record = data && analysis.records[data.recordIndex];
    if (!data || !record || record.source.uri !== analysis.uri) continue;
    for (const fix of fixesFor(String(diagnostic.code), record, data)) {
      const edit = recordEdit(analysis, record, fix.change, document, fix.rewrite);
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit });
    }
  }
  return actions;
}

interface Fix {
  readonly title: string;
  readonly change: TextChange;
  /** Rewrite the whole record through the host format even if the change fits in place. */
  readonly rewrite?: boolean;
  readonly preferred?: boolean;
}

const noChange: TextChange = { offset: 0, length: 0, text: '' };

function fixesFor(code: string, analysis: RecordAnalysis, data: FixData): Fix[] {
  const { record } = analysis;
  const text = record.text;
  const span: Span = data.fix?.span ?? { offset: data.offset, length: data.length };
  const original = text.slice(span.offset, spanEnd(span));
  const replacement = data.fix?.replacement;
  const replace = (title: string, with_: string, preferred = true): Fix => ({ title, change: { ...span, text: with_ }, preferred });

  switch (code) {
    case 'spf-no-all':
      return [
        replace('Add "~all" (softfail unlisted senders)', ' ~all'),
        replace('Add "-all" (fail unlisted senders)', ' -all', false),
      ];
    case 'spf-permissive-all':
      return [replace(`Change "${original}" to "~all"`, '~all'), replace(`Change "${original}" to "-all"`, '-all', false)];
    case 'spf-ptr': {
      const term = record.terms.find((t) => t.span.offset === data.offset && isMechanism(t, 'ptr'));
      return term ? [{ title: `Remove "${text.slice(term.span.offset, spanEnd(term.span))}"`, change: removal(text, term.span), preferred: false }] : [];
    }
    case 'spf-unreachable-terms':
      return [{ title: `Remove unreachable "${original}"`, change: removal(text, span), preferred: true }];
    case 'spf-redirect-ignored': {
      const all = record.terms.find((t) => isMechanism(t, 'all'));
      const fixes: Fix[] = [{ title: 'Remove redirect= (keep this record\'s "all")', change: removal(text, span), preferred: true }];
      if (all) fixes.push({ title: `Remove "${text.slice(all.span.offset, spanEnd(all.span))}" (use the redirect)`, change: removal(text, all.span) });
      return fixes;
    }
    case 'spf-duplicate-modifier':
      return [{ title: `Remove the duplicate "${original}"`, change: removal(text, span), preferred: true }];
    case 'spf-string-too-long':
      return [{ title: 'Split into strings of at most 255 octets', change: noChange, rewrite: true, preferred: true }];
    default:
      if (replacement === undefined) return [];
      if (replacement === '') return [{ title: `Remove "${original}"`, change: { ...span, text: '' }, preferred: true }];
      return [replace(`Replace "${original}" with "${replacement.trim()}"`, replacement)];
  }
}

/** Removes a term and the space before it (or after it, for the first term). */
export function removal(text: string, span: Span): TextChange {
  if (span.offset > 0 && text[span.offset - 1] === ' ') return { offset: span.offset - 1, length: span.length + 1, text: '' };
  if (text[spanEnd(span)] === ' ') return { offset: span.offset, length: span.length + 1, text: '' };
  return { ...span, text: '' };
}

export function applyChange(text: string, change: TextChange): string {
  return text.slice(0, change.offset) + change.text + text.slice(change.offset + change.length);
}

/**
 * The document edit for a change to one record. A change inside one character-string is
 * written in place; anything else (a change across strings, or one that would overflow a
 * string) rewrites the record's rdata through the host format, which splits it validly.
 */
export function recordEdit(analysis: DocumentAnalysis, record: RecordAnalysis, change: TextChange, document: TextDocument, rewrite = false): WorkspaceEdit {
  const { source } = record;
  const newText = applyChange(source.text, change);
  const inside = source.strings.find((string) => change.offset >= string.offset && change.offset + change.length <= string.offset + string.length);
  const grows = inside && inside.octets - change.length + Buffer.byteLength(change.text, 'utf8') > 255;
  let edit: TextEdit;
  if (inside && !grows && !rewrite) {
    const range = source.map.range(change.offset, change.length);
    edit = { range: toRange(document, range.start, range.end), newText: analysis.format.escape(change.text) };
  } else {
    edit = { range: toRange(document, source.rdataRange.start, source.rdataRange.end), newText: analysis.format.encode(newText) };
  }
  return { changes: { [analysis.uri]: [edit] } };
}

function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

function rangesIntersect(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The current finding a diagnostic stands for: same code, same range, in this document. */
function currentFinding(analysis: DocumentAnalysis, diagnostic: Diagnostic, document: TextDocument): FixData | undefined {
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  const problem = analysis.problems.find((candidate) => candidate.uri === analysis.uri && candidate.code === diagnostic.code && candidate.range.start === start && candidate.range.end === end && candidate.data);
  return problem?.data;
}
