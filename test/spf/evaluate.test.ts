import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DnsAnswer, RecordType, Resolver } from '../../server/src/dns/resolver';
import type { CheckHostInput, CheckHostOptions, CheckHostResult } from '../../server/src/spf/evaluate';
import { checkHost, validateCheckInput } from '../../server/src/spf/evaluate';
import type { TraceStep } from '../../server/src/spf/trace';
import { formatTrace, traceToJson } from '../../server/src/spf/trace';
import type { ZoneData } from '../fakes/zoneResolver';
import { ZoneResolver } from '../fakes/zoneResolver';

interface Checked {
  readonly result: CheckHostResult;
  readonly dns: ZoneResolver;
}

async function check(zone: ZoneData, input: Partial<CheckHostInput> = {}, options: Partial<CheckHostOptions> = {}): Promise<Checked> {
  const dns = new ZoneResolver(zone);
  const result = await checkHost(
    { ip: '192.0.2.10', sender: 'alice@example.com', helo: 'mail.example.com', ...input },
    { resolver: dns, ...options },
  );
  return { result, dns };
}

function steps<K extends TraceStep['kind']>(result: CheckHostResult, kind: K): Extract<TraceStep, { kind: K }>[] {
  return result.trace.filter((step): step is Extract<TraceStep, { kind: K }> => step.kind === kind);
}

describe('checkHost: identities and input', () => {
  it('checks postmaster@HELO for the null reverse-path (RFC 7208 §2.4)', async () => {
    const { result, dns } = await check({ 'mail.example.com': [{ TXT: 'v=spf1 ip4:192.0.2.10 -all' }] }, { sender: '' });
    assert.equal(result.result, 'pass');
    assert.equal(result.identity, 'helo');
    assert.equal(result.sender, 'postmaster@mail.example.com');
    assert.deepEqual(dns.queries, [{ name: 'mail.example.com', type: 'TXT' }]);
  });

  it('checks the HELO identity when asked, whatever the sender', async () => {
    const { result } = await check({ 'mail.example.com': [{ TXT: 'v=spf1 -all' }], 'example.com': [{ TXT: 'v=spf1 +all' }] }, { identity: 'helo' });
    assert.equal(result.result, 'fail');
    assert.equal(result.domain, 'mail.example.com');
  });

  it('substitutes "postmaster" for a missing local-part (§4.3)', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 -all exp=why.example.com' }], 'why.example.com': [{ TXT: '%{l} / %{s}' }] };
    const { result } = await check(zone, { sender: '@example.com' });
    assert.equal(result.explanation, 'postmaster / postmaster@example.com');
  });

  it('reads a sender without "@" as a domain with local-part postmaster', async () => {
    const { result } = await check({ 'example.com': [{ TXT: 'v=spf1 -all exp=why.example.com' }], 'why.example.com': [{ TXT: '%{s}' }] }, { sender: 'example.com' });
    assert.equal(result.explanation, 'postmaster@example.com');
  });

  it('returns none with an input error, and asks nothing, for an address that is not an IP', async () => {
    const { result, dns } = await check({}, { ip: '192.0.2.300' });
    assert.equal(result.result, 'none');
    assert.match(result.inputError ?? '', /not an IPv4 or IPv6 address/);
    assert.equal(dns.count(), 0);
  });

  it('returns none without a query for a sender domain that is not a domain (§4.3)', async () => {
    for (const sender of ['a@[192.0.2.1]', 'a@localhost', 'a@example..com', `a@${'x'.repeat(64)}.example.com`, 'a@192.0.2.1', 'a@']) {
      const { result, dns } = await check({}, { sender });
      assert.equal(result.result, 'none', sender);
      assert.equal(dns.count(), 0, sender);
    }
  });

  it('validateCheckInput gives usage errors for the CLI and the command', () => {
    assert.deepEqual(validateCheckInput({ ip: '192.0.2.1', sender: 'a@example.com', helo: '' }), []);
    assert.deepEqual(validateCheckInput({ ip: '2001:db8::1', sender: '', helo: 'mail.example.com' }), []);
    assert.deepEqual(validateCheckInput({ ip: '::ffff:192.0.2.1', sender: '<a@example.com>', helo: 'h.example.com' }), []);
    const fields = (input: Parameters<typeof validateCheckInput>[0]) => validateCheckInput(input).map((problem) => problem.field);
    assert.deepEqual(fields({ ip: 'mail.example.com', sender: 'a@example.com', helo: '' }), ['ip']);
    assert.deepEqual(fields({ ip: '192.0.2.1/24', sender: 'a@example.com', helo: '' }), ['ip']);
    assert.deepEqual(fields({ ip: 'fe80::1%eth0', sender: 'a@example.com', helo: '' }), ['ip']);
    assert.deepEqual(fields({ ip: '192.0.2.1', sender: '', helo: '' }), ['sender']);
    assert.deepEqual(fields({ ip: '192.0.2.1', sender: 'example.com', helo: '' }), ['sender']);
    assert.deepEqual(fields({ ip: '192.0.2.1', sender: 'a@', helo: '' }), ['sender']);
    assert.deepEqual(fields({ ip: '192.0.2.1', sender: 'a@example.com', helo: ' ', identity: 'helo' }), ['helo']);
    assert.match(validateCheckInput({ ip: '192.0.2.1', sender: 'example.com', helo: '' })[0].message, /postmaster@example\.com/);
  });
});

