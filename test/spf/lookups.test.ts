import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DnsAnswer, RecordType, ResolveOptions, Resolver } from '../../server/src/dns/resolver';
import type { LookupResult, RecordNode, TermNode } from '../../server/src/spf/lookups';
import { analyzeLookups, heaviestTerms, walkTree } from '../../server/src/spf/lookups';
import { isSpfRecord } from '../../server/src/spf/version';
import { loadSuite, locateSuite } from '../conformance/suite';
import type { ZoneData } from '../fakes/zoneResolver';
import { ZoneResolver } from '../fakes/zoneResolver';

interface Analyzed {
  readonly result: LookupResult;
  readonly dns: ZoneResolver;
}

async function analyze(text: string, zone: ZoneData = {}, domain = 'example.com'): Promise<Analyzed> {
  const dns = new ZoneResolver(zone);
  const result = await analyzeLookups(domain, text, { resolver: dns });
  return { result, dns };
}

/** The top-level (or `record`'s) term written `text`. */
function term(record: RecordNode, text: string): TermNode {
  const found = record.terms.find((node) => node.text === text);
  assert.ok(found, `no term "${text}" among ${record.terms.map((node) => node.text).join(', ')}`);
  return found;
}

/** Every term of the tree as "depth text cost/ownCost". */
function costTree(record: RecordNode): string[] {
  return [...walkTree(record)].map(({ node, depth }) => `${'  '.repeat(depth)}${node.text} ${node.cost}/${node.ownCost}`);
}

function issueCodes(node: TermNode): string[] {
  return node.issues.map((issue) => issue.code);
}

function queried(dns: ZoneResolver): string[] {
  return dns.queries.map((query) => `${query.type} ${query.name}`);
}

