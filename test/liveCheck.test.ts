// checkLive end to end through the resolver stack the server and CLI use (createResolver: cache →
// in-flight → limiter → live node:dns), against the loopback test DNS server. Query counts and
// concurrency come from the server's log and in-flight counter, never from timings.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createResolver, DnsSettings, defaultDnsSettings } from '../server/src/dns/index';
import { checkLive, defaultLookupBudget, ResolverPool } from '../server/src/liveCheck';
import { startTestDnsServer, type TestDnsServer } from './dns-server';
import type { ZoneData } from './fakes/zoneResolver';
import { joinLines } from './util/markers';
import { analyzeZone } from './util/zone';

/** fan.example.net includes 10 names, each of those 10 more, each of those 10 more: 1,110 names below it. */
function fanOutZone(): Record<string, ZoneData[string]> {
  const zone: Record<string, ZoneData[string]> = {};
  const includes = (names: string[]) => ({ TXT: `v=spf1 ${names.map((name) => `include:${name}`).join(' ')} -all` });
  const level1 = Array.from({ length: 10 }, (_, i) => `f${i}.fan.example.net`);
  zone['fan.example.net'] = [includes(level1)];
  level1.forEach((name1, i) => {
    const level2 = Array.from({ length: 10 }, (_, j) => `f${i}-${j}.fan.example.net`);
    zone[name1] = [includes(level2)];
    level2.forEach((name2, j) => {
      const level3 = Array.from({ length: 10 }, (_, k) => `f${i}-${j}-${k}.fan.example.net`);
      zone[name2] = [includes(level3)];
      level3.forEach((name3, k) => (zone[name3] = [{ TXT: `v=spf1 ip4:10.${i}.${j}.${k} -all` }]));
    });
  });
  return zone;
}

/** Lookup totals in record order (checkLive fills its map as records finish). */
function totals(lookups: ReadonlyMap<number, { readonly lookups: number }>): number[] {
  return [...lookups.entries()].sort(([a], [b]) => a - b).map(([, result]) => result.lookups);
}

describe('checkLive over the live resolver stack and the loopback test DNS server', () => {
  let dns: TestDnsServer;
  before(async () => {
    dns = await startTestDnsServer({
      zone: {
        '_spf.example.net': [{ TXT: 'v=spf1 include:inner.example.net a:host.example.net -all' }],
        'inner.example.net': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }],
        'host.example.net': [{ A: '192.0.2.1' }],
        ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`h${i}.example.net`, [{ A: `192.0.2.${i + 10}` }]])),
        'chain.example.net': [{ TXT: 'v=spf1 include:c1.example.net -all' }],
        'c1.example.net': [{ TXT: 'v=spf1 include:c2.example.net -all' }],
        'c2.example.net': [{ TXT: 'v=spf1 include:c3.example.net -all' }],
        'c3.example.net': [{ TXT: 'v=spf1 ip4:192.0.2.3 -all' }],
        ...fanOutZone(),
      },
    });
  });
  after(() => dns.stop());
  beforeEach(() => {
    dns.setLatency(0);
    dns.clearLog();
  });

  const dnsSettings = (overrides: Record<string, unknown> = {}) => ({ ...defaultDnsSettings, servers: [dns.address.server], timeoutMs: 1000, ...overrides });

  it('asks once for a domain two records include (in-flight de-duplication), and nothing the second time (cache)', async () => {
    const { analysis } = analyzeZone(joinLines(
      '$ORIGIN example.com.',
      '@ TXT "v=spf1 include:_spf.example.net -all"',
      'www TXT "v=spf1 include:_spf.example.net a:host.example.net -all"',
    ));
    const pool = new ResolverPool(() => []);
    const first = await checkLive(analysis, pool.get(dnsSettings()));
    assert.deepEqual(totals(first.lookups), [3, 4]);
    assert.deepEqual(dns.log.map((entry) => `${entry.type} ${entry.name}`).sort(), ['A host.example.net', 'AAAA host.example.net', 'TXT _spf.example.net', 'TXT inner.example.net']);

    // Same settings, same pooled resolver: every answer comes from its cache.
    const second = await checkLive(analysis, pool.get(dnsSettings()));
    assert.deepEqual(totals(second.lookups), [3, 4]);
    assert.equal(dns.log.length, 4);

    pool.clear();
    await checkLive(analysis, pool.get(dnsSettings()));
    assert.equal(dns.log.length, 8);
  });

  it('never has more queries in flight than the concurrency setting', async () => {
    // Twelve a: terms ask 24 questions at once; the answers are delayed so that they pile up.
    dns.setLatency(20);
    const { analysis } = analyzeZone(joinLines('$ORIGIN example.com.', `@ TXT "v=spf1 ${Array.from({ length: 12 }, (_, i) => `a:h${i}.example.net`).join(' ')} -all"`));
    for (const concurrency of [3, 8]) {
      dns.clearLog();
      const resolver = createResolver(DnsSettings.from(dnsSettings({ concurrency })).settings);
      const { lookups } = await checkLive(analysis, resolver);
      assert.equal([...lookups.values()][0].lookups, 12);
      assert.equal(dns.log.length, 24);
      assert.equal(dns.maxInFlight, concurrency, `concurrency ${concurrency}`);
    }
  });

  it('keeps a 1,110-name include tree within the query budget', async () => {
    const { analysis } = analyzeZone(joinLines('$ORIGIN example.com.', '@ TXT "v=spf1 include:fan.example.net -all"'));
    const resolver = createResolver(DnsSettings.from(dnsSettings()).settings);
    const { lookups, problems } = await checkLive(analysis, resolver);
    assert.ok(dns.log.length <= defaultLookupBudget.maxQueries, `${dns.log.length} queries for a budget of ${defaultLookupBudget.maxQueries}`);
    // The budget was used up, not merely approached, and nothing is still on its way.
    assert.equal(dns.log.length, defaultLookupBudget.maxQueries);
    assert.ok(dns.log.every((entry) => entry.outcome === 'answered'));
    const result = [...lookups.values()][0];
    assert.ok(result.lookups > 10);
    const codes = new Set(problems.map((problem) => problem.code));
    assert.ok(codes.has('spf-lookup-limit'));
    assert.ok(problems.some((problem) => problem.code === 'spf-dns-error' && problem.message.includes(`query budget exhausted (${defaultLookupBudget.maxQueries} queries)`)));
    // Later questions were refused by the budget, so the server saw no more of them.
    await sleep(50);
    assert.equal(dns.log.length, defaultLookupBudget.maxQueries);
  });

  it('sends nothing further once the check is aborted', async () => {
    dns.setLatency(50);
    const { analysis } = analyzeZone(joinLines('$ORIGIN example.com.', '@ TXT "v=spf1 include:chain.example.net -all"'));
    const resolver = createResolver(DnsSettings.from(dnsSettings()).settings);
    const controller = new AbortController();
    const checking = checkLive(analysis, resolver, { signal: controller.signal });
    await dns.waitForQuery({ name: 'c1.example.net' });
    controller.abort();
    await checking;
    // Let the server send its (delayed) answer to c1 and give a client that ignored the abort time to ask for c2.
    while (dns.queries({ name: 'c1.example.net' })[0].outcome === undefined) await sleep(10);
    await sleep(50);
    assert.deepEqual(dns.log.map((entry) => entry.name), ['chain.example.net', 'c1.example.net']);
  });
});