describe('checkHost: mechanisms', () => {
  it('matches an IPv4-mapped client with ip4 and never with ip6 (§5)', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 ip6:::ffff:192.0.2.0/120 ip4:192.0.2.0/24 -all' }] };
    const { result } = await check(zone, { ip: '::ffff:192.0.2.10' });
    assert.equal(result.result, 'pass');
    assert.equal(steps(result, 'match')[0].matched, false);
  });

  it('asks AAAA for an IPv6 client and uses the //prefix of a and mx', async () => {
    const zone = {
      'example.com': [{ TXT: 'v=spf1 a/24//64 -all' }, { A: '198.51.100.1' }, { AAAA: '2001:db8:1:2::99' }],
    };
    const { result, dns } = await check(zone, { ip: '2001:db8:1:2::1' });
    assert.equal(result.result, 'pass');
    assert.deepEqual(dns.queries.map((query) => query.type), ['TXT', 'AAAA']);
  });

  it('gives permerror for an mx naming more than 10 hosts, before asking for any address (§4.6.4)', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 mx -all' }, ...Array.from({ length: 11 }, (_, i) => ({ MX: [i, `mx${i}.example.com`] }))] };
    const { result, dns } = await check(zone);
    assert.equal(result.result, 'permerror');
    assert.deepEqual(dns.queries.map((query) => query.type), ['TXT', 'MX']);
  });

  it('skips a null MX and never falls back to the domain\'s own address (§5.4)', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 mx -all' }, { MX: [0, '.'] }, { A: '192.0.2.10' }] };
    const { result, dns } = await check(zone);
    assert.equal(result.result, 'fail');
    assert.equal(dns.count('A'), 0);
  });

  it('ends in temperror when an MX host\'s address lookup times out', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 mx -all' }, { MX: [10, 'slow.example.com'] }], 'slow.example.com': ['TIMEOUT'] };
    assert.equal((await check(zone)).result.result, 'temperror');
  });

  it('validates ptr names and ignores a PTR lookup failure rather than erroring (§5.5)', async () => {
    const zone = {
      'example.com': [{ TXT: 'v=spf1 ptr -all' }],
      '10.2.0.192.in-addr.arpa': [{ PTR: 'fake.example.com' }, { PTR: 'host.example.com' }],
      'host.example.com': [{ A: '192.0.2.10' }],
      'fake.example.com': [{ A: '198.51.100.1' }],
    };
    assert.equal((await check(zone)).result.result, 'pass');
    const failing = { 'example.com': [{ TXT: 'v=spf1 ptr ~all' }], '10.2.0.192.in-addr.arpa': ['TIMEOUT'] };
    assert.equal((await check(failing)).result.result, 'softfail');
  });

  it('looks at no more than the first 10 PTR names (§4.6.4)', async () => {
    const names = Array.from({ length: 11 }, (_, i) => ({ PTR: `h${i}.example.com` }));
    const zone = { 'example.com': [{ TXT: 'v=spf1 ptr ?all' }], '10.2.0.192.in-addr.arpa': names, 'h10.example.com': [{ A: '192.0.2.10' }] };
    const { result } = await check(zone);
    assert.equal(result.result, 'neutral');
  });

  it('prefers the checked domain, then its subdomains, for %{p} (§7.3)', async () => {
    const zone = {
      'example.com': [{ TXT: 'v=spf1 -all exp=why.example.com' }],
      'why.example.com': [{ TXT: '%{p}' }],
      '10.2.0.192.in-addr.arpa': [{ PTR: 'other.example.net' }, { PTR: 'mx.example.com' }],
      'other.example.net': [{ A: '192.0.2.10' }],
      'mx.example.com': [{ A: '192.0.2.10' }],
    };
    assert.equal((await check(zone)).result.explanation, 'mx.example.com');
  });

  it('asks A for exists even for an IPv6 client (§5.7)', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 exists:%{ir}.%{v}.list.example.net -all' }] };
    const { dns } = await check(zone, { ip: '2001:db8::1' });
    assert.equal(dns.queries[1].type, 'A');
    assert.match(dns.queries[1].name, /\.ip6\.list\.example\.net$/);
  });
});

