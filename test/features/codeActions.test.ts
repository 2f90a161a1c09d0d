import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import { getCodeActions } from '../../server/src/features/codeActions';
import { PositionIndex, toDiagnostics } from '../../server/src/features/diagnostics';
import { lintRecord } from '../../server/src/spf/checks';
import { joinLines } from '../util/markers';
import { analyzeZone, applyWorkspaceEdit, zoneUri } from '../util/zone';

/** The quick fixes offered for the diagnostics with `code`, each applied to the whole document. */
function fixes(text: string, code: string): { title: string; result: string; action: CodeAction }[] {
  const { analysis, document } = analyzeZone(text);
  const diagnostics = toDiagnostics(zoneUri, analysis.problems, new PositionIndex(analysis.texts), {}).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `expected a ${code} diagnostic`);
  const actions = getCodeActions(analysis, document, { range: diagnostics[0].range, diagnostics });
  return actions.map((action) => ({ title: action.title, result: applyWorkspaceEdit(text, zoneUri, action.edit), action }));
}

const header = '$ORIGIN example.com.\n$TTL 1h\n';

describe('quick fixes', () => {
  it('replaces a misspelt mechanism and changes only that record', () => {
    const text = joinLines(header + '@ TXT "v=spf1 inclde:_spf.example.net -all"', 'www TXT "v=spf1 inclde:x.example -all"');
    const [fix] = fixes(text, 'spf-syntax');
    assert.equal(fix.title, 'Replace "inclde" with "include"');
    assert.equal(fix.result, joinLines(header + '@ TXT "v=spf1 include:_spf.example.net -all"', 'www TXT "v=spf1 inclde:x.example -all"'));
    assert.equal(fix.action.kind, 'quickfix');
    assert.equal(fix.action.isPreferred, true);
  });

  it('adds ~all or -all where there is none', () => {
    const text = header + '@ TXT "v=spf1 mx"\n';
    assert.deepEqual(fixes(text, 'spf-no-all').map((f) => f.result), [header + '@ TXT "v=spf1 mx ~all"\n', header + '@ TXT "v=spf1 mx -all"\n']);
  });

  it('tightens +all and ?all', () => {
    assert.deepEqual(fixes(header + '@ TXT "v=spf1 mx +all"', 'spf-permissive-all').map((f) => f.result), [header + '@ TXT "v=spf1 mx ~all"', header + '@ TXT "v=spf1 mx -all"']);
  });

  it('removes ptr, unreachable terms, a duplicate modifier and an ignored redirect', () => {
    assert.equal(fixes(header + '@ TXT "v=spf1 ptr mx -all"', 'spf-ptr')[0].result, header + '@ TXT "v=spf1 mx -all"');
    assert.equal(fixes(header + '@ TXT "v=spf1 a -all mx"', 'spf-unreachable-terms')[0].result, header + '@ TXT "v=spf1 a -all"');
    assert.equal(fixes(header + '@ TXT "v=spf1 -all exp=a.example exp=b.example"', 'spf-duplicate-modifier')[0].result, header + '@ TXT "v=spf1 -all exp=a.example"');
    assert.deepEqual(fixes(header + '@ TXT "v=spf1 a redirect=_spf.example.com -all"', 'spf-redirect-ignored').map((f) => f.result), [
      header + '@ TXT "v=spf1 a -all"',
      header + '@ TXT "v=spf1 a redirect=_spf.example.com"',
    ]);
  });

  it('writes the network for host bits, and the right family for ip4/ip6 mix-ups', () => {
    assert.equal(fixes(header + '@ TXT "v=spf1 ip4:192.0.2.5/24 -all"', 'spf-host-bits')[0].result, header + '@ TXT "v=spf1 ip4:192.0.2.0/24 -all"');
    assert.equal(fixes(header + '@ TXT "v=spf1 ip4:2001:db8::1 -all"', 'spf-invalid-ip')[0].result, header + '@ TXT "v=spf1 ip6:2001:db8::1 -all"');
  });

  it('replaces a tab between terms with a space', () => {
    assert.equal(fixes(header + '@ TXT "v=spf1 mx\t-all"', 'spf-non-ascii')[0].result, header + '@ TXT "v=spf1 mx -all"');
  });

  it('edits in place across a multi-line, multi-string record', () => {
    const text = header + '@ TXT ( "v=spf1 mx "\n        "inclde:_spf.example.net -all" ) ; partners\n';
    assert.equal(fixes(text, 'spf-syntax')[0].result, header + '@ TXT ( "v=spf1 mx "\n        "include:_spf.example.net -all" ) ; partners\n');
  });

  it('rewrites the record when the change spans a string boundary', () => {
    const text = header + '@ TXT "v=spf1 mx pt" "r -all"\n';
    assert.equal(fixes(text, 'spf-ptr')[0].result, header + '@ TXT "v=spf1 mx -all"\n');
  });

  it('splits an overlong string into strings of at most 255 octets that join to the same record', () => {
    const record = `v=spf1 ${'ip4:192.0.2.1 '.repeat(20)}-all`;
    const [fix] = fixes(`${header}@ TXT "${record}"\n`, 'spf-string-too-long');
    const strings = [...fix.result.slice(header.length).matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    assert.ok(strings.length === 2 && strings.every((s) => s.length <= 255), JSON.stringify(strings));
    assert.equal(strings.join(''), record);
    const { analysis } = analyzeZone(fix.result);
    assert.deepEqual(analysis.problems.map((p) => p.code), []);
    assert.deepEqual(lintRecord(strings.join('')).problems, lintRecord(record).problems);
  });

  it('honours context.only and ignores diagnostics from other sources', () => {
    const text = header + '@ TXT "v=spf1 inclde:x.example -all"';
    const { analysis, document } = analyzeZone(text);
    const diagnostics = toDiagnostics(zoneUri, analysis.problems, new PositionIndex(analysis.texts), {});
    assert.deepEqual(getCodeActions(analysis, document, { range: diagnostics[0].range, diagnostics, only: ['refactor'] }), []);
    assert.equal(getCodeActions(analysis, document, { range: diagnostics[0].range, diagnostics, only: ['quickfix'] }).length, 1);
    const foreign = diagnostics.map((d) => ({ ...d, source: 'other' }));
    assert.deepEqual(getCodeActions(analysis, document, { range: diagnostics[0].range, diagnostics: foreign }), []);
  });

  it('offers nothing for a diagnostic from an older version of the document', () => {
    const text = header + '@ TXT "v=spf1 inclde:x.example -all"';
    const { analysis } = analyzeZone(text);
    const diagnostics = toDiagnostics(zoneUri, analysis.problems, new PositionIndex(analysis.texts), {});
    const edited = analyzeZone(header + '@ TXT "v=spf1 mx inclde:x.example -all"');
    assert.deepEqual(getCodeActions(edited.analysis, edited.document, { range: diagnostics[0].range, diagnostics }), []);
  });
});
