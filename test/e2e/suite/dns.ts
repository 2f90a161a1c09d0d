// The loopback DNS server's query log, as the launcher writes it (test/e2e/dns.mjs): one JSON
// line per question answered or dropped. Tests take a mark, act, then read what came after it.
import { readFileSync } from 'node:fs';

export interface LoggedQuery {
  readonly name: string;
  readonly type: string;
  readonly transport: 'udp' | 'tcp';
  readonly outcome?: string;
}

/** The address spf-lens was told to use ('127.0.0.1:PORT'), from the launcher. */
export function dnsServer(): string {
  const server = process.env.SPF_LENS_E2E_DNS_SERVER;
  if (!server) throw new Error('SPF_LENS_E2E_DNS_SERVER is not set: the launcher starts the loopback DNS server');
  return server;
}

/** Every question the server logged so far in this run. */
export function dnsQueries(): LoggedQuery[] {
  const path = process.env.SPF_LENS_E2E_DNS_LOG;
  if (!path) throw new Error('SPF_LENS_E2E_DNS_LOG is not set: the launcher writes the DNS query log');
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LoggedQuery);
}

/** A point in the log; `since()` returns the questions logged after it. */
export function dnsMark(): { since(): LoggedQuery[] } {
  const start = dnsQueries().length;
  return { since: () => dnsQueries().slice(start) };
}

export function describeQueries(queries: readonly LoggedQuery[]): string {
  return queries.map((query) => `${query.name} ${query.type}`).join(', ') || 'none';
}
