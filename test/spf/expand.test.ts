import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { macroAddress, parseClientAddress, readableAddress, reverseName } from '../../server/src/spf/address';
import type { MacroValues } from '../../server/src/spf/expand';
import { expandDomainSpec, expandMacroString, transform, urlEscape, usesMacro } from '../../server/src/spf/expand';
import { parseMacroString } from '../../server/src/spf/macro';
import type { Problem } from '../../server/src/spf/problems';

function client(ip: string) {
  const parsed = parseClientAddress(ip);
  assert.ok(parsed, `${ip} parses`);
  return parsed;
}

/** RFC 7208 §7.4's example message: strong-bad@email.example.com from 192.0.2.3. */
function values(overrides: Partial<MacroValues> = {}, ip = '192.0.2.3'): MacroValues {
  const address = client(ip);
  return {
    sender: 'strong-bad@email.example.com',
    localPart: 'strong-bad',
    senderDomain: 'email.example.com',
    domain: 'email.example.com',
    ip: macroAddress(address),
    validatedDomain: 'unknown',
    ipVersion: address.family === 4 ? 'in-addr' : 'ip6',
    helo: 'mx.example.org',
    readableIp: readableAddress(address),
    receiver: 'unknown',
    timestamp: 0,
    ...overrides,
  };
}

function expand(text: string, macroValues = values(), explanation = false): string {
  const problems: Problem[] = [];
  const parsed = parseMacroString(text, 0, problems, { explanation, allowSpaces: explanation });
  assert.deepEqual(problems.filter((problem) => problem.permerror), [], `${text} parses`);
  return expandMacroString(parsed, macroValues);
}

describe('macro expansion (RFC 7208 §7.3)', () => {
  it('expands the examples of §7.4', () => {
    const examples: [string, string][] = [
      ['%{s}', 'strong-bad@email.example.com'],
      ['%{o}', 'email.example.com'],
      ['%{d}', 'email.example.com'],
      ['%{d4}', 'email.example.com'],
      ['%{d3}', 'email.example.com'],
      ['%{d2}', 'example.com'],
      ['%{d1}', 'com'],
      ['%{dr}', 'com.example.email'],
      ['%{d2r}', 'example.email'],
      ['%{l}', 'strong-bad'],
      ['%{l-}', 'strong.bad'],
      ['%{lr}', 'strong-bad'],
      ['%{lr-}', 'bad.strong'],
      ['%{l1r-}', 'strong'],
      ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
      ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
      ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
      ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
      ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
    ];
    for (const [macro, expected] of examples) assert.equal(expand(macro), expected, macro);
  });

  it('expands %{i} of an IPv6 client as dotted nibbles and %{v} as ip6 (the §7.4 IPv6 example, case aside)', () => {
    const expanded = expand('%{ir}.%{v}._spf.%{d2}', values({}, '2001:db8::cb01'));
    assert.equal(expanded.toLowerCase(), '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com');
  });

  it('uses upper-case nibbles for %{i} and RFC 5952 text for %{c}, as the suite\'s explanations expect', () => {
    const address = client('CAFE:BABE::1');
    assert.equal(macroAddress(address), '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.E.B.A.B.E.F.A.C'.split('.').reverse().join('.'));
    assert.equal(readableAddress(address), 'cafe:babe::1');
  });

  it('treats IPv4-mapped IPv6 clients as IPv4 in every macro', () => {
    const mapped = values({}, '::ffff:192.0.2.3');
    assert.equal(expand('%{i} %{v}', mapped, true), '192.0.2.3 in-addr');
    assert.equal(expand('%{c}', mapped, true), '192.0.2.3');
  });

  it('keeps the IPv4-compatible form ::a.b.c.d as IPv6 (ipaddr.js alone would make it mapped)', () => {
    const compatible = client('::192.0.2.3');
    assert.equal(compatible.family, 6);
    assert.equal(readableAddress(compatible), '::c000:203');
  });

  it('URL-escapes upper-case macros: every octet outside ALPHA DIGIT - . _ ~', () => {
    assert.equal(expand('%{L}', values({ localPart: '~jack&jill=up-a_b3.c' })), '~jack%26jill%3Dup-a_b3.c');
    assert.equal(urlEscape('a b/é'), 'a%20b%2F%C3%A9');
    assert.equal(expand('%{S}'), 'strong-bad%40email.example.com');
  });

  it('transforms before escaping: %{D2} is the escaped last two labels', () => {
    assert.equal(expand('msg.%{D2}'), 'msg.example.com');
  });

  it('expands the escapes %%, %_ and %-', () => {
    assert.equal(expand('macro%%percent%_%_space%-url-space.example.com'), 'macro%percent  space%20url-space.example.com');
  });

  it('splits on several delimiters at once and joins with dots', () => {
    assert.equal(transform('foo-bar+zip+quux', 2, true, '+-'), 'bar.foo');
    assert.equal(transform('philip-gladstone-test', 2, true, '-'), 'gladstone.philip');
    assert.equal(transform('a=b/c,d_e', undefined, false, '=/,_'), 'a.b.c.d.e');
  });

  it('keeps all parts when the digit transformer asks for more than there are', () => {
    assert.equal(transform('a.b', 9, false, ''), 'a.b');
  });

  it('expands c, r and t in explanations, with the receiver and the clock given', () => {
    const explained = values({ receiver: 'mx.receiver.example', timestamp: 1_700_000_000 }, '2001:db8::1');
    assert.equal(expand('%{c} via %{r} at %{t}', explained, true), '2001:db8::1 via mx.receiver.example at 1700000000');
    assert.equal(expand('%{r}', values(), true), 'unknown');
  });

  it('expands %{p} to the value given, "unknown" by default', () => {
    assert.equal(expand('%{p}'), 'unknown');
    assert.equal(expand('%{p2}', values({ validatedDomain: 'mx.example.org' })), 'example.org');
    const problems: Problem[] = [];
    assert.ok(usesMacro(parseMacroString('%{P}.x.example', 0, problems), 'p'));
    assert.ok(!usesMacro(parseMacroString('%{d}.x.example', 0, problems), 'p'));
  });

  it('does not strip a trailing dot from explanation text, but does from a target name', () => {
    assert.equal(expand('This is a test.', values(), true), 'This is a test.');
    const problems: Problem[] = [];
    assert.deepEqual(expandDomainSpec(parseMacroString('%{d}.d.spf.example.com.', 0, problems), values()), { name: 'email.example.com.d.spf.example.com', truncated: false });
  });

  it('truncates a target name over 253 octets from the left, label by label (§7.3)', () => {
    const problems: Problem[] = [];
    const spec = parseMacroString('foobar.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.example.com', 0, problems);
    const longDomain = 'somewhat.long.exp.example.com';
    const expanded = expandDomainSpec(spec, values({ senderDomain: longDomain }));
    assert.equal(expanded.truncated, true);
    assert.equal(expanded.name, `${Array(8).fill(longDomain).join('.')}.example.com`);
    assert.ok(expanded.name.length <= 253);
  });

  it('builds the reverse-DNS names the ptr mechanism queries', () => {
    assert.equal(reverseName(client('192.0.2.3')), '3.2.0.192.in-addr.arpa');
    assert.equal(reverseName(client('2001:db8::1')), `${'1'.concat('.0'.repeat(23))}.8.b.d.0.1.0.0.2.ip6.arpa`);
    assert.equal(reverseName(client('::ffff:192.0.2.3')), '3.2.0.192.in-addr.arpa');
  });
});
