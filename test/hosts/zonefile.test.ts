import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { originFromFileName, parseZoneFile } from '../../server/src/hosts/zonefile/index';
import { joinLines, RANGE_END as E, RANGE_START as S } from '../util/markers';
import { assertProblems, noProblems, onlySpf, parseMarked, termRange, uri } from './zonefile-helpers';

suite('SPF sources', () => {
  test('finds an SPF TXT record with its owner, ranges and strings', () => {
    const { doc, ranges } = parseMarked(joinLines(
      '$TTL 3600',
      '$ORIGIN example.com.',
      `${S}@ IN TXT ${S}"v=spf1 ${S}include:_spf.example.net${E} -all"${E}${E} ; the mail policy`,
    ));
    noProblems(doc);
    const source = onlySpf(doc);
    assert.equal(source.uri, uri);
    assert.equal(source.text, 'v=spf1 include:_spf.example.net -all');
    assert.equal(source.owner, 'example.com');
    assert.equal(source.ownerText, '@');
    assert.equal(source.rrtype, 'TXT');
    assert.deepEqual(source.strings, [{ offset: 0, length: 36, octets: 36 }]);
    assert.deepEqual(source.recordRange, ranges[0]);
    assert.deepEqual(source.rdataRange, ranges[1]);
    assert.deepEqual(termRange(source, 'include:_spf.example.net'), ranges[2]);
  });

  test('concatenates several character-strings without spaces and maps a term across the boundary', () => {
    const { doc, ranges } = parseMarked(`example.com. TXT "v=spf1 ${S}incl" "ude:x.example${E} -all"`);
    noProblems(doc);
    const source = onlySpf(doc);
    assert.equal(source.text, 'v=spf1 include:x.example -all');
    assert.deepEqual(source.strings, [
      { offset: 0, length: 11, octets: 11 },
      { offset: 11, length: 18, octets: 18 },
    ]);
    // Starts in the first string, ends in the second: the range covers the quotes between them.
    assert.deepEqual(termRange(source, 'include:x.example'), ranges[0]);
  });

  test('maps escapes: \\" is two document characters, \\059 four, \\\\ two', () => {
    const { doc, ranges } = parseMarked(`@ TXT "v=spf1 ${S}exists:%{i}.x\\059y${E} ${S}\\"${E}q\\\\ -all"`, { origin: 'example.com' });
    const source = onlySpf(doc);
    assert.equal(source.text, 'v=spf1 exists:%{i}.x;y "q\\ -all');
    assert.deepEqual(termRange(source, 'exists:%{i}.x;y'), ranges[0]);
    assert.deepEqual(termRange(source, '"'), ranges[1]);
    const semicolon = source.text.indexOf(';');
    const { text } = parseMarked(`@ TXT "v=spf1 exists:%{i}.x\\059y \\"q\\\\ -all"`);
    const range = source.map.range(semicolon, 1);
    assert.equal(text.slice(range.start, range.end), '\\059');
    const backslash = source.text.indexOf('\\');
    const escaped = source.map.range(backslash, 1);
    assert.equal(text.slice(escaped.start, escaped.end), '\\\\');
    // All ASCII, and every escape is one octet on the wire.
    assert.equal(source.strings[0].octets, source.text.length);
  });

  test('any \\X is X, even a letter, and a semicolon inside quotes is not a comment', () => {
    const { doc } = parseMarked('@ TXT "v=spf1 \\a:x.example ; -all" ; comment', { origin: 'example.com' });
    assert.equal(onlySpf(doc).text, 'v=spf1 a:x.example ; -all');
  });

  test('an escaped newline stays in the string and still counts as a line', () => {
    const { doc } = parseMarked('a TXT "v=spf1 \\\n-all"\nb A 192.0.2.1', { origin: 'example.com' });
    noProblems(doc);
    assert.equal(onlySpf(doc).text, 'v=spf1 \n-all');
    assert.deepEqual(doc.records.map((r) => r.line), [0, 2]);
  });

  test('counts octets: UTF-8 for literal non-ASCII characters, one per escape', () => {
    const { doc } = parseMarked('@ TXT "v=spf1 exp=é" "\\233" "😀"', { origin: 'example.com' });
    const source = onlySpf(doc);
    assert.equal(source.text, 'v=spf1 exp=é\u00e9😀');
    assert.deepEqual(source.strings.map((s) => s.octets), [13, 1, 4]);
    assert.deepEqual(source.strings.map((s) => s.length), [12, 1, 2]);
  });

  test('reads unquoted words as character-strings, with escapes', () => {
    const { doc, text } = parseMarked(joinLines(
      '$ORIGIN example.com.',
      'a TXT v=spf1\\ mx\\ -all',
      'b TXT v=spf1 "-all"',
    ));
    noProblems(doc);
    assert.deepEqual(doc.spf.map((s) => s.text), ['v=spf1 mx -all', 'v=spf1-all']);
    assert.deepEqual(doc.spf[1].strings.map((s) => s.length), [6, 4]);
    const mx = termRange(doc.spf[0], 'mx');
    assert.equal(text.slice(mx.start, mx.end), 'mx');
  });

  test('keeps only TXT texts that look like SPF, but every TXT as a record', () => {
    const { doc } = parseMarked(joinLines(
      '$ORIGIN example.com.',
      '@ TXT "google-site-verification=abc"',
      '@ TXT "v=spf1 -all"',
      '@ TXT "v=spf2 -all"',
      '@ TXT "spf2.0/pra -all"',
    ));
    assert.deepEqual(doc.spf.map((s) => s.text), ['v=spf1 -all', 'v=spf2 -all']);
    assert.equal(doc.records.filter((r) => r.type === 'TXT').length, 4);
  });

  test('reads type SPF and TYPE99 as SPF records', () => {
    const { doc } = parseMarked(joinLines('$ORIGIN example.com.', 'a SPF "v=spf1 -all"', 'b TYPE99 "v=spf1 ~all"', 'c type16 "v=spf1 ?all"'));
    noProblems(doc);
    assert.deepEqual(doc.spf.map((s) => [s.owner, s.rrtype]), [['a.example.com', 'SPF'], ['b.example.com', 'SPF'], ['c.example.com', 'TXT']]);
    assert.deepEqual(doc.records.map((r) => r.type), ['SPF', 'SPF', 'TXT']);
  });

  test('decodes RFC 3597 generic rdata into character-strings mapped to their hex digits', () => {
    // 0b "v=spf1 -all" (11 octets), then 04 "+all" split across two hex words.
    const { doc, ranges } = parseMarked(`@ TYPE16 ${S}\\# 17 0b763d73706631202d616c6c ${S}04${S}2b61 6c6c${E}${E}${E}`, { origin: 'example.com' });
    noProblems(doc);
    const source = onlySpf(doc);
    assert.equal(source.text, 'v=spf1 -all+all');
    assert.deepEqual(source.strings, [{ offset: 0, length: 11, octets: 11 }, { offset: 11, length: 4, octets: 4 }]);
    assert.deepEqual(source.rdataRange, ranges[0]);
    assert.deepEqual(termRange(source, '+all'), { start: ranges[2].start, end: ranges[1].end });
    assert.deepEqual(doc.records[0].data, ['v=spf1 -all', '+all']);
  });

  test('accepts generic rdata for TXT and SPF written by name, and a generic class', () => {
    const { doc } = parseMarked(joinLines(
      '$ORIGIN example.com.',
      'a CLASS1 TXT \\# 12 0b763d73706631202d616c6c',
      'b 60 class1 SPF \\# 12 0B763D73706631202D616C6C',
    ));
    noProblems(doc);
    assert.deepEqual(doc.spf.map((s) => [s.owner, s.rrtype, s.text]), [['a.example.com', 'TXT', 'v=spf1 -all'], ['b.example.com', 'SPF', 'v=spf1 -all']]);
  });
});

