// The loopback DNS server of an end-to-end run (test/dns-server, started in the launcher's own
// process): spf-lens's live lookups go to it and nowhere else. Every question it receives is
// appended to a JSON-lines file, which the suite reads through SPF_LENS_E2E_DNS_LOG to count
// queries (suite/dns.ts), and which the launcher reads after an untrusted run to prove that
// nothing was asked.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './session.mjs';

export const defaultDnsZone = join(root, 'test', 'e2e', 'fixtures', 'dns.yml');

/**
 * Starts the test DNS server on a random 127.0.0.1 port with the zone in `zonePath`
 * (test/dns-server/README.md describes the format) and logs each question to `logPath`.
 * @param {{ zonePath?: string, logPath: string }} options
 * @returns {Promise<{ server: string, logPath: string, queries(): object[], stop(): Promise<void> }>}
 */
export async function startE2eDns({ zonePath = defaultDnsZone, logPath }) {
  // The server is TypeScript; tsx's loader, scoped to this import, saves a child process.
  const { tsImport } = await import('tsx/esm/api');
  const { TestDnsServer } = await tsImport(pathToFileURL(join(root, 'test', 'dns-server', 'index.ts')).href, import.meta.url);
  writeFileSync(logPath, '');
  const dns = new TestDnsServer({
    zone: readFileSync(zonePath, 'utf8'),
    // Written when a question is answered or dropped, one line each, so a reader never sees half an entry.
    onQuery: (entry) => appendFileSync(logPath, `${JSON.stringify(entry)}\n`),
  });
  const { server } = await dns.start();
  return {
    server,
    logPath,
    queries: () => [...dns.log],
    stop: () => dns.stop(),
  };
}

/** The user settings that send spf-lens's live lookups to the test server. */
export function dnsSettings(server) {
  return {
    'spfLens.dns.live': true,
    'spfLens.dns.servers': [server],
    // Nothing is slow on loopback; a short timeout keeps a lost answer from stalling a test.
    'spfLens.dns.timeoutMs': 1000,
  };
}

/**
 * In an untrusted workspace spf-lens must send no DNS query at all, whatever the settings say:
 * the launcher checks the server's log itself, so a query from any test (or from no test)
 * fails the run.
 */
export function untrustedQueryFailure(queries) {
  if (queries.length === 0) return undefined;
  const names = queries.slice(0, 5).map((entry) => `${entry.name} ${entry.type}`).join(', ');
  return {
    name: 'launcher › an untrusted workspace sends no DNS query',
    ok: false,
    error: `the loopback DNS server received ${queries.length} quer${queries.length === 1 ? 'y' : 'ies'}: ${names}${queries.length > 5 ? ', …' : ''}`,
    ms: 0,
  };
}
