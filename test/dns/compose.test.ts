// createResolver: the whole stack against the test DNS server, counted from its query log.

import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createResolver, defaultDnsSettings, type DnsSettings, type QueryEvent } from '../../server/src/dns';
import type { HostRecord } from '../../server/src/hosts/types';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';

const WORKSPACE: readonly HostRecord[] = [
  { uri: 'file:///db.example.com', line: 4, owner: 'example.com', type: 'TXT', ttl: 300, data: ['v=spf1 include:_spf.example.net -all'] },
];

describe('createResolver', () => {
  let dns: TestDnsServer;
  let settings: DnsSettings;
  before(async () => {
    dns = await startTestDnsServer({
      zone: {
        'example.com': [{ TXT: 'v=spf1 -all (published)' }],
        '_spf.example.net': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }],
        ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`h${i}.example.net`, [{ A: `192.0.2.${i}` }]])),
      },
    });
    settings = { ...defaultDnsSettings, servers: [dns.address.server], timeoutMs: 2000, retries: 0, concurrency: 2 };
  });
  after(() => dns.stop());
  beforeEach(() => {
    dns.clearLog();
    dns.setLatency(0);
  });

  it('answers workspace names from the workspace and the rest from live DNS once', async () => {
    const events: QueryEvent[] = [];
    const resolver = createResolver(settings, { workspaceRecords: () => WORKSPACE, onLiveQuery: (event) => events.push(event) });
    const own = await resolver.resolve('example.com', 'TXT');
    assert.deepEqual(own.kind === 'ok' && [own.records, own.source], [[['v=spf1 include:_spf.example.net -all']], { kind: 'workspace', uri: 'file:///db.example.com', line: 4 }]);
    const included = await resolver.resolve('_spf.example.net', 'TXT');
    assert.deepEqual(included.kind === 'ok' && included.source, { kind: 'live', server: dns.address.server });
    await resolver.resolve('_spf.example.net', 'TXT');
    assert.deepEqual(dns.log.map((entry) => entry.name), ['_spf.example.net']);
    assert.deepEqual(events.map((event) => [event.name, event.type, event.answer.kind]), [['_spf.example.net', 'TXT', 'ok']]);
    resolver.clearCache();
    await resolver.resolve('_spf.example.net', 'TXT');
    assert.equal(dns.log.length, 2);
  });

  it('asks live DNS for workspace names when workspace records are off', async () => {
    const resolver = createResolver({ ...settings, useWorkspaceRecords: false }, { workspaceRecords: () => WORKSPACE });
    const answer = await resolver.resolve('example.com', 'TXT');
    assert.deepEqual(answer.kind === 'ok' && answer.records, [['v=spf1 -all (published)']]);
    assert.equal(dns.log.length, 1);
  });

  it('sends no query at all when live DNS is off', async () => {
    const resolver = createResolver({ ...settings, live: false }, { workspaceRecords: () => WORKSPACE });
    assert.equal((await resolver.resolve('example.com', 'TXT')).kind, 'ok');
    const off = await Promise.all(['_spf.example.net', 'h1.example.net', 'missing.example.org'].map((name) => resolver.resolve(name, 'TXT')));
    assert.ok(off.every((answer) => answer.kind === 'error' && answer.detail === 'live DNS is off'));
    assert.equal((await createResolver({ ...settings, live: false }).resolve('example.com', 'TXT')).kind, 'error');
    assert.equal(dns.log.length, 0);
  });

  it('holds the concurrency setting and joins identical questions', async () => {
    dns.setLatency(30);
    const resolver = createResolver(settings);
    const names = Array.from({ length: 12 }, (_, i) => `h${i}.example.net`);
    const answers = await Promise.all([...names, ...names].map((name) => resolver.resolve(name, 'A')));
    assert.ok(answers.every((answer) => answer.kind === 'ok'));
    assert.equal(dns.log.length, 12);
    assert.equal(dns.maxInFlight, 2);
  });
});
