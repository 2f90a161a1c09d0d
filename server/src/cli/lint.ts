// `spf-lens lint <files or dirs...>`: the editor's diagnostics for zone files, static and live.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RuleLevel } from '../../../shared/settings';
import { ruleLevels } from '../../../shared/settings';
import type { DocumentAnalysis, DocumentProblem } from '../features/analysis';
import { PositionIndex, toDiagnostics } from '../features/diagnostics';
import { isZoneFileName } from '../hosts/index';
import { checkLive, liveBlockedReason, liveOffProblem, ResolverPool } from '../liveCheck';
import { SpfService } from '../service';
import { WorkspaceRecords } from '../workspaceRecords';
import { UsageError, dnsOptions, dnsSettingsFrom, formatFrom, parse } from './args';
import type { CliDiagnostic } from './report';
import { formatReport, summarize } from './report';

function parseRules(values: readonly string[] | undefined): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  for (const value of values ?? []) {
    const [code, level] = value.split('=');
    if (!code || !(ruleLevels as readonly string[]).includes(level)) throw new UsageError(`--rule takes CODE=LEVEL with LEVEL one of ${ruleLevels.join(', ')}, not "${value}"`);
    rules[code] = level as RuleLevel;
  }
  return rules;
}

function findZoneFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = `${directory.replace(/\/+$/, '')}/${entry.name}`;
    if (entry.isDirectory()) found.push(...findZoneFiles(path));
    else if (entry.isFile() && isZoneFileName(entry.name)) found.push(path);
  }
  return found;
}

export async function lint(args: readonly string[], version: string): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, rule: { type: 'string', multiple: true }, ...dnsOptions });
  const format = formatFrom(values.format, ['text', 'json', 'sarif']);
  const rules = parseRules(values.rule);
  const dns = dnsSettingsFrom(values);
  if (positionals.length === 0) throw new UsageError('lint needs at least one file or directory');

  const files: string[] = [];
  for (const target of positionals) {
    try {
      if (statSync(target).isDirectory()) files.push(...findZoneFiles(target));
      else files.push(target);
    } catch (error) {
      process.stderr.write(`spf-lens: cannot read ${target}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}\n`);
      return 2;
    }
  }

  // Read and analyse every file first: their records answer each other's lookups (the workspace overlay).
  const service = new SpfService();
  const workspace = new WorkspaceRecords();
  const analyses: { file: string; uri: string; analysis: DocumentAnalysis }[] = [];
  for (const file of files) {
    const uri = pathToFileURL(resolve(file)).href;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`spf-lens: cannot read ${file}: ${(error as Error).message}\n`);
      return 2;
    }
    // Files named on the command line are zone files whatever their name.
    const analysis = service.analyze(uri, 'dns-zone', 0, text);
    service.forget(uri);
    if (!analysis) continue;
    workspace.set(uri, analysis.host.records);
    analyses.push({ file, uri, analysis });
  }

  const blocked = liveBlockedReason(dns, true);
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
