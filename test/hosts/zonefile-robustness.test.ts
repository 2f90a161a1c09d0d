import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import fc from 'fast-check';
import { parseZoneFile } from '../../server/src/hosts/zonefile/index';
import { maxProblems } from '../../server/src/hosts/zonefile/context';
import type { HostDocument } from '../../server/src/hosts/types';
import { uri } from './zonefile-helpers';

/** Every range the document hands out lies inside the text it came from, and maps are monotone. */
function assertWithin(doc: HostDocument, text: string): void {
  const n = text.length;
  const inside = (start: number, end: number, what: string): void => {
    assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= n, `${what} ${start}..${end} outside 0..${n}`);
  };
  for (const problem of doc.problems) {
    inside(problem.offset, problem.offset + problem.length, `problem "${problem.message}"`);
    assert.ok(problem.message.length < 400, `message too long: ${problem.message.slice(0, 100)}...`);
  }
  for (const source of doc.spf) {
    inside(source.recordRange.start, source.recordRange.end, 'recordRange');
    inside(source.rdataRange.start, source.rdataRange.end, 'rdataRange');
    let previous = 0;
    for (let i = 0; i <= source.text.length; i++) {
      const range = source.map.range(i, i < source.text.length ? 1 : 0);
      inside(range.start, range.end, `map of text offset ${i}`);
      assert.ok(range.start >= previous, 'map goes backwards');
      assert.ok(range.start >= source.rdataRange.start && range.end <= source.rdataRange.end, 'map leaves the rdata');
      previous = range.start;
    }
    const whole = source.map.range(0, source.text.length);
    inside(whole.start, whole.end, 'whole text');
  }
  for (const record of doc.records) assert.ok(record.line >= 0 && record.line <= text.split('\n').length, `line ${record.line}`);
}

function parse(text: string): HostDocument {
  const doc = parseZoneFile(text, { uri, origin: 'example.com' });
  assertWithin(doc, text);
  return doc;
}

function timed<T>(limitMs: number, run: () => T): T {
  const started = performance.now();
  const result = run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < limitMs, `took ${elapsed.toFixed(0)} ms, limit ${limitMs} ms`);
  return result;
}

suite('bad input', () => {
  test('binary bytes and NUL characters give problems, not exceptions', () => {
    // Deterministic pseudo-random bytes (xorshift), read as Latin-1 the way an editor shows a binary file.
    const bytes = Buffer.alloc(200_000);
    let seed = 0x2545f491;
    for (let i = 0; i < bytes.length; i++) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      bytes[i] = seed & 0xff;
    }
    const doc = timed(3000, () => parse(bytes.toString('latin1')));
    assert.ok(doc.problems.length > 0 && doc.problems.length <= maxProblems + 1);
    const nul = parse('@ TXT "v=spf1\0 -all"\n\0\0\0 A 1.2.3.4\n@\0 TXT "v=spf1 -all"\n');
    assert.equal(nul.spf[0].text, 'v=spf1\0 -all');
  });

  test('a 1 MB line is read in linear time', () => {
    const word = 'a'.repeat(1_000_000);
    const asString = timed(2000, () => parse(`@ TXT "v=spf1 ${word}"\n`));
    assert.equal(asString.spf[0].strings[0].octets, 1_000_007);
    timed(2000, () => parse(`@ TXT ${'"v=spf1" '.repeat(110_000)}\n`));
    timed(2000, () => parse(`@ A ${'1.2.3.4 '.repeat(125_000)}\n`));
    timed(2000, () => parse(`${'\\'.repeat(1_000_000)}\n`));
    timed(2000, () => parse(`@ TXT "${'\\"'.repeat(500_000)}"\n`));
    const owner = timed(2000, () => parse(`${'a.'.repeat(500_000)} TXT "v=spf1 -all"\n${'b'.repeat(1_000_000)} A 192.0.2.1\n`));
    assert.deepEqual(owner.problems.map((p) => p.code), ['zone-syntax', 'zone-syntax']);
  });

  test('an unterminated quote or parenthesis at the end of the text', () => {
    assert.deepEqual(parse('@ TXT "v=spf1 -all').problems.map((p) => p.code), ['zone-syntax']);
    assert.deepEqual(parse('@ TXT ( "v=spf1 -all"').problems.map((p) => p.code), ['zone-syntax']);
    assert.deepEqual(parse('@ TXT ( "v=spf1 -all\n').problems.map((p) => p.code), ['zone-syntax', 'zone-syntax']);
    assert.deepEqual(parse('"').problems.map((p) => p.code), ['zone-syntax']);
    assert.deepEqual(parse('(').problems.map((p) => p.code), ['zone-syntax']);
  });

  test('10,000 nested parentheses, closed or not', () => {
    const closed = timed(2000, () => parse(`@ TXT ${'('.repeat(10_000)} "v=spf1 -all" ${')'.repeat(10_000)}\nnext A 192.0.2.1\n`));
    assert.equal(closed.problems.length, 0);
    assert.equal(closed.spf[0].text, 'v=spf1 -all');
    const open = timed(2000, () => parse(`@ TXT ${'('.repeat(10_000)} "v=spf1 -all"\nnext A 192.0.2.1\n`));
    assert.equal(open.problems.length, 1);
    assert.deepEqual(open.records.map((r) => r.owner), ['next.example.com']);
  });

  test('many unclosed parentheses on many lines stay linear', () => {
    const text = 'a TXT ( "v=spf1 -all"\n'.repeat(20_000);
    const doc = timed(3000, () => parse(text));
    assert.ok(doc.problems.length >= 1);
  });

  test('many bad lines are capped', () => {
    const doc = parse('bad BADTYPE x\n'.repeat(5000));
    assert.equal(doc.problems.length, maxProblems + 1);
    assert.equal(doc.problems[maxProblems].severity, 'information');
  });
});

