import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { parseZoneFile } from '../../server/src/hosts/zonefile/index';
import { maxIncludeDepth } from '../../server/src/hosts/zonefile/context';
import { joinLines, parseMarkers, RANGE_END as E, RANGE_START as S } from '../util/markers';
import { assertProblems, noProblems, parseMarked, termRange } from './zonefile-helpers';

const main = 'file:///zones/db.example.com';

/** An in-memory file system that records what was read. */
function files(contents: Record<string, string>): { readInclude: (uri: string) => string | undefined; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readInclude: (uri) => {
      reads.push(uri);
      return contents[uri];
    },
  };
}

suite('$INCLUDE', () => {
  test('reads the included file relative to the including one, with its own URI and maps', () => {
    const included = parseMarkers(joinLines(
      '; SPF records kept apart',
      `_spf TXT "v=spf1 ${S}ip4:192.0.2.0/24${E} -all"`,
      'mail A 192.0.2.25',
    ));
    const fs = files({ 'file:///zones/inc/spf.zone': included.text });
    const { doc } = parseMarked(joinLines('$ORIGIN example.com.', '$INCLUDE inc/spf.zone', '@ TXT "v=spf1 include:_spf.example.com -all"'), { uri: main, readInclude: fs.readInclude });
    noProblems(doc);
    assert.deepEqual(fs.reads, ['file:///zones/inc/spf.zone']);
    assert.deepEqual(doc.spf.map((s) => [s.uri, s.owner]), [['file:///zones/inc/spf.zone', '_spf.example.com'], [main, 'example.com']]);
    assert.deepEqual(termRange(doc.spf[0], 'ip4:192.0.2.0/24'), included.ranges[0]);
    assert.deepEqual(doc.records.map((r) => [r.uri, r.line, r.owner]), [
      ['file:///zones/inc/spf.zone', 1, '_spf.example.com'],
      ['file:///zones/inc/spf.zone', 2, 'mail.example.com'],
      [main, 2, 'example.com'],
    ]);
  });

  test('an origin argument applies inside the included file only; $ORIGIN and owners do not leak back', () => {
    const fs = files({
      'file:///zones/sub.zone': joinLines('@ TXT "v=spf1 -all"', '$ORIGIN elsewhere.example.', 'x A 192.0.2.1'),
    });
    const { doc } = parseMarked(joinLines('$ORIGIN example.com.', 'www A 192.0.2.9', '$INCLUDE "sub.zone" sub', '  A 192.0.2.10', 'y A 192.0.2.11'), { uri: main, readInclude: fs.readInclude });
    noProblems(doc);
    assert.deepEqual(doc.records.map((r) => r.owner), ['www.example.com', 'sub.example.com', 'x.elsewhere.example', 'www.example.com', 'y.example.com']);
  });

  test('$TTL set in an included file carries on after it, as in BIND', () => {
    const fs = files({ 'file:///zones/ttl.zone': '$TTL 42\n' });
    const { doc } = parseMarked(joinLines('$TTL 60', '$INCLUDE ttl.zone', 'a A 192.0.2.1'), { uri: main, readInclude: fs.readInclude });
    assert.deepEqual(doc.records.map((r) => r.ttl), [42]);
  });

  test('resolves absolute paths and file URIs', () => {
    const fs = files({ 'file:///etc/bind/spf.zone': 'a A 192.0.2.1\n', 'file:///other/x.zone': 'b A 192.0.2.2\n' });
    const { doc } = parseMarked(joinLines('$INCLUDE /etc/bind/spf.zone', '$INCLUDE file:///other/x.zone'), { uri: main, readInclude: fs.readInclude });
    noProblems(doc);
    assert.deepEqual(doc.records.map((r) => r.uri), ['file:///etc/bind/spf.zone', 'file:///other/x.zone']);
  });

  test('a file that cannot be read is a zone-include problem on the file name', () => {
    const throwing = (): string => {
      throw new Error('EACCES');
    };
    for (const readInclude of [files({}).readInclude, throwing, undefined]) {
      const { doc, ranges } = parseMarked(joinLines(`$INCLUDE ${S}missing.zone${E} ; gone`, `$INCLUDE ${S}"also missing.zone"${E}`, 'a A 192.0.2.1'), { uri: main, readInclude });
      assertProblems(doc, ranges.map((range) => ({ code: 'zone-include', range })));
      assert.match(doc.problems[0].message, /missing\.zone/);
      assert.equal(doc.records.length, 1);
    }
  });

  test('an untitled document cannot resolve a relative include', () => {
    const { doc, ranges } = parseMarked(`$INCLUDE ${S}spf.zone${E}`, { uri: 'untitled:Untitled-1', readInclude: () => 'a A 192.0.2.1' });
    assertProblems(doc, [{ code: 'zone-include', range: ranges[0] }]);
  });

  test('an include cycle is reported where it closes, and each file is read once', () => {
    const b = parseMarkers(joinLines('b A 192.0.2.2', `$INCLUDE ${S}db.example.com${E}`));
    const fs = files({ 'file:///zones/b.zone': b.text });
    const { doc } = parseMarked(joinLines('$ORIGIN example.com.', 'a A 192.0.2.1', '$INCLUDE b.zone'), { uri: main, readInclude: fs.readInclude });
    assertProblems(doc, [{ code: 'zone-include', range: b.ranges[0] }]);
    assert.equal(doc.problems[0].uri, 'file:///zones/b.zone');
    assert.match(doc.problems[0].message, /db\.example\.com → b\.zone → db\.example\.com/);
    assert.deepEqual(fs.reads, ['file:///zones/b.zone']);
    assert.deepEqual(doc.records.map((r) => r.owner), ['a.example.com', 'b.example.com']);
  });

  test('a file including itself is a cycle too', () => {
    const self = joinLines('$INCLUDE db.example.com', 'a A 192.0.2.1');
    const doc = parseZoneFile(self, { uri: main, readInclude: () => self });
    assert.deepEqual(doc.problems.map((p) => p.code), ['zone-include']);
    assert.equal(doc.records.length, 1);
  });

  test(`stops nesting after ${maxIncludeDepth} levels`, () => {
    const chain: Record<string, string> = {};
    for (let i = 1; i <= 20; i++) chain[`file:///zones/level${i}.zone`] = `$INCLUDE level${i + 1}.zone\nl${i} A 192.0.2.${i}\n`;
    const doc = parseZoneFile('$INCLUDE level1.zone\n', { uri: main, readInclude: (u) => chain[u] });
    assert.deepEqual(doc.problems.map((p) => [p.code, p.uri]), [['zone-include', `file:///zones/level${maxIncludeDepth}.zone`]]);
    assert.equal(doc.records.length, maxIncludeDepth);
  });

  test('files that include each other many times stay bounded', () => {
    // Each level includes the next ten times: 10^8 expansions if nothing stopped it.
    const wide: Record<string, string> = {};
    for (let i = 1; i <= 8; i++) wide[`file:///zones/w${i}.zone`] = `${`$INCLUDE w${i + 1}.zone\n`.repeat(10)}x${i} A 192.0.2.1\n`;
    wide['file:///zones/w9.zone'] = 'leaf A 192.0.2.9\n';
    const started = Date.now();
    const doc = parseZoneFile('$INCLUDE w1.zone\n', { uri: main, readInclude: (u) => wide[u] });
    assert.ok(Date.now() - started < 2000);
    assert.ok(doc.problems.length > 0 && doc.problems.every((p) => p.code === 'zone-include' || p.severity === 'information'));
  });
});
