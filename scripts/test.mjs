#!/usr/bin/env node
// `npm test`: every test of the project, in stages, with one summary line at the end.
//   node scripts/test.mjs            all stages
//   node scripts/test.mjs unit e2e   only the named stages
//   node scripts/test.mjs unit -- test/spf/parser.test.ts   one stage, some files
//   node scripts/test.mjs grammar -- test/grammar/zone/spf.test.zone   grammar tests, some files
//   node scripts/test.mjs e2e -- --grep hover                 e2e stage, launcher options
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST_GRAMMARS } from './grammars/hosts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Hermetic tests: the live resolver refuses any DNS server but loopback in every process we start.
process.env.SPF_LENS_LOOPBACK_ONLY = '1';
process.chdir(root);
mkdirSync('test-results', { recursive: true });

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function findTests(dir, skip) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (!skip.includes(relative(root, path))) found.push(...findTests(path, skip));
    } else if (entry.endsWith('.test.ts')) {
      found.push(relative(root, path));
    }
  }
  return found.sort();
}

/** Runs node's test runner over TypeScript files and reads the counts from its TAP summary. */
function nodeTests(name, files) {
  const tap = `test-results/${name}.tap`;
  const status = run(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number(summary.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled') + (status !== 0 && count('fail') === 0 ? 1 : 0);
  return { passed, failed };
}

/** Assertion lines vscode-tmgrammar-test would not parse. Its parser backtracks for minutes
 * on such a line (two " - " exclusion groups, say), so they are rejected up front. */
function badAssertionLines(paths) {
  const bad = [];
  for (const path of paths) {
    const lines = readFileSync(path, 'utf8').split(/\r?\n/);
    const comment = lines[0].split(/\s/)[0];
    lines.forEach((line, index) => {
      if (index === 0 || !line.startsWith(comment)) return;
      const marker = line.slice(comment.length).match(/^\s*(?:(?:\^+\s*)+|<~*-+)(.*)$/);
      if (!marker) return;
      const words = marker[1].trim().split(/\s+/).filter(Boolean);
      const dashes = words.filter((word) => word === '-').length;
      const scopes = words.filter((word) => word !== '-');
      if (dashes > 1 || !scopes.length || scopes.some((word) => !/^\w[-\w.]*$/.test(word))) {
        bad.push(`${path}:${index + 1}: ${line}`);
      }
    });
  }
  return bad;
}

function grammarTestFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...grammarTestFiles(path));
    else if (/\.test\.[^.]+$/.test(entry)) found.push(relative(root, path));
  }
  return found.sort();
}

/** TextMate grammars: the generated files are current, a static check of every grammar
 * (JSON, regexes, includes), then vscode-tmgrammar-test over test/grammar/. Each asserted
 * source line is one test case, counted from the tool's xunit report. */
function grammarTests(files) {
  let passed = 0;
  let failed = 0;
  if (run(process.execPath, ['scripts/grammars/build.mjs', '--check']) === 0) passed++;
  else failed++;

  const check = spawnSync(process.execPath, ['scripts/grammars/check.mjs'], { encoding: 'utf8' });
  process.stdout.write(check.stdout);
  process.stderr.write(check.stderr);
  const checks = check.stdout.match(/^(\d+) checks passed, (\d+) failed$/m);
  passed += Number(checks?.[1] ?? 0);
  failed += checks ? Number(checks[2]) : 1;

  const testFiles = files.length ? files : grammarTestFiles('test/grammar');
  const bad = badAssertionLines(testFiles);
  if (bad.length) {
    console.error(`assertion lines vscode-tmgrammar-test cannot parse:\n${bad.join('\n')}`);
    return { passed, failed: failed + bad.length };
  }
  const report = 'test-results/grammar';
  rmSync(report, { recursive: true, force: true });
  const status = run(process.execPath, [
    'node_modules/vscode-tmgrammar-test/dist/unit.js',
    ...HOST_GRAMMARS.flatMap((path) => ['-g', path]),
    '--xunit-report', report,
    ...testFiles,
  ]);
  let cases = 0;
  let failedCases = 0;
  for (const file of existsSync(report) ? readdirSync(report) : []) {
    const xml = readFileSync(join(report, file), 'utf8');
    for (const testcase of xml.matchAll(/<testcase\b[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
      cases++;
      if (/<(?:failure|error)\b/.test(testcase[1] ?? '')) failedCases++;
    }
  }
  passed += cases - failedCases;
  failed += failedCases + (status !== 0 && failedCases === 0 ? 1 : 0);
  return { passed, failed };
}

/**
 * The real-editor suite in code-server (test/e2e/launch-code-server.mjs), once with a trusted
 * workspace and once untrusted; installs code-server first if needed (about a minute, once).
 */
function e2eTests(launcherArgs) {
  if (run(process.execPath, ['scripts/setup-code-server.mjs']) !== 0) return { passed: 0, failed: 1 };
  let passed = 0;
  let failed = 0;
  for (const [label, extra] of [['e2e', []], ['e2e-untrusted', ['--untrusted']]]) {
    const status = run(process.execPath, ['test/e2e/launch-code-server.mjs', '--label', label, ...extra, ...launcherArgs]);
    const resultsPath = `test-results/${label}.json`;
    const summary = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : { passed: 0, failed: 1 };
    passed += summary.passed;
    failed += summary.failed + (status !== 0 && summary.failed === 0 ? 1 : 0);
  }
  return { passed, failed };
}

const stages = {
  build: () => ({ passed: 0, failed: run('node', ['esbuild.mjs']) === 0 ? 0 : 1 }),
  typecheck: () => ({ passed: 0, failed: run('npx', ['tsc', '--noEmit', '-p', '.']) === 0 ? 0 : 1 }),
  lint: () => ({ passed: 0, failed: run('npx', ['eslint', '.']) === 0 ? 0 : 1 }),
  unit: (files) => nodeTests('unit', files.length ? files : findTests('test', ['test/e2e'])),
  grammar: (files) => grammarTests(files),
  e2e: (args) => e2eTests(args),
};

const argv = process.argv.slice(2);
const dashdash = argv.indexOf('--');
const names = (dashdash >= 0 ? argv.slice(0, dashdash) : argv);
const files = dashdash >= 0 ? argv.slice(dashdash + 1) : [];
const selected = names.length ? names : Object.keys(stages);

let passed = 0;
let failed = 0;
const failures = [];
for (const name of selected) {
  const stage = stages[name];
  if (!stage) {
    console.error(`unknown test stage "${name}"; stages are: ${Object.keys(stages).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  const result = stage(files);
  passed += result.passed;
  failed += result.failed;
  if (result.failed) failures.push(name);
}
console.log(`\n${passed} passed, ${failed} failed${failures.length ? ` (failing stages: ${failures.join(', ')})` : ''}`);
process.exit(failed ? 1 : 0);
