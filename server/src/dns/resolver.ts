// The DNS seam. The SPF engine asks every question through `Resolver`; implementations
// (live node:dns, workspace overlay, cache, budget) live beside this file and are composed
// by the server or the CLI. Nothing here throws for a DNS outcome: failures are answers.

export type RecordType = 'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR';

export interface MxRecord {
  readonly priority: number;
  readonly exchange: string;
}

/** The record data each query type yields. A TXT record is its list of character-strings. */
export interface RecordData {
  TXT: readonly string[];
  A: string;
  AAAA: string;
  MX: MxRecord;
  PTR: string;
}

/** Where an answer came from, so hovers can say "from db.example.com line 12" or "from 192.0.2.53". */
export type AnswerSource =
  | { readonly kind: 'workspace'; readonly uri: string; readonly line: number }
  | { readonly kind: 'live'; readonly server: string }
  | { readonly kind: 'none' };

export type DnsAnswer<T extends RecordType = RecordType> =
  | { readonly kind: 'ok'; readonly records: readonly RecordData[T][]; readonly ttl: number; readonly source: AnswerSource }
  /** The name does not exist (RCODE 3). A void lookup for SPF accounting. */
  | { readonly kind: 'nxdomain'; readonly source: AnswerSource }
  /** The name exists but has no record of this type. Also a void lookup. */
  | { readonly kind: 'nodata'; readonly source: AnswerSource }
  /** No answer within the time allowed. SPF turns this into temperror. */
  | { readonly kind: 'timeout'; readonly source: AnswerSource; readonly waitedMs: number }
  /** SERVFAIL, REFUSED, a malformed answer, a budget stop, or any other failure. SPF: temperror. */
  | { readonly kind: 'error'; readonly source: AnswerSource; readonly detail: string };

export interface ResolveOptions {
  /** Aborted when the answer is no longer wanted (the document changed, the command was cancelled). */
  readonly signal?: AbortSignal;
}

export interface Resolver {
  resolve<T extends RecordType>(name: string, type: T, options?: ResolveOptions): Promise<DnsAnswer<T>>;
}

/** The last path segment of a URI, decoded, as people read it ("db.example.com"). */
export function uriFileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** True for the answers RFC 7208 §4.6.4 calls void lookups. */
export function isVoid(answer: DnsAnswer): boolean {
  return answer.kind === 'nxdomain' || answer.kind === 'nodata';
}

/** True for the answers that make an SPF evaluation a temperror. */
export function isFailure(answer: DnsAnswer): answer is Extract<DnsAnswer, { kind: 'timeout' | 'error' }> {
  return answer.kind === 'timeout' || answer.kind === 'error';
}
