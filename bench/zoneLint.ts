// Benchmark 1 (issue 3): `spf-lens lint --offline FILE --format json` on a generated 100,000-record
// zone, as a whole process, against named-checkzone loading the same file.
//   node --import tsx bench/zoneLint.ts [--records N] [--runs N] [--named-checkzone PATH]
// Progress goes to stderr; the last stdout line is the result as JSON (scripts/bench.mjs prints the table).

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchOrigin, generateZone } from './generateZone';
import { median, ms, timeProcess } from './timing';

export interface ZoneLintResult {
  readonly records: number;
  readonly bytes: number;
  readonly runs: number;
  readonly oursMs: readonly number[];
  readonly namedCheckzoneMs: readonly number[] | undefined;
  readonly namedCheckzoneSkipped: string | undefined;
}

const { values } = parseArgs({
  options: { records: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' }, 'named-checkzone': { type: 'string' } },
});
const records = Number(values.records);
const runs = Number(values.runs);
const cli = resolve(__dirname, '..', 'dist', 'cli.js');

const dir = mkdtempSync(join(tmpdir(), 'spf-lens-bench-'));
try {
  const file = join(dir, `db.${benchOrigin}`);
  writeFileSync(file, generateZone(records));
  const bytes = statSync(file).size;
  process.stderr.write(`zone lint: ${records} records (${(bytes / 1e6).toFixed(1)} MB) in ${file}\n`);

  // One untimed run each warms the page cache and shows that the command works on this file.
  const lint = () => timeProcess(process.execPath, [cli, 'lint', '--offline', file, '--format', 'json'], [0, 1]);
  lint();
  const oursMs = Array.from({ length: runs }, lint);
  process.stderr.write(`  spf-lens lint: median ${ms(median(oursMs))} of ${oursMs.map((t) => t.toFixed(0)).join(', ')}\n`);

  let namedCheckzoneMs: number[] | undefined;
  const namedCheckzone = values['named-checkzone'];
  if (namedCheckzone) {
    const check = () => timeProcess(namedCheckzone, [benchOrigin, file]);
    check();
    namedCheckzoneMs = Array.from({ length: runs }, check);
    process.stderr.write(`  named-checkzone: median ${ms(median(namedCheckzoneMs))} of ${namedCheckzoneMs.map((t) => t.toFixed(0)).join(', ')}\n`);
  }
  const result: ZoneLintResult = {
    records,
    bytes,
    runs,
    oursMs,
    namedCheckzoneMs,
    namedCheckzoneSkipped: namedCheckzone ? undefined : 'named-checkzone not given (scripts/bench.mjs finds or installs it)',
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
