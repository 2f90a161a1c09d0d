// The concurrency cap, measured by the test DNS server's in-flight counter.

import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { withConcurrencyLimit } from '../../server/src/dns/limiter';
import { liveResolver } from '../../server/src/dns/live';
import type { Resolver } from '../../server/src/dns/resolver';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';

const NAMES = Array.from({ length: 24 }, (_, i) => `host${i}.example.com`);

describe('concurrency limiter', () => {
  let dns: TestDnsServer;
  let live: Resolver;
  before(async () => {
    dns = await startTestDnsServer({ zone: Object.fromEntries(NAMES.map((name, i) => [name, [{ A: `192.0.2.${i}` }]])), latencyMs: 40 });
    live = liveResolver({ servers: [dns.address.server], timeoutMs: 2000, retries: 0 });
  });
  after(() => dns.stop());
  beforeEach(() => dns.clearLog());

  it('lets the server see no more questions at once than the cap', async () => {
    const limited = withConcurrencyLimit(live, 3);
    const answers = await Promise.all(NAMES.map((name) => limited.resolve(name, 'A')));
    assert.ok(answers.every((answer) => answer.kind === 'ok'));
    assert.equal(dns.log.length, NAMES.length);
    assert.equal(dns.maxInFlight, 3);
    assert.deepEqual([limited.active, limited.queued], [0, 0]);
  });

  it('without a cap the same fan-out goes out at once (the counter is not the limit)', async () => {
    await Promise.all(NAMES.map((name) => live.resolve(name, 'A')));
    assert.ok(dns.maxInFlight > 3, `max in flight ${dns.maxInFlight}`);
  });

  it('answers a waiting question cancelled, without sending it, when its signal is aborted', async () => {
    const limited = withConcurrencyLimit(live, 1);
    const controller = new AbortController();
    const first = limited.resolve(NAMES[0], 'A');
    const waiting = limited.resolve(NAMES[1], 'A', { signal: controller.signal });
    assert.equal(limited.queued, 1);
    controller.abort();
    assert.deepEqual(await waiting, { kind: 'error', source: { kind: 'none' }, detail: 'cancelled' });
    assert.equal((await first).kind, 'ok');
    assert.deepEqual(dns.log.map((entry) => entry.name), [NAMES[0]]);
    assert.deepEqual([limited.active, limited.queued], [0, 0]);
  });
});