suite('owners', () => {
  test('completes relative names and @ with $ORIGIN, keeps absolute ones, lower-cases, drops the dot', () => {
    const { doc } = parseMarked(joinLines(
      '$ORIGIN Example.COM.',
      '@ A 192.0.2.1',
      'Mail A 192.0.2.2',
      'Other.Example.NET. A 192.0.2.3',
      '$ORIGIN sub',
      'x A 192.0.2.4',
      '$ORIGIN .',
      'tld A 192.0.2.5',
    ));
    noProblems(doc);
    assert.deepEqual(doc.records.map((r) => r.owner), ['example.com', 'mail.example.com', 'other.example.net', 'x.sub.example.com', 'tld']);
  });

  test('a line starting with whitespace repeats the previous owner', () => {
    const { doc, ranges } = parseMarked(joinLines(
      '$ORIGIN example.com.',
      'mail 300 IN A 192.0.2.1',
      `\t${S}IN TXT "v=spf1 a -all"${E}`,
      '  MX 10 mail',
    ));
    noProblems(doc);
    assert.deepEqual(doc.records.map((r) => [r.owner, r.type]), [['mail.example.com', 'A'], ['mail.example.com', 'TXT'], ['mail.example.com', 'MX']]);
    assert.equal(doc.spf[0].ownerText, 'mail');
    assert.deepEqual(doc.spf[0].recordRange, ranges[0]);
  });

  test('a blank owner with no previous record is a problem', () => {
    const { doc, ranges } = parseMarked(joinLines(' ; only a comment', `   ${S}TXT${E} "v=spf1 -all"`, '@ TXT "v=spf1 -all"'), { origin: 'example.com' });
    assertProblems(doc, [{ code: 'zone-syntax', range: ranges[0] }]);
    assert.equal(doc.spf.length, 1);
  });

  test('without any origin, relative owners stay unresolved but are still reported', () => {
    const { doc } = parseMarked(joinLines('@ TXT "v=spf1 -all"', 'mail TXT "v=spf1 a -all"', 'abs.example. TXT "v=spf1 mx -all"'), { uri: 'untitled:Untitled-1' });
    noProblems(doc);
    assert.deepEqual(doc.spf.map((s) => [s.owner, s.ownerText]), [[undefined, '@'], [undefined, 'mail'], ['abs.example', 'abs.example.']]);
    // The overlay needs fully-qualified names, so only the absolute one becomes a record.
    assert.deepEqual(doc.records.map((r) => r.owner), ['abs.example']);
  });

  test('the origin comes from $ORIGIN, else options.origin, else the file name', () => {
    const text = joinLines('@ TXT "v=spf1 -all"', '$ORIGIN other.example.', '@ TXT "v=spf1 ~all"');
    const owners = (options: { uri: string; origin?: string }): (string | undefined)[] => parseZoneFile(text, options).spf.map((s) => s.owner);
    assert.deepEqual(owners({ uri: 'file:///z/db.example.com' }), ['example.com', 'other.example']);
    assert.deepEqual(owners({ uri: 'file:///z/example.org.zone' }), ['example.org', 'other.example']);
    assert.deepEqual(owners({ uri: 'file:///z/db.example.com', origin: 'Given.Example.' }), ['given.example', 'other.example']);
    assert.deepEqual(owners({ uri: 'file:///z/zone.txt' }), [undefined, 'other.example']);
  });

  test('rejects owner names DNS cannot hold', () => {
    const long = 'a'.repeat(64);
    const { doc, ranges } = parseMarked(joinLines(`${S}a..b${E} A 192.0.2.1`, `${S}${long}${E} A 192.0.2.1`, 'ok A 192.0.2.1'), { origin: 'example.com' });
    assertProblems(doc, [{ code: 'zone-syntax', range: ranges[0] }, { code: 'zone-syntax', range: ranges[1] }]);
    assert.deepEqual(doc.records.map((r) => r.owner), ['ok.example.com']);
  });
});

