// Times parseZoneFile on a generated 100,000-record zone (one record in ten an SPF TXT),
// the size the project's benchmark compares with named-checkzone.
//   node --import tsx bench/zonefile.ts [records] [--write file]
// (tsx adds a little overhead; bundle it with esbuild for numbers closer to the shipped server.)
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseZoneFile } from '../server/src/hosts/zonefile/index';
import { generateZone } from './generateZone';

const args = process.argv.slice(2);
const records = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const text = generateZone(records);
const writeAt = args.indexOf('--write');
if (writeAt >= 0) writeFileSync(args[writeAt + 1], text);

// The first parse is what a CLI run pays (code not yet optimised); later ones show steady state.
const options = { uri: 'file:///bench/db.bench.example' };
let started = performance.now();
let result = parseZoneFile(text, options);
const cold = performance.now() - started;
const runs: number[] = [];
for (let run = 0; run < 7; run++) {
  started = performance.now();
  result = parseZoneFile(text, options);
  runs.push(performance.now() - started);
}
runs.sort((a, b) => a - b);
console.log(
  `${records} records (${(text.length / 1e6).toFixed(1)} MB): first parse ${cold.toFixed(1)} ms, then median ${runs[3].toFixed(1)} ms, best ${runs[0].toFixed(1)} ms;` +
    ` ${result.records.length} records, ${result.spf.length} SPF sources, ${result.problems.length} problems`,
);
