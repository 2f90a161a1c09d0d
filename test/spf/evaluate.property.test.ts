// Property: for random records over a random zone, check_host() terminates within the query
// budget RFC 7208 §4.6.4 implies, stays within its lookup limits, and never throws.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { checkHost, defaultMaxLookups, defaultMaxVoidLookups } from '../../server/src/spf/evaluate';
import { maxMxNames } from '../../server/src/spf/mechanisms';
import { maxPtrNames } from '../../server/src/spf/session';
import type { SpfResult } from '../../server/src/spf/trace';
import type { ZoneData, ZoneEntry } from '../fakes/zoneResolver';
import { ZoneResolver } from '../fakes/zoneResolver';

const names = ['example.com', 'a.example.com', 'b.example.com', 'c.example.net', 'mx.example.org', 'gone.example.com'];
const clientIps = ['192.0.2.10', '::ffff:192.0.2.10', '2001:db8::10'];
const reverseNames = ['10.2.0.192.in-addr.arpa', `0.1${'.0'.repeat(22)}.8.b.d.0.1.0.0.2.ip6.arpa`];

const target = fc.oneof(
  fc.constantFrom(...names),
  fc.constantFrom('%{d}', '%{o}', '%{h}', '%{d2}', '%{l}.example.com', '%{ir}.%{v}.example.com', '%{p}.example.com', '%{L}.x.example', '%{l1r-}.a.example.com', '%{s}.example.com'),
);
const qualifier = fc.constantFrom('', '+', '-', '~', '?');
const cidr = fc.constantFrom('', '/24', '//64', '/0', '/32//128');

const term = fc.oneof(
  { weight: 2, arbitrary: qualifier.map((q) => `${q}all`) },
  { weight: 3, arbitrary: fc.tuple(qualifier, target).map(([q, t]) => `${q}include:${t}`) },
  { weight: 3, arbitrary: fc.tuple(qualifier, fc.option(target), cidr).map(([q, t, c]) => `${q}a${t === null ? '' : `:${t}`}${c}`) },
  { weight: 3, arbitrary: fc.tuple(qualifier, fc.option(target), cidr).map(([q, t, c]) => `${q}mx${t === null ? '' : `:${t}`}${c}`) },
  { weight: 1, arbitrary: fc.tuple(qualifier, fc.option(target)).map(([q, t]) => `${q}ptr${t === null ? '' : `:${t}`}`) },
  { weight: 2, arbitrary: fc.tuple(qualifier, target).map(([q, t]) => `${q}exists:${t}`) },
  { weight: 1, arbitrary: fc.constantFrom('ip4:192.0.2.0/24', '-ip4:192.0.2.10', 'ip6:2001:db8::/32', 'ip6:::ffff:192.0.2.0/120') },
  { weight: 2, arbitrary: target.map((t) => `redirect=${t}`) },
  { weight: 1, arbitrary: target.map((t) => `exp=${t}`) },
  // Now and then a term that is not SPF at all, for the permerror paths.
  { weight: 1, arbitrary: fc.oneof({ weight: 5, arbitrary: fc.constant('-all') }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }) },
);

const record = fc.array(term, { maxLength: 8 }).map((terms) => ['v=spf1', ...terms].join(' '));

const entry: fc.Arbitrary<ZoneEntry> = fc.oneof(
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('%{c} is not allowed %{x')).map((text) => ({ TXT: text })) },
  { weight: 2, arbitrary: fc.constantFrom('192.0.2.10', '192.0.2.99', '198.51.100.1').map((address) => ({ A: address })) },
  { weight: 1, arbitrary: fc.constantFrom('2001:db8::10', '2001:db8::99').map((address) => ({ AAAA: address })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(20), fc.constantFrom(...names, '.')).map(([priority, host]) => ({ MX: [priority, host] })) },
  { weight: 1, arbitrary: fc.constantFrom(...names).map((name) => ({ CNAME: name })) },
  { weight: 1, arbitrary: fc.constant<ZoneEntry>('TIMEOUT') },
);

// Every name but gone.example.com may have records; the checked domain usually has an SPF record.
const zone: fc.Arbitrary<ZoneData> = fc.record({
  top: record,
  names: fc.dictionary(
    fc.constantFrom(...names.slice(0, -1)),
    fc.tuple(fc.option(record, { freq: 3 }), fc.array(entry, { maxLength: 14 })).map(([spf, rest]) => (spf === null ? rest : [{ TXT: spf }, ...rest])),
    { maxKeys: names.length },
  ),
  ptr: fc.array(fc.constantFrom(...names), { maxLength: 12 }),
}).map(({ top, names: byName, ptr }) => {
  const data: Record<string, ZoneEntry[]> = { ...byName };
  data['example.com'] = [{ TXT: top }, ...(data['example.com'] ?? []).filter((item) => typeof item === 'string' || !String(item.TXT ?? '').startsWith('v=spf1'))];
  for (const reverse of reverseNames) data[reverse] = ptr.map((host) => ({ PTR: host }));
  return data;
});

