// The per-analysis budget: questions past it are answered without sending anything.

import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { withBudget } from '../../server/src/dns/budget';
import { createResolver } from '../../server/src/dns';
import { defaultDnsSettings } from '../../server/src/dns/settings';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';

describe('query and time budget', () => {
  let dns: TestDnsServer;
  before(async () => {
    dns = await startTestDnsServer({ zone: { 'slow.example.com': [{ A: '192.0.2.1' }], 'fast.example.com': [{ A: '192.0.2.2' }] } });
    dns.setLatency(2000, 'slow.example.com');
  });
  after(() => dns.stop());
  beforeEach(() => dns.clearLog());

  const stack = () => createResolver({ ...defaultDnsSettings, servers: [dns.address.server], timeoutMs: 2000, retries: 0, concurrency: 8 });

  it('stops a 1,000-name fan-out at the query budget, never sending more, and answers every question', async () => {
    const budgeted = withBudget(stack(), { maxQueries: 50, maxMs: 60_000 });
    const names = Array.from({ length: 1000 }, (_, i) => `n${i}.example.com`);
    const answers = await Promise.all(names.map((name) => budgeted.resolve(name, 'TXT')));
    assert.equal(answers.length, 1000);
    assert.equal(answers.filter((answer) => answer.kind === 'nxdomain').length, 50);
    const refused = answers.filter((answer) => answer.kind === 'error' && answer.detail === 'query budget exhausted (50 queries)');
    assert.equal(refused.length, 950);
    assert.equal(dns.log.length, 50);
    assert.deepEqual(
      { ...budgeted.usage, elapsedMs: 0 },
      { queries: 50, refused: 950, elapsedMs: 0, exhausted: 'queries' },
    );
  });

  it('counts cached answers too, so the result does not depend on the cache', async () => {
    const resolver = stack();
    await resolver.resolve('fast.example.com', 'A');
    const budgeted = withBudget(resolver, { maxQueries: 1, maxMs: 60_000 });
    assert.equal((await budgeted.resolve('fast.example.com', 'A')).kind, 'ok');
    assert.equal((await budgeted.resolve('fast.example.com', 'A')).kind, 'error');
    assert.equal(dns.log.length, 1);
  });

  it('cuts a question short when the time runs out, and sends nothing after', async () => {
    const budgeted = withBudget(stack(), { maxQueries: 100, maxMs: 100 });
    const started = performance.now();
    const slow = await budgeted.resolve('slow.example.com', 'A');
    assert.deepEqual(slow, { kind: 'error', source: { kind: 'none' }, detail: 'time budget exhausted (100 ms)' });
    assert.ok(performance.now() - started < 1000, 'answered at the deadline, not with the server');
    const after = await budgeted.resolve('fast.example.com', 'A');
    assert.equal(after.kind === 'error' && after.detail, 'time budget exhausted (100 ms)');
    assert.deepEqual(dns.log.map((entry) => entry.name), ['slow.example.com']);
    assert.equal(budgeted.usage.exhausted, 'time');
    assert.equal(budgeted.usage.refused, 2);
  });

  it('uses an injected clock', async () => {
    let clock = 0;
    const budgeted = withBudget(stack(), { maxQueries: 10, maxMs: 1000 }, { now: () => clock });
    assert.equal((await budgeted.resolve('fast.example.com', 'A')).kind, 'ok');
    clock = 1000;
    const late = await budgeted.resolve('fast.example.com', 'AAAA');
    assert.equal(late.kind === 'error' && late.detail, 'time budget exhausted (1000 ms)');
    assert.equal(dns.log.length, 1);
  });
});