describe('analyzeLookups: what counts toward the limit of 10', () => {
  it('ip4, ip6, all and exp cost nothing and send no query', async () => {
    const { result, dns } = await analyze('v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 exp=explain.example.com -all', {
      'explain.example.com': [{ TXT: 'not allowed' }],
    });
    assert.equal(result.lookups, 0);
    assert.equal(result.voids, 0);
    assert.deepEqual(queried(dns), []);
    assert.deepEqual(result.root.terms.map((node) => [node.text, node.cost]), [['ip4:192.0.2.0/24', 0], ['ip6:2001:db8::/32', 0], ['-all', 0]]);
  });

  it('a, mx, include, exists and ptr each cost one', async () => {
    const { result } = await analyze('v=spf1 a mx include:_spf.example.com exists:x.example.com ptr ?all', {
      'example.com': [{ A: '192.0.2.1' }, { MX: [10, 'mx.example.com'] }],
      'mx.example.com': [{ A: '192.0.2.2' }],
      '_spf.example.com': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }],
      'x.example.com': [{ A: '127.0.0.2' }],
    });
    assert.deepEqual(costTree(result.root), ['a 1/1', 'mx 1/1', 'include:_spf.example.com 1/1', '  ip4:192.0.2.0/24 0/0', '  -all 0/0', 'exists:x.example.com 1/1', 'ptr 1/1', '?all 0/0']);
    assert.equal(result.lookups, 5);
    assert.equal(result.root.cost, 5);
  });

  it('a asks for both address families; exists asks for A only', async () => {
    const { dns } = await analyze('v=spf1 a:host.example.com exists:x.example.com -all', {
      'host.example.com': [{ AAAA: '2001:db8::1' }],
      'x.example.com': [{ A: '127.0.0.2' }],
    });
    assert.deepEqual(queried(dns).sort(), ['A host.example.com', 'A x.example.com', 'AAAA host.example.com']);
  });

  it('follows and counts redirect when the record has no all', async () => {
    const { result, dns } = await analyze('v=spf1 ip4:192.0.2.1 redirect=_spf.example.com', {
      '_spf.example.com': [{ TXT: 'v=spf1 a:mail.example.com mx:example.com -all' }],
      'mail.example.com': [{ A: '192.0.2.25' }],
      'example.com': [{ MX: [10, 'mail.example.com'] }],
    });
    assert.equal(result.lookups, 3);
    assert.equal(term(result.root, 'redirect=_spf.example.com').cost, 3);
    assert.equal(dns.queries.filter((query) => query.name === '_spf.example.com').length, 1);
  });

  it('does not follow or count redirect when all is present anywhere in the record (RFC 7208 §6.1)', async () => {
    const zone: ZoneData = { 'heavy.example.com': [{ TXT: `v=spf1 ${'a '.repeat(12)}-all` }] };
    for (const text of ['v=spf1 mx redirect=heavy.example.com -all', 'v=spf1 mx -all redirect=heavy.example.com']) {
      const { result, dns } = await analyze(text, { ...zone, 'example.com': [{ MX: [10, 'mx.example.com'] }] });
      assert.equal(result.lookups, 1, text);
      assert.ok(!result.root.terms.some((node) => node.text.startsWith('redirect')), text);
      assert.deepEqual(dns.queries.filter((query) => query.name === 'heavy.example.com'), [], text);
    }
  });

  it('does not count or query terms after all, which are never reached', async () => {
    const { result, dns } = await analyze('v=spf1 ip4:192.0.2.1 ~all a:late.example.com mx include:_spf.example.com exists:x.example.com', {
      '_spf.example.com': [{ TXT: 'v=spf1 -all' }],
    });
    assert.equal(result.lookups, 0);
    assert.deepEqual(result.root.terms.map((node) => node.text), ['ip4:192.0.2.1', '~all']);
    assert.deepEqual(queried(dns), []);
  });

  it('does not count terms after all in an included record either', async () => {
    const { result } = await analyze('v=spf1 include:_spf.example.com -all', {
      '_spf.example.com': [{ TXT: 'v=spf1 a:one.example.com -all a:two.example.com mx' }],
      'one.example.com': [{ A: '192.0.2.1' }],
    });
    assert.equal(result.lookups, 2);
  });

  it('mx costs one whatever the number of hosts; their addresses are looked up but not counted', async () => {
    const hosts = Array.from({ length: 6 }, (_, i) => `mx${i}.example.com`);
    const zone: Record<string, ZoneData[string]> = { 'example.com': hosts.map((host, i) => ({ MX: [i, host] })) };
    hosts.forEach((host, i) => (zone[host] = [{ A: `192.0.2.${i + 1}` }]));
    const { result, dns } = await analyze('v=spf1 mx -all', zone);
    const mx = term(result.root, 'mx');
    assert.equal(mx.cost, 1);
    assert.equal(result.lookups, 1);
    assert.equal(mx.answer?.kind, 'mx');
    assert.equal(mx.answer?.kind === 'mx' && mx.answer.hosts.length, 6);
    assert.deepEqual(issueCodes(mx), []);
    assert.equal(dns.count('MX'), 1);
    assert.equal(dns.count('A'), 6);
    assert.equal(dns.count('AAAA'), 6);
  });

  it('spf-mx-too-many: 11 MX hosts is a permerror, 10 is not; at most 10 hosts are looked up', async () => {
    const zoneWith = (count: number): ZoneData => ({
      'example.com': Array.from({ length: count }, (_, i) => ({ MX: [i, `mx${i}.example.com`] })),
    });
    const eleven = await analyze('v=spf1 mx -all', zoneWith(11));
    const mx = term(eleven.result.root, 'mx');
    assert.deepEqual(issueCodes(mx), ['spf-mx-too-many']);
    assert.match(mx.issues[0].message, /example\.com has 11 MX hosts; SPF allows at most 10/);
    assert.equal(mx.cost, 1);
    assert.equal(eleven.dns.count('A'), 10);
    const ten = await analyze('v=spf1 mx -all', zoneWith(10));
    assert.deepEqual(issueCodes(term(ten.result.root, 'mx')), []);
  });

  it('asks no address for a null MX (RFC 7505): there is no host', async () => {
    const { result, dns } = await analyze('v=spf1 mx:nullmx.example.com -all', { 'nullmx.example.com': [{ MX: [0, '.'] }] });
    assert.deepEqual(queried(dns), ['MX nullmx.example.com']);
    const mx = term(result.root, 'mx:nullmx.example.com');
    assert.equal(mx.cost, 1);
    assert.deepEqual(mx.answer?.kind === 'mx' && mx.answer.hosts.map((host) => host.addresses), [[]]);
    assert.deepEqual(issueCodes(mx), []);
  });

  it('ptr and macro domain-specs cost one each and resolve nothing: the name depends on the sender', async () => {
    const text = 'v=spf1 ptr ptr:example.org a:%{i}.a.example.com mx:%{d}.example.com include:%{ir}.%{v}._spf.example.com exists:%{l}.x.example.com redirect=%{d}.example.net';
    const { result, dns } = await analyze(text);
    assert.equal(result.lookups, 7);
    for (const node of result.root.terms) {
      assert.equal(node.ownCost, 1, node.text);
      assert.equal(node.answer?.kind, 'sender-dependent', node.text);
      assert.equal(node.child, undefined, node.text);
    }
    assert.deepEqual(queried(dns), []);
  });

  it('counts nested includes of includes exactly, an include reached twice twice, and asks what it counts', async () => {
    const zone: ZoneData = {
      'a.example.net': [{ TXT: 'v=spf1 include:c.example.net mx:a.example.net ip4:192.0.2.0/24 -all' }, { MX: [10, 'mx.a.example.net'] }],
      'mx.a.example.net': [{ A: '192.0.2.10' }],
      'b.example.net': [{ TXT: 'v=spf1 include:c.example.net include:d.example.net ~all' }],
      'c.example.net': [{ TXT: 'v=spf1 a:one.example.net exists:%{i}.rbl.example.net include:d.example.net -all' }],
      'd.example.net': [{ TXT: 'v=spf1 ip6:2001:db8::/32 a:two.example.net -all' }],
      'one.example.net': [{ A: '192.0.2.1' }],
      'two.example.net': [{ A: '192.0.2.2' }],
    };
    const { result, dns } = await analyze('v=spf1 include:a.example.net include:b.example.net -all', zone);
    assert.deepEqual(costTree(result.root), [
      'include:a.example.net 7/1',
      '  include:c.example.net 5/1',
      '    a:one.example.net 1/1',
      '    exists:%{i}.rbl.example.net 1/1',
      '    include:d.example.net 2/1',
      '      ip6:2001:db8::/32 0/0',
      '      a:two.example.net 1/1',
      '      -all 0/0',
      '    -all 0/0',
      '  mx:a.example.net 1/1',
      '  ip4:192.0.2.0/24 0/0',
      '  -all 0/0',
      'include:b.example.net 8/1',
      '  include:c.example.net 5/1',
      '    a:one.example.net 1/1',
      '    exists:%{i}.rbl.example.net 1/1',
      '    include:d.example.net 2/1',
      '      ip6:2001:db8::/32 0/0',
      '      a:two.example.net 1/1',
      '      -all 0/0',
      '    -all 0/0',
      '  include:d.example.net 2/1',
      '    ip6:2001:db8::/32 0/0',
      '    a:two.example.net 1/1',
      '    -all 0/0',
      '  ~all 0/0',
      '-all 0/0',
    ]);
    assert.equal(result.lookups, 15);
    assert.equal(result.root.cost, 15);
    assert.equal(result.voids, 0);
    // Records' costs are the sums of their terms'.
    for (const { node } of walkTree(result.root)) {
      if (node.child) assert.equal(node.cost, 1 + node.child.terms.reduce((sum, child) => sum + child.cost, 0), node.text);
    }
    assert.deepEqual(heaviestTerms(result).map((node) => `${node.text} ${node.cost}`), ['include:b.example.net 8', 'include:a.example.net 7']);
    // Without a cache the engine asks once per counted term (and the fake answers each); the real stack de-duplicates.
    assert.equal(result.queries, dns.count());
    assert.equal(dns.queries.filter((query) => query.name === 'c.example.net').length, 2);
    assert.equal(dns.queries.filter((query) => query.name === 'd.example.net').length, 3);
  });

  it('invalid terms cost nothing', async () => {
    const { result } = await analyze('v=spf1 inclde:_spf.example.com a:host.example.com -all', { 'host.example.com': [{ A: '192.0.2.1' }] });
    assert.equal(result.lookups, 1);
  });

  it('looks up a domain-spec with %% and %- escapes as the name they stand for', async () => {
    const { dns, result } = await analyze('v=spf1 exists:foo%-bar%%.example.com -all', { 'foo%20bar%.example.com': [{ A: '127.0.0.2' }] });
    assert.deepEqual(queried(dns), ['A foo%20bar%.example.com']);
    assert.equal(term(result.root, 'exists:foo%-bar%%.example.com').answer?.kind, 'addresses');
  });
});

