// The trace of one check_host() evaluation: every record fetched, term tried, query asked and
// answer received, in order, with nesting depth and term spans so the editor can link steps to
// record text. Also its two renderings: text for a mail admin, and JSON for the CLI.

import type { AnswerSource, RecordType } from '../dns/resolver';
import { uriFileName } from '../dns/resolver';
import type { Span } from './model';

export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

export type Identity = 'mailfrom' | 'helo';

/** A term of a fetched record: its text and its span in that record's text. */
export interface TermRef {
  readonly text: string;
  readonly span: Span;
}

interface StepBase {
  /** 0 for the checked domain's record, +1 for each include or redirect. */
  readonly depth: number;
  /** The domain whose record is being evaluated (check_host()'s <domain> at this depth). */
  readonly domain: string;
}

/** The SPF record of `domain` was looked for: the one selected, or why there is none. */
export interface RecordStep extends StepBase {
  readonly kind: 'record';
  readonly via: 'top' | 'include' | 'redirect';
  /** The selected record; its terms' spans are offsets into this text. */
  readonly record: string | undefined;
  readonly source: AnswerSource | undefined;
  /** Why there is no usable record (no TXT, no v=spf1, two records, syntax error). */
  readonly problem: string | undefined;
}

export type AnswerKind = 'ok' | 'nxdomain' | 'nodata' | 'timeout' | 'error';

/** One DNS question and its answer. */
export interface QueryStep extends StepBase {
  readonly kind: 'query';
  readonly name: string;
  readonly type: RecordType;
  readonly answer: AnswerKind;
  /** The records, as text: addresses, "10 mx.example.com", host names, TXT strings joined. */
  readonly records: readonly string[];
  readonly source: AnswerSource | undefined;
  /** Timeout or error detail. */
  readonly detail: string | undefined;
  /** Set when this answer counted as a void lookup (§4.6.4): the count after it. */
  readonly voidLookup: { readonly count: number; readonly limit: number } | undefined;
}

/** A term is about to be evaluated. */
export interface TermStep extends StepBase {
  readonly kind: 'term';
  readonly term: TermRef;
  /** Set for terms that count toward the DNS lookup limit: the count including this term. */
  readonly lookup: { readonly count: number; readonly limit: number } | undefined;
  /** The target name after macro expansion, when the term has one. */
  readonly target: string | undefined;
}

/** A term's outcome. */
export interface MatchStep extends StepBase {
  readonly kind: 'match';
  readonly term: TermRef;
  readonly matched: boolean;
  /** The qualifier's result when the term matched. */
  readonly result: SpfResult | undefined;
  readonly detail: string;
}

/** check_host() at this depth finished. */
export interface ResultStep extends StepBase {
  readonly kind: 'result';
  readonly result: SpfResult;
  readonly reason: string;
}

/** The explanation of a fail (§6.2): from exp=, or the receiver's default. */
export interface ExplanationStep extends StepBase {
  readonly kind: 'explanation';
  readonly from: 'exp' | 'default';
  /** The exp= target name. */
  readonly target: string | undefined;
  /** The explanation, when one was produced. */
  readonly text: string | undefined;
  /** Why exp= was ignored, when it was. */
  readonly detail: string | undefined;
}

/** Anything else worth telling: a name that could not be queried, a limit reached, a skipped PTR name. */
export interface NoteStep extends StepBase {
  readonly kind: 'note';
  readonly detail: string;
  readonly term: TermRef | undefined;
}

export type TraceStep = RecordStep | QueryStep | TermStep | MatchStep | ResultStep | ExplanationStep | NoteStep;

