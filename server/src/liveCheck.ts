// Live checks of a document's SPF records: lookup accounting for each record through the
// composed resolver, each record under its own hard budget, siblings in parallel. Shared by
// the language server and the CLI.

import type { DnsSettingsShape } from '../../shared/settings';
import type { DocumentAnalysis, DocumentProblem, RecordAnalysis } from './features/analysis';
import { lookupProblems } from './features/lookupDiagnostics';
import type { ComposedResolver, Resolver } from './dns/index';
import { createResolver, withBudget } from './dns/index';
import type { HostRecord } from './hosts/types';
import type { LookupResult } from './spf/lookups';
import { analyzeLookups } from './spf/lookups';

export interface LookupBudget {
  readonly maxQueries: number;
  readonly maxMs: number;
}

export const defaultLookupBudget: LookupBudget = { maxQueries: 150, maxMs: 20_000 };

export interface LiveCheckResult {
  /** Lookup results by record index. */
  readonly lookups: ReadonlyMap<number, LookupResult>;
  readonly problems: readonly DocumentProblem[];
}

/**
 * The records of this document worth resolving: receivers would select them, their owner is
 * known, and they have no syntax error (receivers return permerror before any lookup, and
 * resolving half-parsed terms would only add noise to the error that matters).
 */
export function checkableRecords(analysis: DocumentAnalysis): RecordAnalysis[] {
  return analysis.records.filter((record) => record.source.uri === analysis.uri && record.isSpf && record.source.owner !== undefined && !record.problems.some((problem) => problem.permerror));
}

export async function checkLive(
  analysis: DocumentAnalysis,
  resolver: Resolver,
  options: { signal?: AbortSignal; budget?: LookupBudget; onRecordDone?: (done: number, total: number) => void } = {},
): Promise<LiveCheckResult> {
  const records = checkableRecords(analysis);
  const lookups = new Map<number, LookupResult>();
  const problems: DocumentProblem[] = [];
  let done = 0;
  await Promise.all(records.map(async (record) => {
    const budgeted = withBudget(resolver, options.budget ?? defaultLookupBudget);
    const result = await analyzeLookups(record.source.owner!, record.source.text, { resolver: budgeted, signal: options.signal });
    lookups.set(record.index, result);
    problems.push(...lookupProblems(record, result));
    done += 1;
    options.onRecordDone?.(done, records.length);
  }));
  problems.sort((a, b) => a.range.start - b.range.start);
  return { lookups, problems };
}

/** Why no live query may be sent, or undefined when live checks may run. */
export function liveBlockedReason(dns: DnsSettingsShape, workspaceTrusted: boolean): string | undefined {
  if (!workspaceTrusted) return 'the workspace is not trusted';
  if (!dns.live) return 'live DNS lookups are turned off (spfLens.dns.live)';
  return undefined;
}

/** The one notice per file that live checks did not run, on the document's first SPF record. */
export function liveOffProblem(analysis: DocumentAnalysis, reason: string): DocumentProblem | undefined {
  const first = analysis.records.find((record) => record.source.uri === analysis.uri && record.isSpf);
  if (!first) return undefined;
  const span = first.record.versionSpan;
  return {
    code: 'spf-live-off',
    severity: 'information',
    uri: analysis.uri,
    range: first.source.map.range(span.offset, span.length),
    message: `No DNS query was sent because ${reason}, so lookup counts, include targets and void lookups in this file are not checked.`,
    related: [],
  };
}

/**
 * Long-lived resolvers keyed by their DNS settings, so the answer cache and in-flight
 * de-duplication are shared by every document and command that uses the same settings.
 */
export class ResolverPool {
  private readonly resolvers = new Map<string, ComposedResolver>();

  constructor(private readonly workspaceRecords: () => readonly HostRecord[]) {}

  /** The resolver for normalised settings (see normalizeSettings / DnsSettings.from). */
  get(dns: DnsSettingsShape): ComposedResolver {
    const key = JSON.stringify(dns);
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      resolver = createResolver(dns, { workspaceRecords: this.workspaceRecords });
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }

  clear(): void {
    for (const resolver of this.resolvers.values()) resolver.clearCache();
  }
}