describe('analyzeLookups: void lookups', () => {
  it('spf-void-lookup on a, mx and exists whose names do not exist or have no records', async () => {
    const { result } = await analyze('v=spf1 a:gone.example.com mx:nomx.example.com exists:nothing.example.com a:host.example.com -all', {
      'nomx.example.com': [{ A: '192.0.2.9' }],
      'nothing.example.com': [{ TXT: 'exists, but has no A record' }],
      'host.example.com': [{ A: '192.0.2.1' }],
    });
    assert.deepEqual(result.root.terms.map((node) => [node.text, node.voids, issueCodes(node)]), [
      ['a:gone.example.com', 1, ['spf-void-lookup']],
      ['mx:nomx.example.com', 1, ['spf-void-lookup']],
      ['exists:nothing.example.com', 1, ['spf-void-lookup']],
      ['a:host.example.com', 0, []],
      ['-all', 0, []],
    ]);
    assert.deepEqual(result.root.terms.slice(0, 3).map((node) => node.answer?.kind === 'void' && node.answer.outcome), ['nxdomain', 'nodata', 'nodata']);
    assert.match(result.root.terms[0].issues[0].message, /gone\.example\.com, which does not exist/);
    assert.match(result.root.terms[1].issues[0].message, /nomx\.example\.com, which has no MX records/);
    assert.equal(result.voids, 3);
  });

  it('a name with only an AAAA record is not void for a', async () => {
    const { result } = await analyze('v=spf1 a:v6.example.com -all', { 'v6.example.com': [{ AAAA: '2001:db8::1' }] });
    assert.equal(result.voids, 0);
    assert.deepEqual(term(result.root, 'a:v6.example.com').answer, { kind: 'addresses', name: 'v6.example.com', addresses: ['2001:db8::1'], source: { kind: 'none' } });
  });

  it('adds up void lookups below includes, and an include of a name that does not exist is one', async () => {
    const { result } = await analyze('v=spf1 include:_spf.example.com include:gone.example.com -all', {
      '_spf.example.com': [{ TXT: 'v=spf1 a:x.example.com a:y.example.com -all' }],
    });
    assert.equal(term(result.root, 'include:_spf.example.com').voids, 2);
    assert.equal(term(result.root, 'include:gone.example.com').voids, 1);
    assert.equal(result.voids, 3);
  });

  it('exp= to a name that does not exist is not a void lookup (RFC 7208 §4.6.4)', async () => {
    const { result, dns } = await analyze('v=spf1 a:host.example.com exp=gone.example.com -all', { 'host.example.com': [{ A: '192.0.2.1' }] });
    assert.equal(result.voids, 0);
    assert.ok(!dns.queries.some((query) => query.name === 'gone.example.com'));
  });
});

