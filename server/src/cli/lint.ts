// `spf-lens lint <files or dirs...>`: the editor's diagnostics for zone files, static and live.

import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleLevel } from '../../../shared/settings';
import { ruleLevels } from '../../../shared/settings';
import type { DocumentProblem } from '../features/analysis';
import { PositionIndex, toDiagnostics } from '../features/diagnostics';
import { checkLive, liveBlockedReason, liveOffProblem, ResolverPool } from '../liveCheck';
import { UsageError, dnsOptions, dnsSettingsFrom, formatFrom, parse } from './args';
import type { CliDiagnostic } from './report';
import { formatReport, summarize } from './report';
import { expandZonePaths, readZoneFiles } from './zoneFiles';

function parseRules(values: readonly string[] | undefined): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  for (const value of values ?? []) {
    const [code, level] = value.split('=');
    if (!code || !(ruleLevels as readonly string[]).includes(level)) throw new UsageError(`--rule takes CODE=LEVEL with LEVEL one of ${ruleLevels.join(', ')}, not "${value}"`);
    rules[code] = level as RuleLevel;
  }
  return rules;
}

export async function lint(args: readonly string[], version: string): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, rule: { type: 'string', multiple: true }, ...dnsOptions });
  const format = formatFrom(values.format, ['text', 'json', 'sarif']);
  const rules = parseRules(values.rule);
  const dns = dnsSettingsFrom(values);
  if (positionals.length === 0) throw new UsageError('lint needs at least one file or directory');

  const files = expandZonePaths(positionals);
  // Read and analyse every file first: their records answer each other's lookups (the workspace overlay).
  const blocked = liveBlockedReason(dns, true);
  // Offline, nothing asks the overlay, so the records need not be collected (large zones lint faster).
  const { zones: analyses, records: workspace } = readZoneFiles(files, { collectRecords: !blocked });

  const resolvers = new ResolverPool(workspace.records);
  const extras = await Promise.all(analyses.map(async ({ analysis }): Promise<readonly DocumentProblem[]> => {
    if (blocked) {
      const notice = liveOffProblem(analysis, 'the --offline flag was given');
      return notice ? [notice] : [];
    }
    return (await checkLive(analysis, resolvers.get(dns))).problems;
  }));

  const seen = new Set<string>();
  const diagnostics: CliDiagnostic[] = [];
  analyses.forEach(({ file, uri, analysis }, index) => {
    const positions = new PositionIndex(analysis.texts);
    const problems = [...analysis.problems, ...extras[index]].sort((a, b) => a.range.start - b.range.start);
    for (const documentUri of analysis.texts.keys()) {
      for (const diagnostic of toDiagnostics(documentUri, problems, positions, rules)) {
        const key = `${documentUri}:${diagnostic.range.start.line}:${diagnostic.range.start.character}:${diagnostic.code}:${diagnostic.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push({ file: documentUri === uri ? file : relative(process.cwd(), fileURLToPath(documentUri)), diagnostic });
      }
    }
  });

  process.stdout.write(formatReport(diagnostics, format, version));
  if (format === 'text') process.stderr.write(summarize(diagnostics, files.length));
  return diagnostics.some((entry) => entry.diagnostic.severity === 1) ? 1 : 0;
}
