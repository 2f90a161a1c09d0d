// spf-lens command line: the same engine as the editor, for CI pipelines.
//   spf-lens lint <files or dirs...> [--format text|json|sarif] [--rule CODE=LEVEL]
// Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RuleLevel } from '../../shared/settings';
import { ruleLevels } from '../../shared/settings';
import { isZoneFileName } from './hosts/index';
import { formatReport, summarize, type CliDiagnostic, type OutputFormat } from './cli/report';
import { PositionIndex, toDiagnostics } from './features/diagnostics';
import { SpfService } from './service';

const version = '0.1.0';

const usage = `Usage: spf-lens <command> [options]

Commands:
  lint <files or dirs...>   Check SPF records in zone files (directories are searched
                            for *.zone, *.db and db.* files).

Options for lint:
  --format text|json|sarif  Output format (default: text).
  --rule CODE=LEVEL         Override a diagnostic's severity: ignore, hint, information,
                            warning or error. Repeatable.

General:
  -h, --help                Show this help.
  -v, --version             Show the version.

Exit status: 0 when no errors were found, 1 when errors were found, 2 on a usage or I/O error.`;

class UsageError extends Error {}

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`spf-lens ${version}\n`);
    return 0;
  }
  try {
    switch (command) {
      case 'lint':
        return lint(rest);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`spf-lens: ${(error as Error).message}\n\n${usage}\n`);
      return 2;
    }
    throw error;
  }
}

function parseFormat(value: string | undefined): OutputFormat {
  const format = value ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  return format;
}

function parseRules(values: readonly string[] | undefined): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  for (const value of values ?? []) {
    const [code, level] = value.split('=');
    if (!code || !(ruleLevels as readonly string[]).includes(level)) throw new UsageError(`--rule takes CODE=LEVEL with LEVEL one of ${ruleLevels.join(', ')}, not "${value}"`);
    rules[code] = level as RuleLevel;
  }
  return rules;
}

function lint(args: readonly string[]): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: 'string' }, rule: { type: 'string', multiple: true } },
  });
  const format = parseFormat(values.format);
  const rules = parseRules(values.rule);
  if (positionals.length === 0) throw new UsageError('lint needs at least one file or directory');

  const files: string[] = [];
  for (const target of positionals) {
    let stats;
    try {
      stats = statSync(target);
    } catch (error) {
      process.stderr.write(`spf-lens: cannot read ${target}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}\n`);
      return 2;
    }
    if (stats.isDirectory()) files.push(...findZoneFiles(target));
    else files.push(target);
  }

  const service = new SpfService();
  const seen = new Set<string>();
  const diagnostics: CliDiagnostic[] = [];
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
    if (!analysis) continue;
    const positions = new PositionIndex(analysis.texts);
    for (const documentUri of analysis.texts.keys()) {
      for (const diagnostic of toDiagnostics(documentUri, analysis.problems, positions, rules)) {
        const key = `${documentUri}:${diagnostic.range.start.line}:${diagnostic.range.start.character}:${diagnostic.code}:${diagnostic.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const path = documentUri === uri ? file : relative(process.cwd(), fileURLToPath(documentUri));
        diagnostics.push({ file: path, diagnostic });
      }
    }
    service.forget(uri);
  }

  process.stdout.write(formatReport(diagnostics, format, version));
  if (format === 'text') process.stderr.write(summarize(diagnostics, files.length));
  return diagnostics.some((entry) => entry.diagnostic.severity === 1) ? 1 : 0;
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

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`spf-lens: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
}