describe('analyzeLookups: include and redirect targets', () => {
  it('spf-include-no-spf: a target that does not exist, has no TXT, or no SPF record among its TXT', async () => {
    const { result } = await analyze('v=spf1 include:gone.example.com include:nodata.example.com include:other.example.com redirect=alsogone.example.com', {
      'nodata.example.com': [{ A: '192.0.2.1' }],
      'other.example.com': [{ TXT: 'google-site-verification=abc' }, { TXT: 'v=spf10 -all' }],
    });
    assert.deepEqual(result.root.terms.map((node) => [node.text, issueCodes(node), node.voids]), [
      ['include:gone.example.com', ['spf-include-no-spf'], 1],
      ['include:nodata.example.com', ['spf-include-no-spf'], 1],
      ['include:other.example.com', ['spf-include-no-spf'], 0],
      ['redirect=alsogone.example.com', ['spf-include-no-spf'], 1],
    ]);
    assert.match(result.root.terms[0].issues[0].message, /gone\.example\.com does not exist/);
    assert.match(result.root.terms[2].issues[0].message, /other\.example\.com has no SPF record/);
    assert.equal(result.lookups, 4);
  });

  it('no spf-include-no-spf when the target has an SPF record beside other TXT records', async () => {
    const { result } = await analyze('v=spf1 include:_spf.example.com -all', {
      '_spf.example.com': [{ TXT: 'google-site-verification=abc' }, { TXT: ['v=spf1 ip4:192.0.2.0/24', ' -all'] }],
    });
    assert.deepEqual(issueCodes(term(result.root, 'include:_spf.example.com')), []);
    assert.equal(term(result.root, 'include:_spf.example.com').child?.text, 'v=spf1 ip4:192.0.2.0/24 -all');
  });

  it('spf-include-multiple: a target publishing two SPF records is not followed', async () => {
    const { result, dns } = await analyze('v=spf1 include:two.example.com -all', {
      'two.example.com': [{ TXT: 'v=spf1 a:x.example.com -all' }, { TXT: 'v=spf1 mx -all' }],
    });
    const include = term(result.root, 'include:two.example.com');
    assert.deepEqual(issueCodes(include), ['spf-include-multiple']);
    assert.match(include.issues[0].message, /two\.example\.com publishes 2 SPF records/);
    assert.equal(include.child, undefined);
    assert.deepEqual(queried(dns), ['TXT two.example.com']);
  });

  it('spf-include-invalid: a target whose record has a syntax error; a valid unknown modifier is fine', async () => {
    const { result } = await analyze('v=spf1 include:bad.example.com include:fine.example.com -all', {
      'bad.example.com': [{ TXT: 'v=spf1 include +all' }],
      'fine.example.com': [{ TXT: 'v=spf1 ip4:192.0.2.1 moo.cow=far -all' }],
    });
    assert.deepEqual(issueCodes(term(result.root, 'include:bad.example.com')), ['spf-include-invalid']);
    assert.match(term(result.root, 'include:bad.example.com').issues[0].message, /The SPF record of bad\.example\.com has a syntax error/);
    assert.deepEqual(issueCodes(term(result.root, 'include:fine.example.com')), []);
  });

  it('spf-loop: an include loop, a redirect loop and a self-include, each stopped at the repeat', async () => {
    const zone: ZoneData = {
      'a.example.com': [{ TXT: 'v=spf1 include:b.example.com -all' }],
      'b.example.com': [{ TXT: 'v=spf1 include:a.example.com -all' }],
      'r.example.com': [{ TXT: 'v=spf1 redirect=example.com' }],
    };
    const includeLoop = await analyze('v=spf1 include:a.example.com -all', zone);
    const include = term(includeLoop.result.root, 'include:a.example.com');
    assert.deepEqual(issueCodes(include), ['spf-loop']);
    assert.match(include.issues[0].message, /a\.example\.com → b\.example\.com → a\.example\.com/);
    assert.equal(include.cost, 3);
    assert.deepEqual(queried(includeLoop.dns), ['TXT a.example.com', 'TXT b.example.com']);

    const redirectLoop = await analyze('v=spf1 ip4:192.0.2.1 redirect=r.example.com', zone);
    const redirect = term(redirectLoop.result.root, 'redirect=r.example.com');
    assert.deepEqual(issueCodes(redirect), ['spf-loop']);
    assert.match(redirect.issues[0].message, /example\.com → r\.example\.com → example\.com/);

    const self = await analyze('v=spf1 include:EXAMPLE.com. -all');
    assert.deepEqual(issueCodes(term(self.result.root, 'include:EXAMPLE.com.')), ['spf-loop']);
    assert.deepEqual(queried(self.dns), []);
  });

  it('no spf-loop when the same record is reached on two branches', async () => {
    const { result } = await analyze('v=spf1 include:a.example.com include:b.example.com -all', {
      'a.example.com': [{ TXT: 'v=spf1 include:c.example.com -all' }],
      'b.example.com': [{ TXT: 'v=spf1 include:c.example.com -all' }],
      'c.example.com': [{ TXT: 'v=spf1 ip4:192.0.2.1 -all' }],
    });
    assert.deepEqual([...walkTree(result.root)].flatMap(({ node }) => issueCodes(node)), []);
    assert.equal(result.lookups, 4);
  });

  it('spf-dns-error: a target that times out or fails names the name and the failure', async () => {
    const { result } = await analyze('v=spf1 include:slow.example.com a:broken.example.com -all', {
      'slow.example.com': ['TIMEOUT'],
      'broken.example.com': ['SERVFAIL'],
    });
    const slow = term(result.root, 'include:slow.example.com');
    assert.deepEqual(issueCodes(slow), ['spf-dns-error']);
    assert.match(slow.issues[0].message, /SPF record of slow\.example\.com .*no answer within 0 ms/);
    assert.equal(slow.voids, 0);
    const broken = term(result.root, 'a:broken.example.com');
    assert.deepEqual(issueCodes(broken), ['spf-dns-error']);
    assert.match(broken.issues[0].message, /broken\.example\.com .*SERVFAIL/);
    assert.equal(result.lookups, 2);
  });

  it('reports a finding deep in the tree on the top-level term it is reached through, once', async () => {
    const { result } = await analyze('v=spf1 include:a.example.com -all', {
      'a.example.com': [{ TXT: 'v=spf1 include:b.example.com -all' }],
      'b.example.com': [{ TXT: 'v=spf1 include:gone.example.com -all' }],
    });
    const include = term(result.root, 'include:a.example.com');
    assert.deepEqual(issueCodes(include), ['spf-include-no-spf']);
    assert.match(include.issues[0].message, /^Via "include:a\.example\.com": Via "include:b\.example\.com": gone\.example\.com does not exist/);
  });

  it('stops following includes below maxDepth', async () => {
    const zone: Record<string, ZoneData[string]> = {};
    for (let i = 0; i < 6; i++) zone[`l${i}.example.com`] = [{ TXT: `v=spf1 include:l${i + 1}.example.com -all` }];
    const dns = new ZoneResolver(zone);
    const result = await analyzeLookups('example.com', 'v=spf1 include:l0.example.com -all', { resolver: dns, maxDepth: 3 });
    assert.equal(dns.count(), 3);
    assert.match(result.root.terms[0].issues[0].message, /nested more than 3 levels deep/);
  });
});