const results: readonly SpfResult[] = ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'];

/**
 * The most queries one check can send: the checked domain's TXT; per counted term at most one
 * query plus, for mx, one per MX host; the reverse names (PTR plus one address lookup per name),
 * shared by ptr and %{p}; and the exp= TXT.
 */
const queryBudget = 1 + defaultMaxLookups * (1 + maxMxNames) + (1 + maxPtrNames) + 1;

it('terminates within the query budget and the lookup limits, and never throws, for random records over a random zone', async () => {
  await fc.assert(
    fc.asyncProperty(
      zone,
      fc.constantFrom(...clientIps),
      fc.tuple(fc.oneof(fc.constant(''), fc.string({ maxLength: 10 })), fc.oneof({ weight: 6, arbitrary: fc.constant('example.com') }, { weight: 1, arbitrary: fc.constantFrom(...names, '') })),
      fc.constantFrom(...names, 'OEMCOMPUTER', '[192.0.2.10]'),
      async (zoneData, ip, [localPart, domain], helo) => {
        const dns = new ZoneResolver(zoneData);
        const sender = domain === '' ? '' : `${localPart}@${domain}`;
        const result = await checkHost({ ip, sender, helo }, { resolver: dns });
        assert.ok(results.includes(result.result), result.result);
        assert.ok(dns.count() <= queryBudget, `${dns.count()} queries > ${queryBudget}`);
        assert.ok(result.lookups <= defaultMaxLookups + 1, `${result.lookups} lookups`);
        assert.ok(result.voidLookups <= defaultMaxVoidLookups + 1, `${result.voidLookups} void lookups`);
        assert.equal(result.explanation !== undefined, result.result === 'fail');
        const records = new Map<string, string>();
        for (const step of result.trace) {
          if (step.kind === 'record' && step.record !== undefined) records.set(`${step.depth} ${step.domain}`, step.record);
          if (step.kind === 'term') {
            const text = records.get(`${step.depth} ${step.domain}`) ?? '';
            assert.equal(text.slice(step.term.span.offset, step.term.span.offset + step.term.span.length), step.term.text);
          }
        }
      },
    ),
    { numRuns: 400 },
  );
});

it('stays within the query budget when every name is as expensive as RFC 7208 allows', async () => {
  // Every name has 10 MX hosts and the client has 10 PTR names: each mx costs 11 queries, ptr 11.
  const expensive = fc.array(
    fc.tuple(qualifier, fc.constantFrom('mx', 'a', 'ptr', 'include', 'exists', 'redirect'), fc.constantFrom(...names.slice(0, -1))).map(([q, name, host]) =>
      name === 'redirect' ? `redirect=${host}` : name === 'include' || name === 'exists' ? `${q}${name}:${host}` : `${q}${name}:${host}`),
    { minLength: 5, maxLength: 14 },
  ).map((terms) => ['v=spf1', ...terms].join(' '));
  await fc.assert(
    fc.asyncProperty(fc.array(expensive, { minLength: names.length - 1, maxLength: names.length - 1 }), fc.constantFrom(...clientIps), async (records, ip) => {
      const data: Record<string, ZoneEntry[]> = {};
      names.slice(0, -1).forEach((name, i) => {
        data[name] = [{ TXT: records[i] }, { A: '198.51.100.1' }, { AAAA: '2001:db8::99' }, ...Array.from({ length: 10 }, (_, mx) => ({ MX: [mx, names[mx % (names.length - 1)]] }))];
      });
      for (const reverse of reverseNames) data[reverse] = Array.from({ length: 10 }, (_, i) => ({ PTR: `${names[i % (names.length - 1)]}` }));
      const dns = new ZoneResolver(data);
      const result = await checkHost({ ip, sender: 'x@example.com', helo: 'mail.example.com' }, { resolver: dns });
      assert.ok(dns.count() <= queryBudget, `${dns.count()} queries > ${queryBudget}`);
      assert.ok(result.lookups <= defaultMaxLookups + 1);
    }),
    { numRuns: 100 },
  );
});