/** Zone-ish pieces, so random documents reach deep into the parser rather than failing on line one. */
const fragments = [
  '@', 'mail', 'a.example.', '*.', ' ', '\t', '\n', '\r\n', ';', '; é comment', '(', ')', '"', '\\', '\\"', '\\059', '\\25', '\\#',
  'IN', 'CH', 'CLASS1', '300', '1h30m', '1x', 'TXT', 'SPF', 'TYPE99', 'TYPE16', 'A', 'AAAA', 'MX', 'CNAME', 'SOA', 'NS', 'PTR',
  '"v=spf1 ', 'include:_spf.example.net', 'ip4:192.0.2.0/24', ' -all"', '"v=spf1 -all"', 'v=spf1', '12', '0b763d73706631202d616c6c', '04',
  '2b616c6c', '192.0.2.1', '2001:db8::1', '10', '$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE', '$FOO', 'x.zone', '\uFEFF', '\0', '😀', 'é',
];

suite('properties', () => {
  test('any string parses without throwing, with every range inside the document', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300, size: 'max' }), (text) => {
      parse(text);
    }), { numRuns: 500 });
  });

  test('zone-ish fragments in any order parse without throwing, with every range inside the document', () => {
    const includes: Record<string, string> = { 'file:///zones/x.zone': '$INCLUDE x.zone\n@ TXT "v=spf1 -all"\n' };
    fc.assert(fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 80, size: 'max' }), (parts) => {
      const text = parts.join('');
      const doc = parseZoneFile(text, { uri, readInclude: (u) => includes[u] });
      assertWithin({ ...doc, spf: doc.spf.filter((s) => s.uri === uri), problems: doc.problems.filter((p) => p.uri === uri) }, text);
    }), { numRuns: 1000 });
  });

  test('any text written as quoted strings, split and escaped at random, decodes and maps back exactly', () => {
    const piece = fc.record({
      char: fc.oneof(fc.constantFrom('"', '\\', ';', '(', ')', ' ', '%', 'é', '😀'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })),
      escape: fc.constantFrom('none', 'char', 'decimal'),
      splitAfter: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 40, size: 'max' }), (pieces) => {
      let doc = '@ TXT ( "v=spf1 ';
      let expected = 'v=spf1 ';
      const spans: { start: number; end: number; char: string }[] = [];
      for (const { char, escape, splitAfter } of pieces) {
        const start = doc.length;
        const code = char.charCodeAt(0);
        if (escape === 'decimal' && char.length === 1 && code < 256) doc += `\\${String(code).padStart(3, '0')}`;
        // `\X` is X for anything but a digit, which starts a `\DDD` escape.
        else if ((escape === 'char' && !/[0-9]/.test(char)) || char === '"' || char === '\\') doc += `\\${char}`;
        else doc += char;
        spans.push({ start, end: doc.length, char });
        expected += char;
        if (splitAfter) doc += '"\n  "';
      }
      doc += '" )\n';
      const parsed = parseZoneFile(doc, { uri, origin: 'example.com' });
      assert.deepEqual(parsed.problems, []);
      const source = parsed.spf[0];
      assert.equal(source.text, expected);
      let offset = 'v=spf1 '.length;
      for (const span of spans) {
        assert.deepEqual(source.map.range(offset, span.char.length), { start: span.start, end: span.end }, JSON.stringify(span));
        offset += span.char.length;
      }
    }), { numRuns: 500 });
  });
});
