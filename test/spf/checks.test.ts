import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintRecord } from '../../server/src/spf/checks';
import { checkRecordSet } from '../../server/src/spf/recordSet';
import { assertProblems } from '../util/assertProblems';
import { RANGE_END as E, RANGE_START as S } from '../util/markers';

describe('record checks', () => {
  it('spf-no-all: neither all nor redirect', () => {
    const [problem] = assertProblems(`${S}v=spf1${E} a mx`, ['spf-no-all']);
    assert.deepEqual(problem.data, { replacement: ' ~all', span: { offset: 11, length: 0 } });
    assertProblems('v=spf1 a mx redirect=_spf.example.com', []);
    assertProblems('v=spf1 a mx ~all', []);
  });

  it('spf-permissive-all: +all is an error, ?all a warning', () => {
    const [plus, implicit] = assertProblems(`v=spf1 a ${S}+all${E}`, ['spf-permissive-all']).concat(assertProblems(`v=spf1 a ${S}all${E}`, ['spf-permissive-all']));
    assert.equal(plus.severity, 'error');
    assert.equal(implicit.severity, 'error');
    const [neutral] = assertProblems(`v=spf1 a ${S}?all${E}`, ['spf-permissive-all']);
    assert.equal(neutral.severity, 'warning');
    assertProblems('v=spf1 a -all', []);
    assertProblems('v=spf1 a ~all', []);
  });

  it('spf-unreachable-terms: mechanisms after all, each on its own term; modifiers after all are fine', () => {
    const [first] = assertProblems(`v=spf1 a -all ${S}mx${E} ${S}include:x.example${E} exp=explain.example`, ['spf-unreachable-terms', 'spf-unreachable-terms']);
    assert.equal(first.related?.length, 1);
    assertProblems('v=spf1 a -all exp=explain.example', []);
  });

  it('spf-redirect-ignored: redirect together with all', () => {
    assertProblems(`v=spf1 a ${S}redirect=_spf.example.com${E} -all`, ['spf-redirect-ignored']);
    assertProblems('v=spf1 a redirect=_spf.example.com', []);
  });

  it('spf-duplicate-modifier: a second redirect or exp', () => {
    const [problem] = assertProblems(`v=spf1 redirect=a.example ${S}redirect=b.example${E}`, ['spf-duplicate-modifier']);
    assert.equal(problem.permerror, true);
    assert.deepEqual(problem.related?.map((r) => [r.offset, r.length]), [[7, 18]]);
    assertProblems(`v=spf1 -all exp=a.example ${S}exp=b.example${E}`, ['spf-duplicate-modifier']);
    assertProblems('v=spf1 -all exp=a.example', []);
  });

  it('spf-unknown-modifier: ignored names, with did-you-mean for near misses', () => {
    const [include, redirect, other] = assertProblems(
      `v=spf1 ${S}include=${E}x.example ${S}redirct${E}=y.example ${S}moo${E}=cow -all`,
      ['spf-unknown-modifier', 'spf-unknown-modifier', 'spf-unknown-modifier'],
    );
    assert.equal(include.severity, 'warning');
    assert.equal(include.data?.replacement, 'include:');
    assert.match(redirect.message, /did you mean "redirect="/);
    assert.equal(other.severity, undefined);
    assertProblems('v=spf1 -all exp=x.example', []);
  });

  it('spf-string-too-long: one character-string over 255 octets', () => {
    const long = `v=spf1 ${'ip4:192.0.2.1 '.repeat(19)}-all`;
    const { problems } = lintRecord(long, { strings: [{ offset: 0, length: long.length, octets: long.length }] });
    assert.deepEqual(problems.filter((p) => p.code === 'spf-string-too-long').map((p) => [p.offset, p.length]), [[0, long.length]]);
    const split = lintRecord(long, { strings: [{ offset: 0, length: 200, octets: 200 }, { offset: 200, length: long.length - 200, octets: long.length - 200 }] });
    assert.deepEqual(split.problems.filter((p) => p.code === 'spf-string-too-long'), []);
  });

  it('spf-record-too-long: over 450 octets, on the version tag', () => {
    const long = `v=spf1 ${'ip4:192.0.2.1 '.repeat(33)}-all`;
    const strings = [{ offset: 0, length: 250, octets: 250 }, { offset: 250, length: long.length - 250, octets: long.length - 250 }];
    const { problems } = lintRecord(long, { strings });
    assert.deepEqual(problems.map((p) => [p.code, p.offset, p.length]), [['spf-record-too-long', 0, 6]]);
    assert.deepEqual(lintRecord('v=spf1 -all').problems, []);
  });
});

describe('checkRecordSet', () => {
  it('spf-multiple-records: two SPF TXT records at one name, each pointing at the other', () => {
    const findings = checkRecordSet([
      { owner: 'example.com', rrtype: 'TXT', text: 'v=spf1 a -all' },
      { owner: 'example.com', rrtype: 'TXT', text: 'google-site-verification=abc' },
      { owner: 'example.com', rrtype: 'TXT', text: 'v=spf1 mx -all' },
      { owner: 'other.example', rrtype: 'TXT', text: 'v=spf1 -all' },
    ]);
    assert.deepEqual(findings, [{ kind: 'multiple', index: 0, others: [2] }, { kind: 'multiple', index: 2, others: [0] }]);
  });

  it('spf-type99: obsolete SPF records, flagged as differing from the TXT one or when no TXT exists', () => {
    const findings = checkRecordSet([
      { owner: 'a.example', rrtype: 'TXT', text: 'v=spf1 a -all' },
      { owner: 'a.example', rrtype: 'SPF', text: 'v=spf1  A -all' },
      { owner: 'b.example', rrtype: 'TXT', text: 'v=spf1 a -all' },
      { owner: 'b.example', rrtype: 'SPF', text: 'v=spf1 mx -all' },
      { owner: 'c.example', rrtype: 'SPF', text: 'v=spf1 mx -all' },
    ]);
    assert.deepEqual(findings, [
      { kind: 'type99', index: 1, txt: 0, differs: false },
      { kind: 'type99', index: 3, txt: 2, differs: true },
      { kind: 'type99', index: 4, txt: undefined, differs: true },
    ]);
  });
});