describe('checkHost: include and redirect', () => {
  it('maps the included result: pass matches, fail/softfail/neutral do not, none is permerror (§5.2)', async () => {
    const zone = (included: string) => ({ 'example.com': [{ TXT: 'v=spf1 include:inc.example.com ~all' }], 'inc.example.com': [{ TXT: included }] });
    assert.equal((await check(zone('v=spf1 +all'))).result.result, 'pass');
    for (const inner of ['v=spf1 -all', 'v=spf1 ~all', 'v=spf1 ?all', 'v=spf1']) {
      assert.equal((await check(zone(inner))).result.result, 'softfail', inner);
    }
    assert.equal((await check(zone('not spf'))).result.result, 'permerror');
    assert.equal((await check(zone('v=spf1 nonsense'))).result.result, 'permerror');
  });

  it('ignores redirect= when the record has an all mechanism, wherever it is (§6.1)', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 redirect=other.example.com ?all' }], 'other.example.com': [{ TXT: 'v=spf1 -all' }] };
    const { result, dns } = await check(zone);
    assert.equal(result.result, 'neutral');
    assert.equal(dns.count(), 1);
  });

  it('evaluates the redirect target with <domain> set to it', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 redirect=_spf.example.net' }], '_spf.example.net': [{ TXT: 'v=spf1 a -all' }, { A: '192.0.2.10' }] };
    const { result, dns } = await check(zone);
    assert.equal(result.result, 'pass');
    assert.deepEqual(dns.queries[2], { name: '_spf.example.net', type: 'A' });
  });

  it('gives permerror for a redirect to a domain without a record (§6.1)', async () => {
    assert.equal((await check({ 'example.com': [{ TXT: 'v=spf1 redirect=nowhere.example.com' }] })).result.result, 'permerror');
  });

  it('explains a fail with the exp= of the record that failed, never an included one (§6.2)', async () => {
    const zone = {
      'example.com': [{ TXT: 'v=spf1 include:inc.example.com -all exp=top.example.com' }],
      'inc.example.com': [{ TXT: 'v=spf1 -all exp=inner.example.com' }],
      'top.example.com': [{ TXT: 'Not from %{c}, says %{d}.' }],
      'inner.example.com': [{ TXT: 'inner' }],
    };
    const { result, dns } = await check(zone);
    assert.equal(result.explanation, 'Not from 192.0.2.10, says example.com.');
    assert.equal(dns.queries.filter((query) => query.name === 'inner.example.com').length, 0);
  });

  it('has an explanation only for fail, with %{r} and %{t} from the input', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 -all exp=why.example.com' }], 'why.example.com': [{ TXT: '%{r} %{t}' }] };
    const { result } = await check(zone, { receiver: 'mx.receiver.example', now: () => 42_000 });
    assert.equal(result.explanation, 'mx.receiver.example 42');
    const softfail = await check({ 'example.com': [{ TXT: 'v=spf1 ~all exp=why.example.com' }] });
    assert.equal(softfail.result.explanation, undefined);
    assert.equal(softfail.dns.count(), 1);
  });

  it('uses the default explanation when exp= cannot be used', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 -all exp=why.example.com' }], 'why.example.com': [{ TXT: 'one' }, { TXT: 'two' }] };
    const { result } = await check(zone, {}, { defaultExplanation: 'Rejected %{i} for %{o}.' });
    assert.equal(result.explanation, 'Rejected 192.0.2.10 for example.com.');
    assert.match(formatTrace(result), /exp=why\.example\.com ignored: why\.example\.com has 2 TXT records/);
  });
});

