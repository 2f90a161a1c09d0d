// CLI output formats. The JSON fields and SARIF shape are a public contract: add, never rename.

import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ProblemCode } from '../spf/problems';
import { problemCatalogue, problemCodes, referenceUrl } from '../spf/problems';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliDiagnostic {
  /** The path as the user named it (or relative to the working directory for included files). */
  readonly file: string;
  readonly diagnostic: Diagnostic;
}

const severityNames: Record<DiagnosticSeverity, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

function severityName(diagnostic: Diagnostic): 'error' | 'warning' | 'information' | 'hint' {
  return severityNames[diagnostic.severity ?? DiagnosticSeverity.Error];
}

export function formatReport(entries: readonly CliDiagnostic[], format: OutputFormat, version: string): string {
  switch (format) {
    case 'text':
      return formatText(entries);
    case 'json':
      return `${JSON.stringify(entries.map(toJson), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(entries, version), null, 2)}\n`;
  }
}

/** `file:line:col: severity code message`, 1-based. */
function formatText(entries: readonly CliDiagnostic[]): string {
  return entries.map(({ file, diagnostic }) => {
    const { line, character } = diagnostic.range.start;
    return `${file}:${line + 1}:${character + 1}: ${severityName(diagnostic)} ${String(diagnostic.code)} ${diagnostic.message}\n`;
  }).join('');
}

/** "2 errors, 1 warning, 0 other findings in 3 files" for the terminal (stderr). */
export function summarize(entries: readonly CliDiagnostic[], files: number): string {
  const count = (severity: DiagnosticSeverity) => entries.filter((entry) => (entry.diagnostic.severity ?? 1) === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const errors = count(DiagnosticSeverity.Error);
  const warnings = count(DiagnosticSeverity.Warning);
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(entries.length - errors - warnings, 'other finding')} in ${plural(files, 'file')}\n`;
}

function toJson({ file, diagnostic }: CliDiagnostic) {
  return {
    file,
    range: diagnostic.range,
    severity: severityName(diagnostic),
    code: String(diagnostic.code),
    message: diagnostic.message,
  };
}

const sarifLevels = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function toSarif(entries: readonly CliDiagnostic[], version: string) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'spf-lens',
            version,
            informationUri: 'https://www.rfc-editor.org/rfc/rfc7208',
            rules: problemCodes.map((code: ProblemCode) => ({
              id: code,
              shortDescription: { text: problemCatalogue[code].summary },
              helpUri: referenceUrl(code),
              defaultConfiguration: { level: sarifLevels[problemCatalogue[code].severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: entries.map(({ file, diagnostic }) => ({
          ruleId: String(diagnostic.code),
          ruleIndex: problemCodes.indexOf(diagnostic.code as ProblemCode),
          level: sarifLevels[severityName(diagnostic)],
          message: { text: diagnostic.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: file.split('\\').join('/') },
                region: {
                  startLine: diagnostic.range.start.line + 1,
                  startColumn: diagnostic.range.start.character + 1,
                  endLine: diagnostic.range.end.line + 1,
                  endColumn: diagnostic.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}
