// Times parseZoneFile on a generated 100,000-record zone (one record in ten an SPF TXT),
// the size the project's benchmark compares with named-checkzone.
//   node --import tsx bench/zonefile.ts [records] [--write file]
// (tsx adds a little overhead; bundle it with esbuild for numbers closer to the shipped server.)
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseZoneFile } from '../server/src/hosts/zonefile/index';

export function generateZone(records: number): string {
  const lines = [
    '$TTL 3600',
    '$ORIGIN bench.example.',
    '@ IN SOA ns1 hostmaster ( 2024010101 7200 3600 1209600 300 )',
    '@ IN NS ns1',
    'ns1 IN A 192.0.2.53',
    ...Array.from({ length: 50 }, (_, k) => `mail${k} IN A 192.0.2.${k + 1}`),
  ];
  for (let i = 0; lines.length - 2 < records; i++) {
    // Every tenth record is an SPF TXT written across parentheses with two strings.
    const host = `host${i}`;
    switch (i % 10) {
      case 0:
        lines.push(`${host} 300 IN TXT ( "v=spf1 ip4:192.0.2.${i % 256}/32 include:_spf${i % 97}.example.net" " ~all" ) ; spf`);
        break;
      case 1:
        lines.push(`${host} IN AAAA 2001:db8::${(i % 65535).toString(16)}`);
        break;
      case 2:
        lines.push(`${host} IN MX 10 mail${i % 50}`);
        break;
      case 3:
        lines.push(`${host} IN CNAME host${i - 1}`);
        break;
      case 4:
        lines.push(`${host} IN TXT "google-site-verification=${i.toString(36)}abcdefghijklmnop"`);
        break;
      default:
        lines.push(`${host} IN A 192.0.${(i >> 8) & 255}.${i & 255}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

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
