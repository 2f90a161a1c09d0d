#!/usr/bin/env node
// `npm test`: every test of the project, in stages, with one summary line at the end.
//   node scripts/test.mjs            all stages
//   node scripts/test.mjs unit e2e   only the named stages
//   node scripts/test.mjs unit -- test/spf/parser.test.ts   one stage, some files
//   node scripts/test.mjs e2e -- --grep hover                 e2e stage, launcher options
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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
