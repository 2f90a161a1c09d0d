// The live resolver (node:dns / c-ares) against the loopback test DNS server.

import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { liveResolver, DEFAULT_TTL_SECONDS } from '../../server/src/dns/live';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';

const ZONE = `
example.com:
  - SPF: v=spf1 mx -all
  - MX: [10, mx1.example.com]
  - MX: [20, mx2.example.com.]
  - A: 192.0.2.1
    TTL: 60
  - A: 192.0.2.2
    TTL: 40
  - AAAA: 2001:DB8::1
multi.example.com:
  - TXT: ["v=spf1 ", "ip4:192.0.2.1 -all"]
  - TXT: other text
1.2.0.192.in-addr.arpa:
  - PTR: example.com
utf8.example.com:
  - TXT: "v=spf1 a:\\xEF\\xBB\\xBFgarbage.example.net -all"
deep.sub.example.com:
  - A: 192.0.2.3
silent.example.com:
  - TIMEOUT
broken.example.com:
  - SERVFAIL
refused.example.com:
  - REFUSED
big.example.com:
  - TXT: "${'x'.repeat(1500)}"
slow.example.com:
  - A: 192.0.2.9
`;

describe('live resolver', () => {
  let dns: TestDnsServer;
  let server: string;
  before(async () => {
    dns = await startTestDnsServer({ zone: ZONE });
    server = dns.address.server;
  });
  after(() => dns.stop());
  beforeEach(() => dns.clearLog());

  const live = (timeoutMs = 1000, retries = 0) => liveResolver({ servers: [server], timeoutMs, retries });

  it('answers TXT records with their character-strings and the default TTL, naming the server', async () => {
    assert.deepEqual(await live().resolve('multi.example.com', 'TXT'), {
      kind: 'ok',
      records: [['v=spf1 ', 'ip4:192.0.2.1 -all'], ['other text']],
      ttl: DEFAULT_TTL_SECONDS,
      source: { kind: 'live', server },
    });
    assert.deepEqual(dns.log.map((entry) => [entry.name, entry.type, entry.transport]), [['multi.example.com', 'TXT', 'udp']]);
  });

  it('answers A and AAAA with the smallest TTL of the set', async () => {
    const a = await live().resolve('example.com', 'A');
    assert.deepEqual(a.kind === 'ok' && [a.records, a.ttl], [['192.0.2.1', '192.0.2.2'], 40]);
    const aaaa = await live().resolve('example.com', 'AAAA');
    assert.deepEqual(aaaa.kind === 'ok' && [aaaa.records, aaaa.ttl], [['2001:db8::1'], 300]);
  });

  it('answers MX and PTR', async () => {
    const mx = await live().resolve('example.com', 'MX');
    assert.deepEqual(mx.kind === 'ok' && mx.records, [
      { priority: 10, exchange: 'mx1.example.com' },
      { priority: 20, exchange: 'mx2.example.com' },
    ]);
    const ptr = await live().resolve('1.2.0.192.in-addr.arpa', 'PTR');
    assert.deepEqual(ptr.kind === 'ok' && ptr.records, ['example.com']);
  });

  it('gives TXT bytes back as the UTF-8 text they encode', async () => {
    const txt = await live().resolve('utf8.example.com', 'TXT');
    assert.deepEqual(txt.kind === 'ok' && txt.records, [['v=spf1 a:\u00ef\u00bb\u00bfgarbage.example.net -all']]);
  });

  it('tells nxdomain from nodata, an empty non-terminal being nodata', async () => {
    const source = { kind: 'live', server };
    assert.deepEqual(await live().resolve('missing.example.com', 'TXT'), { kind: 'nxdomain', source });
    assert.deepEqual(await live().resolve('example.com', 'PTR'), { kind: 'nodata', source });
    assert.deepEqual(await live().resolve('sub.example.com', 'A'), { kind: 'nodata', source });
  });

  it('turns SERVFAIL and REFUSED into errors naming the failure', async () => {
    const servfail = await live().resolve('broken.example.com', 'TXT');
    assert.deepEqual(servfail, { kind: 'error', source: { kind: 'live', server }, detail: 'server failure (SERVFAIL)' });
    const refused = await live().resolve('refused.example.com', 'TXT');
    assert.equal(refused.kind === 'error' && refused.detail, 'query refused (REFUSED)');
  });

  it('retries a truncated UDP answer over TCP', async () => {
    const answer = await live().resolve('big.example.com', 'TXT');
    assert.equal(answer.kind === 'ok' && answer.records[0].join('').length, 1500);
    assert.deepEqual(
      dns.queries({ name: 'big.example.com' }).map((entry) => [entry.transport, entry.outcome]),
      [['udp', 'truncated'], ['tcp', 'answered']],
    );
  });

  it('retries over TCP when the server truncates on purpose', async () => {
    dns.setTruncation({ names: ['multi.example.com'] });
    try {
      const answer = await live().resolve('multi.example.com', 'TXT');
      assert.equal(answer.kind === 'ok' && answer.records.length, 2);
      assert.deepEqual(dns.log.map((entry) => [entry.transport, entry.outcome]), [['udp', 'truncated'], ['tcp', 'answered']]);
    } finally {
      dns.setTruncation({});
    }
  });

  it('times out within timeoutMs × (retries + 1), sending one query per attempt', async () => {
    const timeoutMs = 200;
    const retries = 2;
    const started = performance.now();
    const answer = await live(timeoutMs, retries).resolve('silent.example.com', 'TXT');
    const elapsed = performance.now() - started;
    assert.equal(answer.kind, 'timeout');
    assert.ok(answer.kind === 'timeout' && answer.waitedMs >= timeoutMs * (retries + 1) - 5, `waited ${answer.kind === 'timeout' && answer.waitedMs}`);
    assert.ok(elapsed < timeoutMs * (retries + 1) + 300, `took ${elapsed} ms`);
    assert.deepEqual(
      dns.queries({ name: 'silent.example.com' }).map((entry) => entry.outcome),
      ['dropped', 'dropped', 'dropped'],
    );
  });

  it('stops waiting at once when the signal is aborted', async () => {
    dns.setLatency(5000, 'slow.example.com');
    try {
      const controller = new AbortController();
      const pending = live(10_000).resolve('slow.example.com', 'A', { signal: controller.signal });
      await dns.waitForQuery({ name: 'slow.example.com' });
      const started = performance.now();
      controller.abort();
      assert.deepEqual(await pending, { kind: 'error', source: { kind: 'live', server }, detail: 'cancelled' });
      assert.ok(performance.now() - started < 100);
      const already = await live().resolve('example.com', 'A', { signal: AbortSignal.abort() });
      assert.equal(already.kind === 'error' && already.detail, 'cancelled');
      assert.equal(dns.queries({ name: 'example.com' }).length, 0);
    } finally {
      dns.setLatency(0, 'slow.example.com');
    }
  });

  it('answers an error, without throwing, for a server setting node:dns rejects', async () => {
    const answer = await liveResolver({ servers: ['not an address'] }).resolve('example.com', 'TXT');
    assert.equal(answer.kind, 'error');
    assert.match(answer.kind === 'error' ? answer.detail : '', /^bad DNS server setting: /);
  });
});
