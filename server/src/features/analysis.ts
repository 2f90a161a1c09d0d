// The document model every feature works from: the host document's SPF records, each parsed
// and checked once per document version, and every static problem mapped to document offsets.

import type { HostEnvironment, HostFormat } from '../hosts/index';
import { hostFormatFor } from '../hosts/index';
import type { HostDocument, OffsetRange, SpfSource } from '../hosts/types';
import { lintRecord } from '../spf/checks';
import type { SpfRecord } from '../spf/model';
import type { Problem, ProblemCode, ProblemData, Severity } from '../spf/problems';
import { severityOf } from '../spf/problems';
import { checkRecordSet } from '../spf/recordSet';
import { isSpfRecord } from '../spf/version';

export interface RecordAnalysis {
  /** Position in `DocumentAnalysis.records`. */
  readonly index: number;
  readonly source: SpfSource;
  readonly record: SpfRecord;
  /** Static problems, in record-text offsets. */
  readonly problems: readonly Problem[];
  /** Receivers select it as an SPF record (exactly "v=spf1" then space or end). */
  readonly isSpf: boolean;
}

export interface RelatedLocation {
  readonly uri: string;
  readonly range: OffsetRange;
  readonly message: string;
}

/** Payload a diagnostic carries for its quick fixes. */
export interface FixData {
  readonly recordIndex: number;
  /** The finding's span in the record text. */
  readonly offset: number;
  readonly length: number;
  readonly fix?: ProblemData;
}

/** A problem located in a document (document offsets), ready to become a diagnostic. */
export interface DocumentProblem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly uri: string;
  readonly range: OffsetRange;
  readonly message: string;
  readonly related: readonly RelatedLocation[];
  readonly data?: FixData;
}

export interface DocumentAnalysis {
  readonly uri: string;
  readonly format: HostFormat;
  readonly host: HostDocument;
  /** Text of this document and of every file it includes, by URI. */
  readonly texts: ReadonlyMap<string, string>;
  readonly records: readonly RecordAnalysis[];
  readonly problems: readonly DocumentProblem[];
}

export function analyzeDocument(uri: string, languageId: string | undefined, text: string, env: HostEnvironment): DocumentAnalysis | undefined {
  const format = hostFormatFor(uri, languageId);
  if (!format) return undefined;
  const texts = new Map<string, string>([[uri, text]]);
  const recordingEnv: HostEnvironment = {
    collectRecords: env.collectRecords,
    readFile: (includeUri) => {
      const included = env.readFile(includeUri);
      if (included !== undefined) texts.set(includeUri, included);
      return included;
    },
  };
  const host = format.parse(uri, text, recordingEnv);
  return analyzeHostDocument(uri, format, host, texts);
}

export function analyzeHostDocument(uri: string, format: HostFormat, host: HostDocument, texts: ReadonlyMap<string, string>): DocumentAnalysis {
  const records = host.spf.map((source, index): RecordAnalysis => {
    const { record, problems } = lintRecord(source.text, { strings: source.strings });
    return { index, source, record, problems, isSpf: isSpfRecord(source.text) };
  });

  const problems: DocumentProblem[] = host.problems.map((problem) => ({
    code: problem.code as ProblemCode,
    severity: problem.severity,
    uri: problem.uri,
    range: { start: problem.offset, end: problem.offset + problem.length },
    message: problem.message,
    related: [],
  }));
  for (const analysis of records) {
    for (const problem of analysis.problems) problems.push(locateProblem(analysis, problem));
  }
  problems.push(...recordSetProblems(records));
  problems.sort((a, b) => (a.uri === b.uri ? a.range.start - b.range.start : a.uri < b.uri ? -1 : 1));
  return { uri, format, host, texts, records, problems };
}

/** Maps a record-text problem to the document. */
export function locateProblem(analysis: RecordAnalysis, problem: Problem): DocumentProblem {
  const { source } = analysis;
  return {
    code: problem.code,
    severity: severityOf(problem),
    uri: source.uri,
    range: source.map.range(problem.offset, problem.length),
    message: problem.message,
    related: (problem.related ?? []).map((related) => ({ uri: source.uri, range: source.map.range(related.offset, related.length), message: related.message })),
    data: { recordIndex: analysis.index, offset: problem.offset, length: problem.length, fix: problem.data },
  };
}

function versionRange(analysis: RecordAnalysis): OffsetRange {
  const span = analysis.record.versionSpan;
  return analysis.source.map.range(span.offset, Math.max(span.length, 1));
}

function describeOwner(source: SpfSource): string {
  return source.owner ?? source.ownerText;
}

function recordSetProblems(records: readonly RecordAnalysis[]): DocumentProblem[] {
  const findings = checkRecordSet(records.map((analysis) => ({ owner: analysis.source.owner, rrtype: analysis.source.rrtype, text: analysis.source.text })));
  return findings.map((finding): DocumentProblem => {
    const analysis = records[finding.index];
    const { source } = analysis;
    const base = { uri: source.uri, range: versionRange(analysis), data: { recordIndex: analysis.index, offset: analysis.record.versionSpan.offset, length: analysis.record.versionSpan.length } };
    if (finding.kind === 'multiple') {
      return {
        ...base,
        code: 'spf-multiple-records',
        severity: 'error',
        message: `${describeOwner(source)} publishes ${finding.others.length + 1} SPF records. Receivers must return permerror when a name has more than one, so every message from this domain fails SPF. Merge them into one record.`,
        related: finding.others.map((other) => ({ uri: records[other].source.uri, range: versionRange(records[other]), message: 'another SPF record at the same name' })),
      };
    }
    const txt = finding.txt === undefined ? undefined : records[finding.txt];
    let message: string;
    if (!txt) {
      message = `The obsolete SPF (type 99) record is the only SPF record at ${describeOwner(source)}, but receivers only look up TXT (RFC 7208 §3.1), so this domain has no SPF policy. Publish it as a TXT record.`;
    } else if (finding.differs) {
      message = `This SPF (type 99) record differs from the TXT record at ${describeOwner(source)}. Receivers only use TXT (RFC 7208 §3.1), so this one is ignored and may mislead whoever edits it. Remove it.`;
    } else {
      message = 'SPF (type 99) records are obsolete (RFC 7208 §3.1); receivers only look up TXT. Remove it to avoid the two drifting apart.';
    }
    return {
      ...base,
      code: 'spf-type99',
      severity: finding.differs ? 'error' : 'warning',
      message,
      related: txt ? [{ uri: txt.source.uri, range: versionRange(txt), message: 'the TXT SPF record' }] : [],
    };
  });
}
