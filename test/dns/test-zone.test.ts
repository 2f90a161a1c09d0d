// The test DNS server's zone rules (zonedata conventions), without sockets.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Zone, type Lookup } from '../dns-server/zone';

function summary(lookup: Lookup): string {
  if (lookup.kind === 'timeout') return 'TIMEOUT';
  const records = lookup.answers.map((record) => {
    switch (record.type) {
      case 'TXT':
      case 'SPF':
        return `${record.owner} ${record.type} ${record.strings.map((s) => JSON.stringify(s.toString('utf8'))).join(' ')}`;
      case 'A':
      case 'AAAA':
        return `${record.owner} ${record.type} ${record.address}`;
      case 'MX':
        return `${record.owner} MX ${record.preference} ${record.exchange}`;
      default:
        return `${record.owner} ${record.type} ${record.target}`;
    }
  });
  return [lookup.rcode, ...records].join(' | ');
}

describe('test DNS zone', () => {
  const zone = Zone.from({
    'Example.COM.': [{ SPF: 'v=spf1 a -all' }, { A: '192.0.2.1' }, { MX: [10, 'mx.example.com.'] }],
    'both.example.com': [{ TXT: 'v=spf1 -all' }, { SPF: 'v=spf1 ?all' }],
    'spfonly.example.com': [{ SPF: 'v=spf1 -all' }, { TXT: 'NONE' }],
    'multi.example.com': [{ TXT: ['v=spf1 ', 'ip4:192.0.2.1 -all'] }],
    'long.example.com': [{ TXT: 'x'.repeat(600) }],
    'empty.example.com': [{ SPF: [] }],
    'a.b.deep.example.com': [{ A: '192.0.2.9' }],
    'spftimeout.example.com': [{ TXT: 'v=spf1 -all' }, 'TIMEOUT'],
    'txttimeout.example.com': [{ SPF: 'v=spf1 -all' }, { TXT: 'NONE' }, 'TIMEOUT'],
    'typed.example.com': [{ A: '192.0.2.2' }, { TXT: 'TIMEOUT' }, { MX: 'SERVFAIL' }],
    'refused.example.com': ['REFUSED'],
    'alias.example.com': [{ CNAME: 'hop.example.com' }],
    'hop.example.com': [{ CNAME: 'example.com.' }],
    'dangling.example.com': [{ CNAME: 'nowhere.example.com' }],
    'loop1.example.com': [{ CNAME: 'LOOP2.example.com.' }],
    'loop2.example.com': [{ CNAME: 'loop1.example.com' }],
    'ttl.example.com': [{ A: '192.0.2.3', TTL: 5 }],
  });

  it('serves SPF entries as TXT too, unless the name has TXT entries', () => {
    assert.equal(summary(zone.lookup('example.com', 'TXT')), 'NOERROR | example.com TXT "v=spf1 a -all"');
    assert.equal(summary(zone.lookup('example.com', 'SPF')), 'NOERROR | example.com SPF "v=spf1 a -all"');
    assert.equal(summary(zone.lookup('both.example.com', 'TXT')), 'NOERROR | both.example.com TXT "v=spf1 -all"');
    assert.equal(summary(zone.lookup('spfonly.example.com', 'TXT')), 'NOERROR');
  });

  it('matches names case-insensitively and ignores a trailing dot, answering under the name as asked', () => {
    assert.equal(summary(zone.lookup('EXAMPLE.com.', 'A')), 'NOERROR | EXAMPLE.com. A 192.0.2.1');
    assert.equal(summary(zone.lookup('example.com', 'MX')), 'NOERROR | example.com MX 10 mx.example.com');
  });

  it('tells a missing name (NXDOMAIN) from a name without the type and an empty non-terminal (NODATA)', () => {
    assert.equal(summary(zone.lookup('missing.example.com', 'TXT')), 'NXDOMAIN');
    assert.equal(summary(zone.lookup('example.com', 'AAAA')), 'NOERROR');
    assert.equal(summary(zone.lookup('b.deep.example.com', 'A')), 'NOERROR');
    assert.equal(summary(zone.lookup('deep.example.com', 'TXT')), 'NOERROR');
    assert.equal(summary(zone.lookup('x.a.b.deep.example.com', 'A')), 'NXDOMAIN');
  });

  it('keeps multi-string TXT records and splits strings longer than 255 bytes', () => {
    assert.equal(summary(zone.lookup('multi.example.com', 'TXT')), 'NOERROR | multi.example.com TXT "v=spf1 " "ip4:192.0.2.1 -all"');
    const long = zone.lookup('long.example.com', 'TXT');
    assert.ok(long.kind === 'answer' && long.answers[0].type === 'TXT');
    assert.deepEqual(long.answers[0].strings.map((s) => s.length), [255, 255, 90]);
    assert.equal(summary(zone.lookup('empty.example.com', 'TXT')), 'NOERROR | empty.example.com TXT ""');
  });

  it('times out the types a bare TIMEOUT covers, as the suite driver does', () => {
    assert.equal(summary(zone.lookup('spftimeout.example.com', 'TXT')), 'NOERROR | spftimeout.example.com TXT "v=spf1 -all"');
    assert.equal(summary(zone.lookup('spftimeout.example.com', 'SPF')), 'TIMEOUT');
    assert.equal(summary(zone.lookup('txttimeout.example.com', 'TXT')), 'TIMEOUT');
    assert.equal(summary(zone.lookup('txttimeout.example.com', 'SPF')), 'NOERROR | txttimeout.example.com SPF "v=spf1 -all"');
  });

  it('fails only the type given a failure value, and answers REFUSED/SERVFAIL', () => {
    assert.equal(summary(zone.lookup('typed.example.com', 'A')), 'NOERROR | typed.example.com A 192.0.2.2');
    assert.equal(summary(zone.lookup('typed.example.com', 'TXT')), 'TIMEOUT');
    assert.equal(summary(zone.lookup('typed.example.com', 'MX')), 'SERVFAIL');
    assert.equal(summary(zone.lookup('typed.example.com', 'AAAA')), 'NOERROR');
    assert.equal(summary(zone.lookup('refused.example.com', 'TXT')), 'REFUSED');
  });

  it('follows CNAME chains inside the zone and stops at loops', () => {
    assert.equal(
      summary(zone.lookup('alias.example.com', 'A')),
      'NOERROR | alias.example.com CNAME hop.example.com | hop.example.com CNAME example.com | example.com A 192.0.2.1',
    );
    assert.equal(summary(zone.lookup('alias.example.com', 'CNAME')), 'NOERROR | alias.example.com CNAME hop.example.com');
    assert.equal(summary(zone.lookup('dangling.example.com', 'A')), 'NXDOMAIN | dangling.example.com CNAME nowhere.example.com');
    assert.equal(
      summary(zone.lookup('loop1.example.com', 'TXT')),
      'NOERROR | loop1.example.com CNAME LOOP2.example.com | LOOP2.example.com CNAME loop1.example.com',
    );
  });

  it('takes a TTL per entry', () => {
    const lookup = zone.lookup('ttl.example.com', 'A');
    assert.ok(lookup.kind === 'answer');
    assert.equal(lookup.answers[0].ttl, 5);
  });

  it('reads YAML, bare or under a zonedata key, and replaces names with `with`', () => {
    const bare = Zone.from('example.net:\n  - A: 192.0.2.7\n');
    const keyed = Zone.from('zonedata:\n  example.net:\n    - TXT: hello\n');
    assert.equal(summary(bare.lookup('example.net', 'A')), 'NOERROR | example.net A 192.0.2.7');
    const merged = bare.with(keyed).with(Zone.from({ 'other.example': [{ A: '192.0.2.8' }] }));
    assert.equal(summary(merged.lookup('example.net', 'A')), 'NOERROR');
    assert.equal(summary(merged.lookup('example.net', 'TXT')), 'NOERROR | example.net TXT "hello"');
    assert.deepEqual(merged.names().sort(), ['example.net', 'other.example']);
  });

  it('rejects malformed zone data with a message naming the name', () => {
    assert.throws(() => Zone.from({ 'x.example': [{ HINFO: 'a b' }] }), /x\.example: unsupported type HINFO/);
    assert.throws(() => Zone.from({ 'x.example': ['TIMEOUTS'] }), /unknown bare entry/);
    assert.throws(() => Zone.from({ 'x.example': [{ MX: 'mx.example' }] }), /bad MX value/);
  });

  // The suites are not in the repository yet; the conformance tests will load them from their own copy.
  const suites = '/work/shared/conformance';
  it('loads every scenario of both conformance suites', { skip: !existsSync(suites) && 'suite files not present' }, () => {
    for (const file of ['rfc7208-tests.yml', 'rfc4408-tests.yml']) {
      const documents = parseAllDocuments(readFileSync(`${suites}/${file}`, 'utf8'));
      for (const document of documents) {
        const zonedata = (document.toJS() as { zonedata?: object } | null)?.zonedata;
        if (zonedata) assert.doesNotThrow(() => Zone.from(zonedata as never), file);
      }
    }
  });
});
