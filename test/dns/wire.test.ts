// withWireFallback: names node:dns refuses go over the wire to the same servers; others do not.

import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { liveResolver } from '../../server/src/dns/live';
import type { DnsAnswer, RecordType, Resolver } from '../../server/src/dns/resolver';
import { needsWireQuery, wireResolve, withWireFallback } from '../../server/src/dns/wire';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';

const ZONE = `
foo:bar/baz.example.com:
  - A: 192.0.2.1
  - MX: [10, "foo:bar/baz.example.com"]
  - TXT: ["v=spf1 ", "-all"]
"macro%percent  space%20url-space.example.com":
  - A: 192.0.2.2
"silent%.example.com":
  - TIMEOUT
"broken%.example.com":
  - SERVFAIL
"big%.example.com":
  - TXT: "${'x'.repeat(1500)}"
plain.example.com:
  - A: 192.0.2.3
`;

describe('wire fallback', () => {
  let dns: TestDnsServer;
  let servers: string[];
  before(async () => {
    dns = await startTestDnsServer({ zone: ZONE });
    servers = [dns.address.server];
  });
  after(() => dns.stop());
  beforeEach(() => dns.clearLog());

  it('knows which names node:dns refuses', () => {
    for (const name of ['foo:bar/baz.example.com', 'a b.example.com', 'JUMPIN%27%20JUPITER', '%5B192.0.2.1%5D', "o'brien.example.com"]) assert.ok(needsWireQuery(name), name);
    for (const name of ['example.com', '_spf.example.com', 'xn--zckzah.example', 'mx-1.example.com.']) assert.ok(!needsWireQuery(name), name);
  });

  it('answers names node:dns refuses, and leaves every other name to the wrapped resolver', async () => {
    const asked: string[] = [];
    const inner: Resolver = {
      resolve: async <T extends RecordType>(name: string, type: T): Promise<DnsAnswer<T>> => {
        asked.push(name);
        return liveResolver({ servers, timeoutMs: 500, retries: 0 }).resolve(name, type);
      },
    };
    const resolver = withWireFallback(inner, { servers, timeoutMs: 500 });
    const colon = await resolver.resolve('foo:bar/baz.example.com', 'A');
    assert.equal(colon.kind, 'ok');
    assert.deepEqual(colon.kind === 'ok' && colon.records, ['192.0.2.1']);
    const spaced = await resolver.resolve('macro%percent  space%20url-space.example.com', 'A');
    assert.deepEqual(spaced.kind === 'ok' && spaced.records, ['192.0.2.2']);
    const plain = await resolver.resolve('plain.example.com', 'A');
    assert.deepEqual(plain.kind === 'ok' && plain.records, ['192.0.2.3']);
    assert.deepEqual(asked, ['plain.example.com']);
    // The refusal it works around: node:dns alone cannot ask.
    const refused = await liveResolver({ servers, timeoutMs: 500, retries: 0 }).resolve('foo:bar/baz.example.com', 'A');
    assert.equal(refused.kind, 'error');
  });

  it('decodes TXT strings and MX records, and tells NXDOMAIN from NODATA', async () => {
    const txt = await wireResolve('foo:bar/baz.example.com', 'TXT', { servers });
    assert.deepEqual(txt.kind === 'ok' && txt.records, [['v=spf1 ', '-all']]);
    const mx = await wireResolve('foo:bar/baz.example.com', 'MX', { servers });
    assert.deepEqual(mx.kind === 'ok' && mx.records, [{ priority: 10, exchange: 'foo:bar/baz.example.com' }]);
    assert.equal((await wireResolve('nowhere%.example.com', 'A', { servers })).kind, 'nxdomain');
    assert.equal((await wireResolve('foo:bar/baz.example.com', 'AAAA', { servers })).kind, 'nodata');
  });

  it('reports timeouts and server failures as answers', async () => {
    const silent = await wireResolve('silent%.example.com', 'A', { servers, timeoutMs: 150 });
    assert.equal(silent.kind, 'timeout');
    const broken = await wireResolve('broken%.example.com', 'A', { servers });
    assert.deepEqual(broken.kind === 'error' && broken.detail, 'server failure (SERVFAIL)');
  });

  it('retries a truncated UDP answer over TCP', async () => {
    const big = await wireResolve('big%.example.com', 'TXT', { servers });
    assert.equal(big.kind === 'ok' && big.records[0].join('').length, 1500);
    assert.deepEqual(dns.queries({ name: 'big%.example.com' }).map((entry) => entry.transport), ['udp', 'tcp']);
  });

  it('refuses a non-loopback server when SPF_LENS_LOOPBACK_ONLY=1', async () => {
    const saved = process.env.SPF_LENS_LOOPBACK_ONLY;
    process.env.SPF_LENS_LOOPBACK_ONLY = '1';
    try {
      const answer = await wireResolve('a:b.example.com', 'A', { servers: ['192.0.2.53'] });
      assert.match(answer.kind === 'error' ? answer.detail : '', /loopback/);
    } finally {
      if (saved === undefined) delete process.env.SPF_LENS_LOOPBACK_ONLY;
      else process.env.SPF_LENS_LOOPBACK_ONLY = saved;
    }
  });
});
