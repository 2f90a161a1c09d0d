import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RANGE_END as E, RANGE_START as S, joinLines } from '../util/markers';
import { assertZoneDiagnostics, zoneDiagnostics, zoneUri } from '../util/zone';

describe('zone diagnostics', () => {
  it('puts each finding on its exact term in the document, with source, code and RFC link', () => {
    const [diagnostic] = assertZoneDiagnostics(joinLines(
      '$ORIGIN example.com.',
      `@ 3600 IN TXT "v=spf1 ${S}inclde${E}:_spf.example.net -all"`,
    ), ['spf-syntax']);
    assert.equal(diagnostic.source, 'spf-lens');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostic.codeDescription?.href, 'https://www.rfc-editor.org/rfc/rfc7208#section-12');
    assert.deepEqual(diagnostic.data, { recordIndex: 0, offset: 7, length: 6, fix: { replacement: 'include' } });
  });

  it('maps a term split across character-strings to a range that spans the boundary', () => {
    assertZoneDiagnostics(joinLines(
      '$ORIGIN example.com.',
      `@ TXT ( "v=spf1 a ${S}pt" "r${E} -all" )`,
    ), ['spf-ptr']);
  });

  it('maps ranges through escapes, CRLF line ends, a BOM, tabs and non-ASCII comments', () => {
    const text = '\uFEFF$ORIGIN example.com.\r\n; comment — naïve\r\n@\tIN\tTXT\t"v=spf1 \\097 ptr -all"\r\n';
    const [diagnostic] = zoneDiagnostics(text);
    assert.equal(diagnostic.code, 'spf-ptr');
    assert.deepEqual(diagnostic.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 25 } });
  });

  it('spf-multiple-records: on both records, each pointing at the other', () => {
    const diagnostics = assertZoneDiagnostics(joinLines(
      '$ORIGIN example.com.',
      `@ TXT "${S}v=spf1${E} mx -all"`,
      '@ TXT "google-site-verification=abc"',
      `  TXT "${S}v=spf1${E} include:_spf.example.net -all"`,
      'www TXT "v=spf1 -all"',
    ), ['spf-multiple-records', 'spf-multiple-records']);
    assert.equal(diagnostics[0].relatedInformation?.[0].location.range.start.line, 3);
    assert.equal(diagnostics[1].relatedInformation?.[0].location.range.start.line, 1);
    assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, zoneUri);
  });

  it('spf-multiple-records: also across an $INCLUDE file', () => {
    const diagnostics = assertZoneDiagnostics(joinLines(
      '$ORIGIN example.com.',
      `@ TXT "${S}v=spf1${E} mx -all"`,
      '$INCLUDE spf.inc',
    ), ['spf-multiple-records'], { files: { 'file:///zones/spf.inc': '@ TXT "v=spf1 a -all"\n' } });
    assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, 'file:///zones/spf.inc');
  });

  it('spf-type99: warning when it matches the TXT record, error when it differs', () => {
    const [same, differs] = assertZoneDiagnostics(joinLines(
      '$ORIGIN example.com.',
      '@ TXT "v=spf1 mx -all"',
      `@ SPF "${S}v=spf1${E} mx -all"`,
      'www TXT "v=spf1 a -all"',
      `www SPF "${S}v=spf1${E} mx -all"`,
    ), ['spf-type99', 'spf-type99']);
    assert.equal(same.severity, DiagnosticSeverity.Warning);
    assert.equal(differs.severity, DiagnosticSeverity.Error);
    assert.equal(differs.relatedInformation?.length, 1);
  });

  it('spf-string-too-long: on the overlong string; spf-record-too-long on the version tag', () => {
    const long = `v=spf1 ${'ip4:192.0.2.1 '.repeat(20)}-all`;
    assertZoneDiagnostics(`@ TXT "${S}${long}${E}"`, ['spf-string-too-long'], { only: ['spf-string-too-long'] });
    const pieces = [`v=spf1 ${'ip4:192.0.2.1 '.repeat(17)}`, `${'ip4:192.0.2.2 '.repeat(17)}`, '-all'];
    assertZoneDiagnostics(`@ TXT ( "${S}v=spf1${E}${pieces[0].slice(6)}" "${pieces[1]}" "${pieces[2]}" )`, ['spf-record-too-long']);
  });

  it('reports zone syntax and missing $INCLUDE files beside SPF findings', () => {
    assertZoneDiagnostics(joinLines(
      '$ORIGIN example.com.',
      `@ ${S}TXTT${E} "v=spf1 -all"`,
      `$INCLUDE ${S}missing.inc${E}`,
      `www TXT "v=spf1 ${S}+all${E}"`,
    ), ['zone-syntax', 'zone-include', 'spf-permissive-all']);
  });

  it('leaves TXT records that are not SPF alone, and flags near misses of the version', () => {
    assertZoneDiagnostics(joinLines(
      '$ORIGIN example.com.',
      '@ TXT "google-site-verification=abc"',
      '@ TXT "spf2.0/pra include:x.example ~all"',
      `old TXT "${S}v=spf2${E} -all"`,
    ), ['spf-version']);
  });

  it('lets spfLens.rules turn a rule off or change its severity', () => {
    const text = joinLines('$ORIGIN example.com.', '@ TXT "v=spf1 ptr a"');
    assert.deepEqual(zoneDiagnostics(text).map((d) => [d.code, d.severity]), [['spf-no-all', 2], ['spf-ptr', 2]]);
    assert.deepEqual(zoneDiagnostics(text, { rules: { 'spf-ptr': 'ignore', 'spf-no-all': 'error' } }).map((d) => [d.code, d.severity]), [['spf-no-all', 1]]);
  });

  it('marks unreachable terms as unnecessary so editors fade them', () => {
    const [diagnostic] = zoneDiagnostics('@ TXT "v=spf1 -all mx"');
    assert.equal(diagnostic.code, 'spf-unreachable-terms');
    assert.deepEqual(diagnostic.tags, [1]);
  });
});
