// Runs the test DNS server by hand or for end-to-end tests:
//   node --import tsx test/dns-server/cli.ts zones.yml [--port N] [--latency MS] [--truncate-over BYTES] [--watch]
// Prints `listening 127.0.0.1:PORT`, then one JSON line per query (a QueryLogEntry) as it is
// answered or dropped. With --watch, the zone file is re-read when it changes (`reloaded N names`).
// Stops on SIGINT/SIGTERM.

import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { parseArgs } from 'node:util';
import { TestDnsServer } from './server';
import { Zone } from './zone';

const USAGE = 'usage: cli.ts zones.yml [--port N] [--latency MS] [--truncate-over BYTES] [--watch]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      latency: { type: 'string' },
      'truncate-over': { type: 'string' },
      watch: { type: 'boolean', default: false },
    },
  });
  const [zonePath] = positionals;
  if (!zonePath || positionals.length > 1) throw new Error(USAGE);
  const number = (text: string | undefined, what: string): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${what} must be a whole number, not ${JSON.stringify(text)}\n${USAGE}`);
    return value;
  };

  const readZone = () => Zone.from(readFileSync(zonePath, 'utf8'));
  const truncateOver = number(values['truncate-over'], '--truncate-over');
  const server = new TestDnsServer({
    zone: readZone(),
    port: number(values.port, '--port'),
    latencyMs: number(values.latency, '--latency'),
    truncation: truncateOver === undefined ? undefined : { overBytes: truncateOver },
    onQuery: (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`),
  });
  const { server: address } = await server.start();
  process.stdout.write(`listening ${address}\n`);

  if (values.watch) {
    watchFile(zonePath, { interval: 200 }, () => {
      try {
        const zone = readZone();
        server.setZone(zone);
        process.stdout.write(`reloaded ${zone.names().length} names\n`);
      } catch (error) {
        process.stderr.write(`zone not reloaded: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    });
  }

  const stop = () => {
    unwatchFile(zonePath);
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