/** A zone resolver that lets a test act when a given question is asked. */
class HookedResolver implements Resolver {
  constructor(
    readonly inner: ZoneResolver,
    private readonly onQuery: (name: string, type: RecordType) => void,
  ) {}

  resolve<T extends RecordType>(name: string, type: T, options?: ResolveOptions): Promise<DnsAnswer<T>> {
    this.onQuery(name, type);
    return this.inner.resolve(name, type, options);
  }
}

describe('analyzeLookups: cancellation', () => {
  const zone: ZoneData = {
    'a.example.com': [{ TXT: 'v=spf1 include:b.example.com -all' }],
    'b.example.com': [{ TXT: 'v=spf1 include:c.example.com a -all' }],
    'c.example.com': [{ TXT: 'v=spf1 a -all' }],
  };

  it('sends no query when the signal is already aborted', async () => {
    const dns = new ZoneResolver(zone);
    const result = await analyzeLookups('example.com', 'v=spf1 include:a.example.com mx a -all', { resolver: dns, signal: AbortSignal.abort() });
    assert.equal(dns.count(), 0);
    assert.equal(result.queries, 0);
  });

  it('sends no further query once the signal is aborted, even when an answer still arrives', async () => {
    const controller = new AbortController();
    // The fake ignores the signal and answers anyway, as a query already on the wire may.
    const dns = new HookedResolver(new ZoneResolver(zone), (name) => {
      if (name === 'b.example.com') controller.abort();
    });
    const result = await analyzeLookups('example.com', 'v=spf1 include:a.example.com -all', { resolver: dns, signal: controller.signal });
    assert.deepEqual(queried(dns.inner), ['TXT a.example.com', 'TXT b.example.com']);
    assert.equal(result.queries, 2);
  });
});

