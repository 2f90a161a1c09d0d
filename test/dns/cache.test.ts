// The cache and the in-flight de-duplication, counted from the test DNS server's query log.

import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { withCache } from '../../server/src/dns/cache';
import { withInflightDedupe } from '../../server/src/dns/inflight';
import { liveResolver } from '../../server/src/dns/live';
import type { DnsAnswer, Resolver } from '../../server/src/dns/resolver';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';

const ZONE = {
  'example.com': [{ TXT: 'v=spf1 -all' }, { A: '192.0.2.1', TTL: 60 }],
  'zero.example.com': [{ A: '192.0.2.2', TTL: 0 }],
  'broken.example.com': ['SERVFAIL'],
  'silent.example.com': ['TIMEOUT'],
  'slow.example.com': [{ A: '192.0.2.3' }],
  'a.example.com': [{ A: '192.0.2.10' }],
  'b.example.com': [{ A: '192.0.2.11' }],
  'c.example.com': [{ A: '192.0.2.12' }],
};

describe('DNS cache', () => {
  let dns: TestDnsServer;
  let live: Resolver;
  let clock: number;
  const now = () => clock;
  before(async () => {
    dns = await startTestDnsServer({ zone: ZONE });
    live = liveResolver({ servers: [dns.address.server], timeoutMs: 150, retries: 0 });
  });
  after(() => dns.stop());
  beforeEach(() => {
    dns.clearLog();
    clock = 1_000_000;
  });

  it('answers a repeated question without a new query, whatever the name case or trailing dot', async () => {
    const cache = withCache(live, { now });
    const first = await cache.resolve('example.com', 'TXT');
    assert.equal(dns.log.length, 1);
    assert.deepEqual(await cache.resolve('Example.COM.', 'TXT'), first);
    assert.equal(dns.log.length, 1);
    assert.equal(cache.size, 1);
  });

  it('keeps an answer for its TTL, counting the TTL down', async () => {
    const cache = withCache(live, { now });
    await cache.resolve('example.com', 'A');
    clock += 59_500;
    const later = await cache.resolve('example.com', 'A');
    assert.deepEqual(later.kind === 'ok' && [later.records, later.ttl], [['192.0.2.1'], 1]);
    assert.equal(dns.log.length, 1);
    clock += 500;
    await cache.resolve('example.com', 'A');
    assert.equal(dns.log.length, 2);
  });

  it('keeps nxdomain and nodata for the negative TTL', async () => {
    const cache = withCache(live, { now, negativeTtlSeconds: 10 });
    assert.equal((await cache.resolve('missing.example.com', 'TXT')).kind, 'nxdomain');
    assert.equal((await cache.resolve('example.com', 'MX')).kind, 'nodata');
    clock += 9_999;
    await cache.resolve('missing.example.com', 'TXT');
    await cache.resolve('example.com', 'MX');
    assert.equal(dns.log.length, 2);
    clock += 1;
    await cache.resolve('missing.example.com', 'TXT');
    await cache.resolve('example.com', 'MX');
    assert.equal(dns.log.length, 4);
  });

  it('does not keep errors, timeouts or TTL 0 answers', async () => {
    const cache = withCache(live, { now });
    for (const [name, kind] of [['broken.example.com', 'error'], ['silent.example.com', 'timeout'], ['zero.example.com', 'ok']] as const) {
      assert.equal((await cache.resolve(name, name === 'zero.example.com' ? 'A' : 'TXT')).kind, kind);
      assert.equal((await cache.resolve(name, name === 'zero.example.com' ? 'A' : 'TXT')).kind, kind);
      assert.equal(dns.queries({ name }).length, 2, name);
    }
    assert.equal(cache.size, 0);
  });

  it('drops the least recently used answer past its size cap', async () => {
    const cache = withCache(live, { now, maxEntries: 2 });
    await cache.resolve('a.example.com', 'A');
    await cache.resolve('b.example.com', 'A');
    await cache.resolve('a.example.com', 'A'); // a is now the most recently used
    await cache.resolve('c.example.com', 'A'); // pushes b out
    assert.equal(dns.log.length, 3);
    await cache.resolve('a.example.com', 'A');
    await cache.resolve('c.example.com', 'A');
    assert.equal(dns.log.length, 3);
    await cache.resolve('b.example.com', 'A');
    assert.equal(dns.log.length, 4);
  });

  it('forgets everything on clear()', async () => {
    const cache = withCache(live, { now });
    await cache.resolve('example.com', 'TXT');
    cache.clear();
    await cache.resolve('example.com', 'TXT');
    assert.equal(dns.log.length, 2);
  });
});

describe('in-flight de-duplication', () => {
  let dns: TestDnsServer;
  let live: Resolver;
  before(async () => {
    dns = await startTestDnsServer({ zone: ZONE, latencyMs: 100 });
    live = liveResolver({ servers: [dns.address.server], timeoutMs: 2000, retries: 0 });
  });
  after(() => dns.stop());
  beforeEach(() => dns.clearLog());

  it('sends one query for ten identical questions asked together', async () => {
    const inflight = withInflightDedupe(live);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => inflight.resolve(i % 2 ? 'SLOW.example.com' : 'slow.example.com', 'A')));
    assert.equal(dns.log.length, 1);
    assert.ok(answers.every((answer) => answer.kind === 'ok' && answer.records[0] === '192.0.2.3'));
    assert.equal(inflight.size, 0);
    await inflight.resolve('slow.example.com', 'A');
    assert.equal(dns.log.length, 2, 'a question after the answer asks again (caching is cache.ts’s job)');
  });

  it('answers a caller that gives up at once, while the others still get the answer', async () => {
    const inflight = withInflightDedupe(live);
    const controller = new AbortController();
    const leaving = inflight.resolve('slow.example.com', 'A', { signal: controller.signal });
    const staying = inflight.resolve('slow.example.com', 'A', { signal: new AbortController().signal });
    await dns.waitForQuery({ name: 'slow.example.com' });
    controller.abort();
    assert.deepEqual(await leaving, { kind: 'error', source: { kind: 'none' }, detail: 'cancelled' });
    assert.equal((await staying).kind, 'ok');
    assert.equal(dns.log.length, 1);
  });

  it('cancels the shared query when every caller has given up', async () => {
    let upstream: AbortSignal | undefined;
    const spy: Resolver = {
      resolve: (name, type, options) => {
        upstream = options?.signal;
        return live.resolve(name, type, options);
      },
    };
    const inflight = withInflightDedupe(spy);
    const one = new AbortController();
    const two = new AbortController();
    const answers = [inflight.resolve('slow.example.com', 'A', { signal: one.signal }), inflight.resolve('slow.example.com', 'A', { signal: two.signal })];
    one.abort();
    assert.equal(upstream?.aborted, false);
    two.abort();
    assert.equal(upstream?.aborted, true);
    const settled: DnsAnswer[] = await Promise.all(answers);
    assert.ok(settled.every((answer) => answer.kind === 'error' && answer.detail === 'cancelled'));
    assert.equal(inflight.size, 0);
  });
});
