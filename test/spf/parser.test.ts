import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMechanism, isModifier } from '../../server/src/spf/model';
import { parseRecord } from '../../server/src/spf/parser';
import { assertProblems } from '../util/assertProblems';
import { RANGE_END as E, RANGE_START as S, parseMarkers } from '../util/markers';

describe('parseRecord', () => {
  it('reads every mechanism, qualifier, domain and CIDR with its span', () => {
    const { text, ranges } = parseMarkers(`v=spf1 ${S}-${E}${S}include${E}:${S}_spf.example.net${E} a:${S}mail.example.com${E}/${S}24${E}//${S}64${E} ~${S}mx${E} ip4:${S}192.0.2.0${E}/${S}24${E} ip6:${S}2001:db8::${E}/${S}32${E} ?exists:${S}%{i}.x.example${E} ${S}ptr${E} ${S}-all${E}`);
    const { record, problems } = parseRecord(text);
    assert.equal(record.validVersion, true);
    assert.deepEqual(problems.map((p) => p.code), ['spf-ptr']);
    const slice = (span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);
    const [include, a, mx, ip4, ip6, exists, ptr, all] = record.terms;
    assert.ok(isMechanism(include, 'include') && isMechanism(a, 'a') && isMechanism(mx, 'mx') && isMechanism(ip4, 'ip4'));
    assert.ok(isMechanism(ip6, 'ip6') && isMechanism(exists, 'exists') && isMechanism(ptr, 'ptr') && isMechanism(all, 'all'));
    const spans = [include.qualifierSpan!, include.nameSpan, include.domain!.span, a.domain!.span, a.cidr4!.span, a.cidr6!.span, mx.nameSpan, ip4.address!.span, ip4.cidr4!.span, ip6.address!.span, ip6.cidr6!.span, exists.domain!.span, ptr.span, all.span];
    assert.deepEqual(spans.map(slice), ranges.map((r) => text.slice(r.start, r.end)));
    assert.deepEqual([include.qualifier, a.qualifier, mx.qualifier, exists.qualifier, all.qualifier], ['-', '+', '~', '?', '-']);
    assert.deepEqual([a.cidr4!.value, a.cidr6!.value, ip4.cidr4!.value, ip6.cidr6!.value], [24, 64, 24, 32]);
  });

  it('is case-insensitive for the version, mechanisms and modifiers', () => {
    const { record, problems } = parseRecord('V=SPF1 INCLUDE:Example.COM Redirect=other.example IP4:192.0.2.1 -ALL');
    assert.equal(record.validVersion, true);
    assert.ok(isMechanism(record.terms[0], 'include'));
    assert.ok(isModifier(record.terms[1], 'redirect'));
    assert.deepEqual(problems, []);
  });

  it('parses macros with letters, digits, reversal and delimiters', () => {
    const { record, problems } = parseRecord('v=spf1 exists:%{ir}.%{l1r+-}._spf.%{D2} -all');
    assert.deepEqual(problems, []);
    const exists = record.terms[0];
    assert.ok(isMechanism(exists, 'exists'));
    const macros = exists.domain!.parts.filter((part) => part.kind === 'macro');
    assert.deepEqual(macros.map((m) => m.kind === 'macro' && [m.letter, m.digits, m.reverse, m.delimiters, m.urlEscape]), [
      ['i', undefined, true, '', false],
      ['l', 1, true, '+-', false],
      ['d', 2, false, '', true],
    ]);
    assert.equal(exists.domain!.hasMacros, true);
  });

  it('reports every error in a record, not just the first, and keeps the valid terms', () => {
    const { record, problems } = parseRecord('v=spf1 inclde:a.example ip4:300.1.1.1 a:%{z}.example mx -all');
    assert.deepEqual(problems.map((p) => p.code), ['spf-syntax', 'spf-invalid-ip', 'spf-invalid-macro']);
    assert.deepEqual(record.terms.map((t) => t.kind), ['invalid', 'invalid', 'mechanism', 'mechanism', 'mechanism']);
    assert.ok(problems.every((p) => p.permerror));
  });

  it('treats name=value as a modifier and anything else as a directive', () => {
    const { record } = parseRecord('v=spf1 foo=bar exp=explain.example.com a:x.example/24 -all');
    assert.deepEqual(record.terms.map((t) => t.kind), ['modifier', 'modifier', 'mechanism', 'mechanism']);
  });
});