/** A check_host() result as formatTrace and traceToJson read it. */
export interface TracedResult {
  readonly result: SpfResult;
  /** One sentence saying why. */
  readonly reason: string;
  /** For fail only: the exp= text, or the default explanation. */
  readonly explanation: string | undefined;
  readonly identity: Identity;
  /** The <domain> checked: the sender's domain, or the HELO name. */
  readonly domain: string;
  /** The <sender> used, after the postmaster substitutions. */
  readonly sender: string;
  readonly helo: string;
  /** The client address as given. */
  readonly ip: string;
  /** DNS-querying terms evaluated (one past the limit when the limit ended the check). */
  readonly lookups: number;
  readonly voidLookups: number;
  readonly maxLookups: number;
  readonly maxVoidLookups: number;
  readonly trace: readonly TraceStep[];
}

export function describeSource(source: AnswerSource | undefined): string | undefined {
  if (!source) return undefined;
  switch (source.kind) {
    // The file name reads better than a full URI in a trace; the line says where in it.
    case 'workspace': return `${uriFileName(source.uri)}:${source.line + 1}`;
    case 'live': return source.server;
    case 'none': return undefined;
  }
}

function quote(text: string): string {
  return JSON.stringify(text);
}

const answerWords: Record<Exclude<AnswerKind, 'ok'>, string> = {
  nxdomain: 'NXDOMAIN (no such name)',
  nodata: 'no records of this type',
  timeout: 'timed out',
  error: 'failed',
};

/** Says where an answer came from only when that changes, so a trace from one server is not "from X" on every line. */
type SourceNamer = (source: AnswerSource | undefined) => string | undefined;

const everySource: SourceNamer = describeSource;

function sourceChanges(): SourceNamer {
  let last: string | undefined;
  return (source) => {
    const described = describeSource(source);
    if (described === last) return undefined;
    last = described;
    return described;
  };
}

function queryExtras(step: QueryStep, nameSource: SourceNamer): string[] {
  const extras: string[] = [];
  if (step.voidLookup) extras.push(`void lookup ${step.voidLookup.count} of ${step.voidLookup.limit}`);
  const source = nameSource(step.source);
  if (source) extras.push(`from ${source}`);
  return extras;
}

function bracket(extras: readonly string[]): string {
  return extras.length ? `  [${extras.join('; ')}]` : '';
}

function formatQuery(step: QueryStep, nameSource: SourceNamer = everySource): string {
  let answer: string;
  if (step.answer === 'ok') {
    const shown = step.type === 'TXT' ? step.records.map(quote) : step.records;
    answer = shown.length === 0 ? 'no records' : shown.join(', ');
  } else {
    answer = answerWords[step.answer] + (step.detail ? `: ${step.detail}` : '');
  }
  return `${step.type} ${step.name} → ${answer}${bracket(queryExtras(step, nameSource))}`;
}

function formatRecord(step: RecordStep, fetch: QueryStep | undefined, nameSource: SourceNamer = everySource): string {
  const via = step.via === 'top' ? '' : ` (${step.via})`;
  const extras = fetch ? queryExtras(fetch, nameSource) : [];
  if (step.record !== undefined) {
    const others = fetch && fetch.answer === 'ok' ? fetch.records.length - 1 : 0;
    if (others > 0) extras.unshift(`${others} other TXT record${others === 1 ? '' : 's'} ignored`);
    return `${step.domain}${via}: ${quote(step.record)}${bracket(extras)}`;
  }
  return `${step.domain}${via}: ${step.problem ?? 'no SPF record'}${bracket(extras)}`;
}

function formatTerm(step: TermStep): string {
  const extras: string[] = [];
  if (step.target !== undefined) extras.push(`target ${step.target}`);
  if (step.lookup) extras.push(`lookup ${step.lookup.count} of ${step.lookup.limit}`);
  return `${step.term.text}${bracket(extras)}`;
}

function formatVerdict(step: MatchStep): string {
  const verdict = step.matched ? `matched: ${step.result}` : 'no match';
  return `→ ${verdict}${step.detail ? ` (${step.detail})` : ''}`;
}