describe('checkHost: limits (§4.6.4)', () => {
  it('stops at the 11th DNS-querying term without sending its query', async () => {
    const zone = { 'example.com': [{ TXT: `v=spf1 ${Array(11).fill('a:host.example.com').join(' ')} -all` }], 'host.example.com': [{ A: '198.51.100.1' }] };
    const { result, dns } = await check(zone);
    assert.equal(result.result, 'permerror');
    assert.equal(result.lookups, 11);
    assert.equal(dns.count('A'), 10);
    assert.match(result.reason, /at most 10 DNS-querying terms/);
  });

  it('counts include and redirect, and lets the limit be configured', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 include:a.example.com redirect=b.example.com' }], 'a.example.com': [{ TXT: 'v=spf1 -all' }], 'b.example.com': [{ TXT: 'v=spf1 +all' }] };
    assert.equal((await check(zone)).result.lookups, 2);
    assert.equal((await check(zone, {}, { maxLookups: 1 })).result.result, 'permerror');
  });

  it('counts NXDOMAIN and NODATA as void lookups and stops at the third', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 a:n1.example.com mx:n2.example.com exists:n3.example.com +all' }], 'n2.example.com': [{ A: '192.0.2.1' }] };
    const { result } = await check(zone);
    assert.equal(result.result, 'permerror');
    assert.equal(result.voidLookups, 3);
    const text = formatTrace(result);
    assert.match(text, /A n1\.example\.com → NXDOMAIN \(no such name\) {2}\[void lookup 1 of 2\]/);
    assert.match(text, /MX n2\.example\.com → no records of this type {2}\[void lookup 2 of 2\]/);
  });

  it('never counts exp= lookups or the checked domain\'s own TXT lookup as void', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 a:n1.example.com a:n2.example.com -all exp=nowhere.example.com' }] };
    const { result } = await check(zone);
    assert.equal(result.result, 'fail');
    assert.equal(result.voidLookups, 2);
    const missing = await check({});
    assert.equal(missing.result.result, 'none');
    assert.equal(missing.result.voidLookups, 0);
  });

  it('ends an include loop at the lookup limit', async () => {
    const zone = { 'a.example.com': [{ TXT: 'v=spf1 include:b.example.com' }], 'b.example.com': [{ TXT: 'v=spf1 include:a.example.com' }] };
    const { result, dns } = await check(zone, { sender: 'x@a.example.com' });
    assert.equal(result.result, 'permerror');
    assert.equal(dns.count(), 11);
  });
});

describe('checkHost: names from macros', () => {
  it('does not query a name whose label would exceed 63 octets; a and exists then do not match', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 a:%{l}.example.com exists:%{l}.example.com -all' }] };
    const { result, dns } = await check(zone, { sender: `${'x'.repeat(64)}@example.com` });
    assert.equal(result.result, 'fail');
    assert.equal(dns.count(), 1);
    assert.match(formatTrace(result), /not queried: the label "x{64}" is 64 octets long/);
  });

  it('treats such a name as malformed for include and redirect: permerror (§4.3, §5.2, §6.1)', async () => {
    for (const record of ['v=spf1 include:%{l}.example.com -all', 'v=spf1 redirect=%{l}.example.com']) {
      const { result } = await check({ 'example.com': [{ TXT: record }] }, { sender: `${'x'.repeat(64)}@example.com` });
      assert.equal(result.result, 'permerror', record);
    }
  });

  it('does not query an empty label from a macro', async () => {
    const { result, dns } = await check({ 'example.com': [{ TXT: 'v=spf1 exists:%{l}.example.com -all' }] }, { sender: 'a..b@example.com' });
    assert.equal(result.result, 'fail');
    assert.equal(dns.count(), 1);
  });

  it('truncates a long expansion from the left before querying it (§7.3)', async () => {
    const zone = { 'example.com': [{ TXT: 'v=spf1 exists:%{l}.%{l}.%{l}.%{l}.%{l}.example.com -all' }] };
    const { dns } = await check(zone, { sender: `${'y'.repeat(60)}@example.com` });
    const asked = dns.queries[1].name;
    assert.ok(asked.length <= 253, `${asked.length} octets`);
    assert.equal(asked, `${Array(3).fill('y'.repeat(60)).join('.')}.example.com`);
  });
});