describe('syntax problems', () => {
  it('spf-syntax: unknown mechanism with a suggestion', () => {
    const [inclde, ipv4, ip, incude] = assertProblems(
      `v=spf1 ${S}inclde${E}:_spf.example.com ${S}ipv4${E}:192.0.2.1 ${S}ip${E}:2001:db8::1 ${S}incude${E}:x.example -all`,
      ['spf-syntax', 'spf-syntax', 'spf-syntax', 'spf-syntax'],
    );
    assert.match(inclde.message, /did you mean "include:"/);
    assert.equal(inclde.data?.replacement, 'include');
    assert.equal(ipv4.data?.replacement, 'ip4');
    assert.equal(ip.data?.replacement, 'ip6');
    assert.equal(incude.data?.replacement, 'include');
  });

  it('spf-syntax: bad qualifier, argument to all, missing and empty domains', () => {
    assertProblems(`v=spf1 ${S}!${E}all a ${S}include${E} ${S}exists:${E} -all${S}:x${E}`, ['spf-syntax', 'spf-syntax', 'spf-syntax', 'spf-syntax']);
  });

  it('spf-syntax: not for a valid record', () => {
    assertProblems('v=spf1 include:_spf.example.com a mx ip4:192.0.2.0/24 -all', []);
  });

  it('spf-version: near misses of the version tag', () => {
    assertProblems(`${S}v=spf2${E} -all`, ['spf-version']);
    assertProblems(`${S}v=spf1.${E} -all`, ['spf-version']);
    assertProblems(`${S}spf1${E} -all`, ['spf-version']);
    assertProblems('v=spf1 -all', []);
    assertProblems('v=spf1 -all ', []);
  });

  it('spf-invalid-ip: malformed addresses and the wrong family', () => {
    const problems = assertProblems(
      `v=spf1 ip4:${S}192.0.2${E} ip4:${S}2001:db8::1${E} ip6:${S}192.0.2.1${E} ip6:${S}2001:db8:::1${E} ip4:${S}010.0.0.1${E} -all`,
      ['spf-invalid-ip', 'spf-invalid-ip', 'spf-invalid-ip', 'spf-invalid-ip', 'spf-invalid-ip'],
    );
    assert.match(problems[1].message, /use|list it with "ip6:"/);
    assertProblems('v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 ip6:::ffff:192.0.2.1 -all', []);
  });

  it('spf-invalid-cidr: out of range, on mechanisms that take none, and wrong // forms', () => {
    assertProblems(
      `v=spf1 ip4:192.0.2.0/${S}33${E} ip6:2001:db8::/${S}129${E} include:x.example${S}/24${E} ip4:192.0.2.0${S}//24${E} a/${S}024${E} mx//${S}200${E} -all`,
      ['spf-invalid-cidr', 'spf-invalid-cidr', 'spf-invalid-cidr', 'spf-invalid-cidr', 'spf-invalid-cidr', 'spf-invalid-cidr'],
    );
    assertProblems('v=spf1 ip4:192.0.2.0/32 ip6:2001:db8::/128 a/0 mx/24//64 a:x.example//0 -all', []);
  });

  it('spf-host-bits: bits set below the prefix, with the network as the fix', () => {
    const [v4, v6] = assertProblems(`v=spf1 ip4:${S}192.0.2.5/24${E} ip6:${S}2001:db8::1/32${E} -all`, ['spf-host-bits', 'spf-host-bits']);
    assert.equal(v4.data?.replacement, '192.0.2.0/24');
    assert.equal(v6.data?.replacement, '2001:db8::/32');
    assertProblems('v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.5 ip6:2001:db8::/32 -all', []);
  });

  it('spf-invalid-domain: no top label, bad characters, long and empty labels', () => {
    assertProblems(
      `v=spf1 a:${S}localhost${E} include:${S}x.123${E} a:bad${S}!${E}name.example mx:${S}${'x'.repeat(64)}${E}.example a:x${S}..${E}example -all`,
      ['spf-invalid-domain', 'spf-invalid-domain', 'spf-invalid-domain', 'spf-invalid-domain', 'spf-invalid-domain'],
    );
    assertProblems('v=spf1 a:mail.example.com. include:_spf.example-mail.com exists:%{i}._spf.example.com a:%{d} -all', []);
  });

  it('spf-invalid-macro: bad letter, unterminated, lone percent, c/r/t outside exp', () => {
    assertProblems(
      `v=spf1 exists:${S}%{x}${E}.example a:${S}%{d${E} a:x${S}%${E}y.example exists:${S}%{c}${E}.example exists:%{i}.${S}%{d0}${E} -all`,
      ['spf-invalid-macro', 'spf-invalid-macro', 'spf-invalid-macro', 'spf-invalid-macro', 'spf-invalid-macro'],
    );
    assertProblems('v=spf1 exists:%{ir}.%{l1r-}.%%.%_.%-.%{v}.%{h}.example -all', []);
  });

  it('spf-ptr: the ptr mechanism and the %{p} macro', () => {
    assertProblems(`v=spf1 ${S}ptr${E} ${S}ptr:mail.example.com${E} exists:${S}%{p}${E}.example -all`, ['spf-ptr', 'spf-ptr', 'spf-ptr']);
    assertProblems('v=spf1 a mx -all', []);
  });

  it('spf-non-ascii: non-ASCII and control characters, tabs between terms', () => {
    const problems = assertProblems(`v=spf1 a:${S}é${E}x.example${S}\t${E}mx -all`, ['spf-non-ascii', 'spf-non-ascii']);
    assert.match(problems[1].message, /tab/);
    assert.equal(problems[1].data?.replacement, ' ');
    assertProblems('v=spf1 a:mail.example.com ~all', []);
  });
});