/** Indentation: a record at 4×depth, its terms 2 deeper, a term's queries, outcome and included records 4 deeper. */
function formatStep(step: TraceStep): { indent: number; text: string } {
  const record = step.depth * 4;
  switch (step.kind) {
    case 'record': return { indent: record, text: formatRecord(step, undefined) };
    case 'query': return { indent: record + 4, text: formatQuery(step) };
    case 'term': return { indent: record + 2, text: formatTerm(step) };
    case 'match': return { indent: record + 4, text: formatVerdict(step) };
    case 'result': return { indent: record, text: `${step.domain} → ${step.result}: ${step.reason}` };
    case 'explanation': {
      const from = step.from === 'exp' ? `exp=${step.target ?? ''}` : 'default explanation';
      const text = step.text !== undefined ? `${from}: ${quote(step.text)}` : `${from} ignored: ${step.detail ?? ''}`;
      return { indent: record, text };
    }
    case 'note': return { indent: record + 4, text: step.detail };
  }
}

const sameTerm = (a: TermStep, b: TraceStep): b is MatchStep =>
  b.kind === 'match' && b.depth === a.depth && b.term.span.offset === a.term.span.offset;

/** The trace as lines a mail admin can read, nesting shown by indentation. */
export function formatTrace(result: TracedResult): string {
  const identity = result.identity === 'helo'
    ? `the HELO identity ${result.domain} (sender ${result.sender})`
    : `MAIL FROM ${result.sender}, HELO ${result.helo || '(none)'}`;
  const lines = [`SPF check of ${result.ip} for ${identity}`];
  const push = (indent: number, text: string): void => {
    lines.push(`${' '.repeat(indent)}${text}`);
  };
  const steps = result.trace;
  const nameSource = sourceChanges();
  for (let i = 0; i < steps.length; i += 1) {
    const step = steps[i];
    const next = steps[i + 1];
    // A record's own TXT lookup reads best folded into the record line.
    if (step.kind === 'query' && step.type === 'TXT' && next?.kind === 'record' && next.depth === step.depth && next.domain === step.domain) {
      push(next.depth * 4, formatRecord(next, step, nameSource));
      i += 1;
      continue;
    }
    // A term decided without DNS reads best on one line with its outcome.
    if (step.kind === 'term' && next && sameTerm(step, next)) {
      push(step.depth * 4 + 2, `${formatTerm(step)} ${formatVerdict(next)}`);
      i += 1;
      continue;
    }
    if (step.kind === 'query') {
      push(step.depth * 4 + 4, formatQuery(step, nameSource));
      continue;
    }
    const { indent, text } = formatStep(step);
    push(indent, text);
  }
  lines.push(`Result: ${result.result} — ${result.reason}`);
  if (result.explanation !== undefined) lines.push(`Explanation: ${result.explanation}`);
  lines.push(`DNS lookups: ${result.lookups} of ${result.maxLookups}; void lookups: ${result.voidLookups} of ${result.maxVoidLookups}`);
  return lines.join('\n');
}

export interface TraceJson {
  readonly result: SpfResult;
  readonly explanation: string | null;
  readonly identity: Identity;
  readonly domain: string;
  readonly sender: string;
  readonly helo: string;
  readonly ip: string;
  readonly reason: string;
  readonly lookups: number;
  readonly voidLookups: number;
  readonly trace: readonly (TraceStep & { readonly text: string })[];
}

/** The CLI's JSON: `{result, explanation, identity, lookups, voidLookups, trace}` plus context; each step gains its text line. */
export function traceToJson(result: TracedResult): TraceJson {
  return {
    result: result.result,
    explanation: result.explanation ?? null,
    identity: result.identity,
    domain: result.domain,
    sender: result.sender,
    helo: result.helo,
    ip: result.ip,
    reason: result.reason,
    lookups: result.lookups,
    voidLookups: result.voidLookups,
    trace: result.trace.map((step) => ({ ...step, text: formatStep(step).text })),
  };
}