suite('originFromFileName', () => {
  test('guesses the origin from common zone file names', () => {
    assert.equal(originFromFileName('file:///etc/bind/db.example.com'), 'example.com');
    assert.equal(originFromFileName('file:///zones/example.com.zone'), 'example.com');
    assert.equal(originFromFileName('file:///zones/Example.COM.db'), 'example.com');
    assert.equal(originFromFileName('file:///zones/db.1.168.192.in-addr.arpa'), '1.168.192.in-addr.arpa');
    assert.equal(originFromFileName('file:///c%3A/zones/db.my-site.co.uk'), 'my-site.co.uk');
  });

  test('gives up on names that do not say the origin', () => {
    for (const name of ['file:///etc/bind/db.local', 'file:///etc/bind/db.127', 'file:///etc/bind/db.192.168.1', 'file:///z/example.com', 'file:///z/zone.txt', 'untitled:Untitled-1', 'file:///z/db.bad%ZZname.com', 'file:///z/db.ex ample.com']) {
      assert.equal(originFromFileName(name), undefined, name);
    }
  });
});

suite('TTL and class', () => {
  test('accepts TTL and class in either order, both optional, with BIND units', () => {
    const { doc } = parseMarked(joinLines(
      '$TTL 1h',
      '$ORIGIN example.com.',
      'a 300 IN A 192.0.2.1',
      'b IN 600 A 192.0.2.1',
      'c A 192.0.2.1',
      'd 1h30m A 192.0.2.1',
      'e 1W2d IN A 192.0.2.1',
      'f in 0 a 192.0.2.1',
      'g CLASS1 45 A 192.0.2.1',
    ));
    noProblems(doc);
    assert.deepEqual(doc.records.map((r) => r.ttl), [300, 600, 3600, 5400, 777600, 0, 45]);
  });

  test('without $TTL, a record takes the last explicit TTL, or the SOA minimum', () => {
    const { doc } = parseMarked(joinLines(
      '$ORIGIN example.com.',
      '@ SOA ns1 hostmaster ( 1 7200 3600 1209600 300 )',
      'a A 192.0.2.1',
      'b 60 A 192.0.2.1',
      'c A 192.0.2.1',
    ));
    noProblems(doc);
    assert.deepEqual(doc.records.map((r) => r.ttl), [300, 300, 60, 60]);
  });

  test('reports bad TTLs on the TTL token and keeps going', () => {
    const { doc, ranges } = parseMarked(joinLines(
      '$ORIGIN example.com.',
      `a ${S}1x${E} TXT "v=spf1 -all"`,
      `b ${S}1h30${E} TXT "v=spf1 -all"`,
      `$TTL ${S}forever${E}`,
      `c ${S}4294967296${E} A 192.0.2.1`,
      'd 60 TXT "v=spf1 -all"',
    ));
    assertProblems(doc, ranges.map((range) => ({ code: 'zone-syntax', range })));
    assert.deepEqual(doc.spf.map((s) => s.owner), ['d.example.com']);
  });

  test('warns about TTLs above 2^31 - 1 and uses 0, as BIND does', () => {
    const { doc, ranges } = parseMarked(`a ${S}2147483648${E} A 192.0.2.1`, { origin: 'example.com' });
    assertProblems(doc, [{ code: 'zone-syntax', range: ranges[0], severity: 'warning' }]);
    assert.equal(doc.records[0].ttl, 0);
  });

  test('rejects a class other than the zone class, and skips non-IN zones from the overlay', () => {
    const { doc, ranges } = parseMarked(joinLines('$ORIGIN example.com.', 'a IN A 192.0.2.1', `${S}b CH TXT${E} "v=spf1 -all"`), {});
    assertProblems(doc, [{ code: 'zone-syntax', range: ranges[0] }]);
    const chaos = parseZoneFile('version.bind. CH TXT "v=spf1 -all"\n', { uri });
    noProblems(chaos);
    assert.deepEqual([chaos.records.length, chaos.spf.length], [0, 0]);
    const hesiod = parseMarked(joinLines('a.example. HS TXT "v=spf1 -all"', `${S}b.example. CS A${E} 192.0.2.1`, 'c.example. CLASS4 A 192.0.2.1'));
    assertProblems(hesiod.doc, [{ code: 'zone-syntax', range: hesiod.ranges[0] }]);
    assert.match(hesiod.doc.problems[0].message, /class CS differs from the zone's class HS/);
  });
});

suite('records for the overlay', () => {
  test('reports every record with its data, owner, TTL, type and line', () => {
    const { doc } = parseMarked(joinLines(
      '$TTL 300',
      '$ORIGIN example.com.',
      '@ IN SOA ns1 hostmaster.example.com. 2024010101 2h 1h 2w 5m',
      '  IN NS ns1',
      '  IN MX 10 mail',
      '  IN MX 20 backup.example.net.',
      '  IN TXT "v=spf1 mx -all"',
      'ns1 IN A 192.0.2.53',
      'mail IN AAAA 2001:DB8::25',
      'www IN CNAME @',
      '1.2.0.192.in-addr.arpa. IN PTR mail',
      '@ IN CAA 0 issue "letsencrypt.org"',
      '_dmarc IN TXT "v=DMARC1; p=none" "; rua=mailto:d@example.com"',
    ));
    noProblems(doc);
    assert.deepEqual(doc.records.map((r) => [r.line, r.owner, r.type, r.ttl, r.data]), [
      [2, 'example.com', 'SOA', 300, ['ns1.example.com', 'hostmaster.example.com', '2024010101', '7200', '3600', '1209600', '300']],
      [3, 'example.com', 'NS', 300, ['ns1.example.com']],
      [4, 'example.com', 'MX', 300, ['10 mail.example.com']],
      [5, 'example.com', 'MX', 300, ['20 backup.example.net']],
      [6, 'example.com', 'TXT', 300, ['v=spf1 mx -all']],
      [7, 'ns1.example.com', 'A', 300, ['192.0.2.53']],
      [8, 'mail.example.com', 'AAAA', 300, ['2001:db8::25']],
      [9, 'www.example.com', 'CNAME', 300, ['example.com']],
      [10, '1.2.0.192.in-addr.arpa', 'PTR', 300, ['mail.example.com']],
      [11, 'example.com', 'CAA', 300, ['0', 'issue', 'letsencrypt.org']],
      [12, '_dmarc.example.com', 'TXT', 300, ['v=DMARC1; p=none', '; rua=mailto:d@example.com']],
    ]);
    assert.ok(doc.records.every((r) => r.uri === uri));
  });

  test('decodes generic A and AAAA rdata to addresses', () => {
    const { doc } = parseMarked(joinLines('a TYPE1 \\# 4 C0000201', 'b AAAA \\# 16 20010db8000000000000000000000001', 'c TYPE65280 \\# 2 abcd'), { origin: 'example.com' });
    noProblems(doc);
    assert.deepEqual(doc.records.map((r) => [r.type, r.data]), [['A', ['192.0.2.1']], ['AAAA', ['2001:db8::1']], ['TYPE65280', ['\\# 2 abcd']]]);
  });

  test('checks addresses, MX preferences and the number of fields', () => {
    const { doc, ranges } = parseMarked(joinLines(
      '$ORIGIN example.com.',
      `a A ${S}192.0.2.256${E}`,
      `b A ${S}192.0.02.1${E}`,
      `c AAAA ${S}fe80::1%eth0${E}`,
      `d MX ${S}mail${E}`,
      `e MX ${S}70000${E} mail`,
      `f A 192.0.2.1 ${S}192.0.2.2${E}`,
      `g ${S}CNAME${E}`,
      'h A 192.0.2.9',
    ));
    assertProblems(doc, ranges.map((range) => ({ code: 'zone-syntax', range })));
    assert.deepEqual(doc.records.map((r) => r.owner), ['h.example.com']);
  });
});

suite('parentheses and positions', () => {
  test('reads a record across lines in parentheses, with comments, up to the closing parenthesis', () => {
    const { doc, ranges } = parseMarked(joinLines(
      '$ORIGIN example.com.',
      `${S}@ IN TXT ( ${S}"v=spf1 ip4:192.0.2.0/24 " ; first part`,
      '            ; a comment line with a "quote"',
      `            "${S}include:_spf.example.net${E} -all"${E} )${E} ; done`,
      'next A 192.0.2.1',
    ));
    noProblems(doc);
    const source = onlySpf(doc);
    assert.equal(source.text, 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all');
    assert.deepEqual(source.recordRange, ranges[0]);
    assert.deepEqual(source.rdataRange, ranges[1]);
    assert.deepEqual(termRange(source, 'include:_spf.example.net'), ranges[2]);
    assert.deepEqual(doc.records.map((r) => r.line), [1, 4]);
  });

  test('allows nested parentheses and strings in column 0 inside them', () => {
    const { doc } = parseMarked(joinLines('@ TXT ((', '"v=spf1"', '" -all" ) )', 'x A 192.0.2.1'), { origin: 'example.com' });
    noProblems(doc);
    assert.equal(onlySpf(doc).text, 'v=spf1 -all');
    assert.equal(doc.records.length, 2);
  });

  test('reports a ")" without "(" and drops that record', () => {
    const { doc, ranges } = parseMarked(joinLines(`a TXT "v=spf1 -all" ${S})${E}`, 'b TXT "v=spf1 -all"'), { origin: 'example.com' });
    assertProblems(doc, [{ code: 'zone-syntax', range: ranges[0] }]);
    assert.deepEqual(doc.spf.map((s) => s.owner), ['b.example.com']);
  });

  test('reports a "(" that is never closed and resumes at the next line that starts a record', () => {
    const { doc, ranges } = parseMarked(joinLines(
      `a TXT ${S}(${E} "v=spf1 -all"`,
      '   "more"',
      'b TXT "v=spf1 ~all"',
      'c A 192.0.2.1',
    ), { origin: 'example.com' });
    assertProblems(doc, [{ code: 'zone-syntax', range: ranges[0] }]);
    assert.deepEqual(doc.records.map((r) => r.owner), ['b.example.com', 'c.example.com']);
    assert.deepEqual(doc.records.map((r) => r.line), [2, 3]);
  });

  test('gives exact offsets with CRLF line ends, a BOM, tabs and non-ASCII comments', () => {
    const { doc, ranges, text } = parseMarked(
      `\uFEFF$ORIGIN example.com.\r\n; Ünïcödé 😀 comment\r\n${S}@\tIN\tTXT\t${S}"v=spf1 ${S}a:mail${E}" ( ; é\r\n\t"\\" ${S}-all${E}"${E} )${E}\r\nmail\tA\t192.0.2.1\r\n`,
    );
    noProblems(doc);
    assert.equal(text.charCodeAt(0), 0xfeff);
    const source = onlySpf(doc);
    assert.equal(source.text, 'v=spf1 a:mail" -all');
    assert.deepEqual(source.recordRange, ranges[0]);
    assert.deepEqual(source.rdataRange, ranges[1]);
    assert.deepEqual(termRange(source, 'a:mail'), ranges[2]);
    assert.deepEqual(termRange(source, '-all'), ranges[3]);
    assert.deepEqual(doc.records.map((r) => r.line), [2, 4]);
  });

  test('a BOM does not make the first line a blank-owner line', () => {
    const doc = parseZoneFile('\uFEFF@ TXT "v=spf1 -all"', { uri, origin: 'example.com' });
    noProblems(doc);
    assert.equal(onlySpf(doc).recordRange.start, 1);
  });
});

suite('zone syntax problems', () => {
  test('reports each problem on its token and recovers at the next line', () => {
    const { doc, ranges } = parseMarked(joinLines(
      '$ORIGIN example.com.',
      `a IN ${S}TXTT${E} "v=spf1 -all"`,
      `b TXT ${S}"v=spf1 -all${E}`,
      `c 300 IN ${S}TXT${E}`,
      `d TXT "v=spf1" ${S})${E}`,
      `${S}$FOO${E} bar`,
      '$GENERATE 1-10 host$ A 192.0.2.$',
      `${S}e 300${E}`,
      `${S}f${E}`,
      `g IN ${S}"v=spf1 -all"${E}`,
      `h 300 ${S}600${E} TXT "v=spf1 -all"`,
      `i TXT ${S}\\# 3 abcd${E}`,
      `j TXT \\# 2 ${S}z${E}z`,
      `k TXT "v=spf1 ${S}\\12${E}x"`,
      'ok TXT "v=spf1 -all"',
    ));
    assertProblems(doc, ranges.map((range) => ({ code: 'zone-syntax', range })));
    assert.deepEqual(doc.spf.map((s) => s.owner), ['ok.example.com']);
  });

  test('an unterminated quote ends at the line end, before the CR', () => {
    const { doc, ranges } = parseMarked(`a TXT ${S}"v=spf1 -all${E}\r\nb TXT "v=spf1 -all"\r\n`, { origin: 'example.com' });
    assertProblems(doc, [{ code: 'zone-syntax', range: ranges[0] }]);
    assert.equal(onlySpf(doc).owner, 'b.example.com');
  });

  test('reports directives with missing or extra arguments', () => {
    const { doc, ranges } = parseMarked(joinLines(
      `${S}$ORIGIN${E}`,
      `$ORIGIN example.com. ${S}extra${E}`,
      `${S}$TTL${E}`,
      `${S}$INCLUDE${E}`,
      `$TTL 60 ${S}more${E}`,
    ));
    assertProblems(doc, [
      { code: 'zone-syntax', range: ranges[0] },
      { code: 'zone-syntax', range: ranges[1] },
      { code: 'zone-syntax', range: ranges[2] },
      { code: 'zone-syntax', range: ranges[3] },
      { code: 'zone-syntax', range: ranges[4] },
    ]);
  });

  test('a long non-SPF string is a zone problem; a long SPF string is left to the SPF checks', () => {
    const long = 'x'.repeat(256);
    const { doc, ranges } = parseMarked(joinLines(`a TXT ${S}"${long}"${E}`, `b TXT "v=spf1 ${long}"`), { origin: 'example.com' });
    assertProblems(doc, [{ code: 'zone-syntax', range: ranges[0] }]);
    assert.deepEqual(onlySpf(doc).strings.map((s) => s.octets), [263]);
  });
});
