// Turns located problems into LSP diagnostics: positions, severities after the user's
// `spfLens.rules` overrides, a link to the RFC section, and the quick-fix payload.

import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleLevel } from '../../../shared/settings';
import type { ProblemCode, Severity } from '../spf/problems';
import { problemCatalogue, referenceUrl } from '../spf/problems';
import type { DocumentProblem } from './analysis';

export const diagnosticSource = 'spf-lens';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Gives positions for any document a problem or its related information points into. */
export class PositionIndex {
  private readonly documents = new Map<string, TextDocument>();

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  document(uri: string): TextDocument | undefined {
    let document = this.documents.get(uri);
    if (!document) {
      const text = this.texts.get(uri);
      if (text === undefined) return undefined;
      document = TextDocument.create(uri, 'plaintext', 0, text);
      this.documents.set(uri, document);
    }
    return document;
  }
}

/** The severity the user wants for a code, or undefined when the rule is off. */
export function effectiveSeverity(code: string, severity: Severity, rules: Readonly<Record<string, RuleLevel>>): Severity | undefined {
  const override = rules[code];
  if (override === 'ignore') return undefined;
  return override ?? severity;
}

export function toDiagnostics(uri: string, problems: readonly DocumentProblem[], positions: PositionIndex, rules: Readonly<Record<string, RuleLevel>>): Diagnostic[] {
  const document = positions.document(uri);
  if (!document) return [];
  const diagnostics: Diagnostic[] = [];
  for (const problem of problems) {
    if (problem.uri !== uri) continue;
    const severity = effectiveSeverity(problem.code, problem.severity, rules);
    if (!severity) continue;
    diagnostics.push(toDiagnostic(problem, severity, document, positions));
  }
  return diagnostics;
}

function toDiagnostic(problem: DocumentProblem, severity: Severity, document: TextDocument, positions: PositionIndex): Diagnostic {
  const relatedInformation: DiagnosticRelatedInformation[] = [];
  for (const related of problem.related) {
    const relatedDocument = positions.document(related.uri);
    if (!relatedDocument) continue;
    relatedInformation.push({
      location: { uri: related.uri, range: { start: relatedDocument.positionAt(related.range.start), end: relatedDocument.positionAt(related.range.end) } },
      message: related.message,
    });
  }
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(problem.range.start), end: document.positionAt(problem.range.end) },
    severity: severities[severity],
    source: diagnosticSource,
    code: problem.code,
    message: problem.message,
  };
  if (problem.code in problemCatalogue) diagnostic.codeDescription = { href: referenceUrl(problem.code as ProblemCode) };
  if (relatedInformation.length) diagnostic.relatedInformation = relatedInformation;
  if (problem.code === 'spf-unreachable-terms') diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (problem.data) diagnostic.data = problem.data;
  return diagnostic;
}