describe('checkHost: failures are results', () => {
  it('turns a resolver that throws into temperror', async () => {
    const throwing: Resolver = { resolve: async () => { throw new Error('socket closed'); } };
    const result = await checkHost({ ip: '192.0.2.1', sender: 'a@example.com', helo: 'h.example.com' }, { resolver: throwing });
    assert.equal(result.result, 'temperror');
    assert.match(formatTrace(result), /socket closed/);
  });

  it('returns temperror when the signal is aborted', async () => {
    const controller = new AbortController();
    const resolver: Resolver = {
      async resolve<T extends RecordType>(): Promise<DnsAnswer<T>> {
        controller.abort();
        return { kind: 'ok', records: [['v=spf1 a:x.example.com -all']] as never, ttl: 1, source: { kind: 'none' } };
      },
    };
    const result = await checkHost({ ip: '192.0.2.1', sender: 'a@example.com', helo: 'h' }, { resolver, signal: controller.signal });
    assert.equal(result.result, 'temperror');
    assert.match(result.reason, /cancelled/);
  });

  it('gives permerror for two SPF records, and none when no TXT record starts with v=spf1', async () => {
    assert.equal((await check({ 'example.com': [{ TXT: 'v=spf1 -all' }, { TXT: 'v=spf1 +all' }] })).result.result, 'permerror');
    assert.equal((await check({ 'example.com': [{ TXT: 'v=spf10 -all' }, { TXT: 'google-site-verification=x' }] })).result.result, 'none');
    assert.equal((await check({ 'example.com': [{ TXT: [] }] })).result.result, 'none');
  });
});

describe('trace', () => {
  const zone = {
    'example.com': [{ TXT: 'v=spf1 include:_spf.example.net a:gone.example.com -all' }],
    '_spf.example.net': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 ~all' }],
  };

  it('gives each term step the span of its text in the record it belongs to, and the include depth', async () => {
    const { result } = await check(zone);
    const records = new Map(steps(result, 'record').map((step) => [step.domain, step.record ?? '']));
    for (const step of steps(result, 'term')) {
      const record = records.get(step.domain) ?? '';
      assert.equal(record.slice(step.term.span.offset, step.term.span.offset + step.term.span.length), step.term.text);
    }
    assert.deepEqual(steps(result, 'record').map((step) => [step.domain, step.depth, step.via]), [['example.com', 0, 'top'], ['_spf.example.net', 1, 'include']]);
  });

  it('reads as indented text with the lookup and void counts', async () => {
    const { result } = await check(zone);
    const text = formatTrace(result);
    assert.equal(text.split('\n').find((line) => line.includes('ip4:198.51.100.0/24 →')), '      ip4:198.51.100.0/24 → no match (192.0.2.10 is not in 198.51.100.0/24)');
    assert.match(text, /^ {2}include:_spf\.example\.net {2}\[target _spf\.example\.net; lookup 1 of 10\]$/m);
    assert.match(text, /^ {4}_spf\.example\.net \(include\): "v=spf1 ip4:198\.51\.100\.0\/24 ~all"$/m);
    assert.match(text, /A gone\.example\.com → NXDOMAIN \(no such name\) {2}\[void lookup 1 of 2\]/);
    assert.match(text, /^Result: fail — "-all" in the SPF record of example\.com matched, so the result is fail$/m);
    assert.match(text, /^DNS lookups: 2 of 10; void lookups: 1 of 2$/m);
  });

  it('says where answers came from when that changes, not on every line', async () => {
    const dns = new ZoneResolver(zone, { kind: 'live', server: '127.0.0.1:5353' });
    const result = await checkHost({ ip: '192.0.2.10', sender: 'alice@example.com', helo: 'mail.example.com' }, { resolver: dns });
    const text = formatTrace(result);
    assert.equal(text.split('from 127.0.0.1:5353').length - 1, 1);
    assert.match(text.split('\n')[1], /\[from 127\.0\.0\.1:5353\]$/);
    assert.ok(traceToJson(result).trace.filter((step) => step.kind === 'query').every((step) => step.text.includes('from 127.0.0.1:5353')));
  });

  it('renders JSON with result, explanation, identity, lookups, voidLookups and the steps', async () => {
    const { result } = await check(zone);
    const json = traceToJson(result);
    assert.deepEqual(
      { result: json.result, identity: json.identity, lookups: json.lookups, voidLookups: json.voidLookups },
      { result: 'fail', identity: 'mailfrom', lookups: 2, voidLookups: 1 },
    );
    assert.match(json.explanation ?? '', /does not designate 192\.0\.2\.10/);
    assert.ok(json.trace.every((step) => typeof step.text === 'string' && step.text.length > 0));
    assert.deepEqual(JSON.parse(JSON.stringify(json)).trace.length, result.trace.length);
  });
});
