#!/usr/bin/env node
// `npm run bench`: speed measured as ratios against baselines taken in the same run (never as
// timed assertions in tests). Runs each benchmark in its own process and prints one table.
//   1. Zone lint (issue 3): `spf-lens lint --offline` on a 100,000-record zone vs named-checkzone.
//   2. Lookup fan-out (issue 4): analyzeLookups over a realistic include tree with 20 ms per DNS
//      answer vs the same questions asked one by one and vs the critical-path bound.
//   node scripts/bench.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
// The lookup benchmark talks only to its own loopback DNS server; make that a hard rule.
process.env.SPF_LENS_LOOPBACK_ONLY = '1';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runArgs = values.runs ? ['--runs', values.runs] : [];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Builds dist/ when it is missing or older than the sources it is built from. */
function ensureBuild() {
  const built = existsSync('dist/cli.js') ? statSync('dist/cli.js').mtimeMs : 0;
  const sources = Math.max(...['server/src', 'shared', 'esbuild.mjs', 'package.json'].map(newest));
  if (built >= sources) return;
  console.log('Building dist/ (node esbuild.mjs) ...');
  if (spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' }).status !== 0) {
    console.error('bench: the build failed');
    process.exit(2);
  }
}

function onPath(command) {
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/usr/bin']);
  return dirs.map((dir) => join(dir, command)).find((path) => existsSync(path));
}

/** named-checkzone's path, installing Debian's bind9-utils when we may; or why the comparison is skipped. */
function ensureNamedCheckzone() {
  const found = onPath('named-checkzone');
  if (found) return { path: found };
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !onPath('apt-get')) {
    return { skip: `named-checkzone is not installed (Debian package bind9-utils) and ${isRoot ? 'apt-get is not available' : 'installing it needs root'}` };
  }
  console.log('named-checkzone is not installed: installing the Debian package bind9-utils (apt-get install -y bind9-utils) ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', 'bind9-utils'], { stdio: 'inherit', env }).status === 0;
  if (!install()) {
    console.log('apt-get install failed; updating the package lists (apt-get update) and trying once more ...');
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    install();
  }
  const installed = onPath('named-checkzone');
  return installed ? { path: installed } : { skip: 'installing bind9-utils failed, see the apt-get output above' };
}

/** Runs one benchmark file under tsx; its last stdout line is its result as JSON. */
function runBenchmark(file, args) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    // A benchmark that hangs is killed rather than left behind.
    timeout: 120_000,
  });
  const last = run.stdout?.trim().split('\n').pop();
  if (run.status !== 0 || !last) {
    console.error(`bench: ${file} failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`})`);
    return undefined;
  }
  return JSON.parse(last);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const msText = (value) => `${value.toFixed(1)} ms`;

const started = Date.now();
ensureBuild();
const named = ensureNamedCheckzone();
if (named.skip) console.log(`Skipping the named-checkzone comparison: ${named.skip}.`);

console.log('');
const zone = runBenchmark('bench/zoneLint.ts', [...runArgs, ...(named.path ? ['--named-checkzone', named.path] : [])]);
const fanout = runBenchmark('bench/lookupFanout.ts', runArgs);

// One row per comparison: what we measured, the baseline, our time ÷ the baseline, and the goal.
const rows = [];
if (zone) {
  const ours = median(zone.oursMs);
  const label = `zone lint, ${zone.records.toLocaleString('en-US')} records (${(zone.bytes / 1e6).toFixed(1)} MB)`;
  if (zone.namedCheckzoneMs) {
    const baseline = median(zone.namedCheckzoneMs);
    rows.push([label, msText(ours), `named-checkzone ${msText(baseline)}`, ours / baseline, 1.0]);
  } else {
    rows.push([label, msText(ours), `named-checkzone skipped`, undefined, 1.0]);
  }
}
if (fanout) {
  const ours = median(fanout.oursMs);
  const bound = fanout.depth * fanout.latencyMs;
  const label = `lookup fan-out, ${fanout.queries} queries, ${fanout.latencyMs} ms each`;
  rows.push([label, msText(ours), `critical path ${fanout.depth} × ${fanout.latencyMs} ms = ${msText(bound)}`, ours / bound, 1.3]);
  rows.push(['', '', `sequential ${msText(median(fanout.sequentialMs))}`, ours / median(fanout.sequentialMs), undefined]);
}

const header = ['benchmark (median of runs)', 'spf-lens', 'baseline (same run)', 'ratio', 'goal'];
const cells = rows.map(([label, ours, baseline, ratio, goal]) => [
  label,
  ours,
  baseline,
  ratio === undefined ? '-' : `${ratio.toFixed(2)}×`,
  goal === undefined ? '' : `≤ ${goal.toFixed(2)}× ${ratio === undefined ? '' : ratio <= goal ? 'met' : 'NOT met'}`.trim(),
]);
const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column].length)));
const line = (row) => row.map((cell, column) => (column === 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
console.log('');
console.log(line(header));
console.log(widths.map((width) => '-'.repeat(width)).join('  '));
for (const row of cells) console.log(line(row));
if (named.skip) console.log(`\nnamed-checkzone comparison skipped: ${named.skip}.`);
console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(zone && fanout ? 0 : 1);