describe('analyzeLookups on the RFC 7208 suite scenarios about limits, voids and loops', () => {
  const located = locateSuite('rfc7208-tests.yml');
  const scenarios = 'path' in located ? loadSuite(located.path) : [];
  const skip = 'skip' in located ? located.skip : false;

  /** Analyses the SPF record the suite's test checks (the MAIL FROM domain's), served from the scenario's zone. */
  async function analyzeSuiteTest(scenario: string, testName: string): Promise<Analyzed & { expected: readonly string[] }> {
    const found = scenarios.find((candidate) => candidate.description === scenario);
    assert.ok(found, `scenario "${scenario}" is in the suite`);
    const test = found.tests.find((candidate) => candidate.name === testName);
    assert.ok(test, `test ${testName} is in "${scenario}"`);
    const domain = test.mailfrom.split('@').pop()!;
    const dns = new ZoneResolver(found.zonedata);
    const txt = await dns.resolve(domain, 'TXT');
    const spf = txt.kind === 'ok' ? txt.records.map((strings) => strings.join('')).filter(isSpfRecord) : [];
    assert.equal(spf.length, 1, `${domain} has one SPF record`);
    const result = await analyzeLookups(domain, spf[0], { resolver: dns });
    return { result, dns, expected: test.result };
  }

  const allIssues = (result: LookupResult) => result.root.terms.flatMap(issueCodes);

  it('Processing limits: over 10 lookups where the suite expects permerror for that, 10 where it passes', { skip }, async () => {
    const over = await analyzeSuiteTest('Processing limits', 'mech-over-limit');
    assert.deepEqual(over.expected, ['permerror']);
    assert.equal(over.result.lookups, 11);
    const includeOver = await analyzeSuiteTest('Processing limits', 'include-over-limit');
    assert.deepEqual(includeOver.expected, ['permerror']);
    assert.equal(includeOver.result.lookups, 11);
    const at = await analyzeSuiteTest('Processing limits', 'mech-at-limit');
    assert.deepEqual(at.expected, ['pass']);
    assert.equal(at.result.lookups, 10);
    // The suite's client matches the first "a" and never reaches "mx"; the worst case (any other IP) does reach it.
    const includeAt = await analyzeSuiteTest('Processing limits', 'include-at-limit');
    assert.deepEqual(includeAt.expected, ['pass']);
    assert.equal(includeAt.result.lookups, 11);
    assert.deepEqual(includeAt.result.root.terms.map((node) => node.text), ['a', 'include:inc.example.com', 'ip4:1.2.3.4', 'mx', '-all']);
  });

  it('Processing limits: more than 2 void lookups where the suite expects permerror, 2 where it does not', { skip }, async () => {
    const over = await analyzeSuiteTest('Processing limits', 'void-over-limit');
    assert.deepEqual(over.expected, ['permerror']);
    assert.equal(over.result.voids, 3);
    const at = await analyzeSuiteTest('Processing limits', 'void-at-limit');
    assert.deepEqual(at.expected, ['neutral']);
    assert.equal(at.result.voids, 2);
  });

  it('Processing limits: redirect loop, include loop and 11 MX hosts', { skip }, async () => {
    const redirect = await analyzeSuiteTest('Processing limits', 'redirect-loop');
    assert.deepEqual(redirect.expected, ['permerror']);
    assert.deepEqual(allIssues(redirect.result), ['spf-loop']);
    const include = await analyzeSuiteTest('Processing limits', 'include-loop');
    assert.deepEqual(include.expected, ['permerror']);
    assert.deepEqual(allIssues(include.result), ['spf-loop']);
    const mx = await analyzeSuiteTest('Processing limits', 'mx-limit');
    assert.deepEqual(mx.expected, ['permerror']);
    assert.deepEqual(allIssues(mx.result), ['spf-mx-too-many']);
    assert.equal(mx.result.lookups, 1);
  });

  it('Processing limits: ptr and A records with many answers cost one', { skip }, async () => {
    const ptr = await analyzeSuiteTest('Processing limits', 'ptr-limit');
    assert.equal(ptr.result.lookups, 1);
    assert.equal(ptr.result.root.terms[0].answer?.kind, 'sender-dependent');
    const a = await analyzeSuiteTest('Processing limits', 'false-a-limit');
    assert.equal(a.result.lookups, 1);
    assert.deepEqual(allIssues(a.result), []);
    assert.equal(a.result.root.terms[0].answer?.kind === 'addresses' && a.result.root.terms[0].answer.addresses.length, 12);
  });

  it('Include semantics: include of a name without SPF, of a record with a syntax error, of a name that times out', { skip }, async () => {
    const none = await analyzeSuiteTest('Include mechanism semantics and syntax', 'include-none');
    assert.deepEqual(none.expected, ['permerror']);
    assert.deepEqual(allIssues(none.result), ['spf-include-no-spf']);
    const invalid = await analyzeSuiteTest('Include mechanism semantics and syntax', 'include-permerror');
    assert.deepEqual(invalid.expected, ['permerror']);
    assert.deepEqual(allIssues(invalid.result), ['spf-include-invalid']);
    const timeout = await analyzeSuiteTest('Include mechanism semantics and syntax', 'include-temperror');
    assert.deepEqual(timeout.expected, ['temperror']);
    assert.deepEqual(allIssues(timeout.result), ['spf-dns-error']);
  });

  it('Record evaluation and exp: a self-redirect ignored because of all, redirect to no SPF, exp to nothing', { skip }, async () => {
    const ignored = await analyzeSuiteTest('Record evaluation', 'redirect-after-mechanisms1');
    assert.deepEqual(ignored.expected, ['softfail']);
    assert.equal(ignored.result.lookups, 0);
    assert.deepEqual(allIssues(ignored.result), []);
    const none = await analyzeSuiteTest('Semantics of exp and other modifiers', 'redirect-none');
    assert.deepEqual(none.expected, ['permerror']);
    assert.deepEqual(allIssues(none.result), ['spf-include-no-spf']);
    const expVoid = await analyzeSuiteTest('Semantics of exp and other modifiers', 'exp-void');
    assert.equal(expVoid.result.voids, 2);
    assert.ok(!expVoid.dns.queries.some((query) => query.name === 'nxdomain.com'));
  });
});
