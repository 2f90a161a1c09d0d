// Static diagnostics: the codes and exact ranges spf-lens publishes for a zone file, and how
// they follow edits made through the vscode editing API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describe, test } from './harness';
import { codeOf, formatRange, openZone, rangeOf, revert, waitForDiagnostics, waitForExactly, withLiveNotice } from './workspace';

describe('diagnostics', () => {
  test('a zone file gets each problem with its code, range, severity and RFC link', async () => {
    const { document } = await openZone('problems.example.org.zone');
    const at = (text: string) => formatRange(rangeOf(document, text));
    const expected: [string, string][] = [
      ['spf-syntax', at('inclde')],
      ['spf-ptr', at('ptr')],
      ['spf-permissive-all', at('+all')],
      ['spf-invalid-ip', at('192.0.2.300')],
      ['spf-no-all', formatRange(rangeOf(document, 'v=spf1', 2))],
    ];
    // In a trusted run the live check follows and adds nothing here: these records query no DNS.
    const diagnostics = await waitForExactly(document.uri, withLiveNotice(document, expected));
    const byCode = new Map(diagnostics.map((diagnostic) => [codeOf(diagnostic), diagnostic]));
    assert.equal(byCode.get('spf-syntax')!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(byCode.get('spf-ptr')!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(byCode.get('spf-no-all')!.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(byCode.get('spf-syntax')!.message, /did you mean "include:"/);
    const code = byCode.get('spf-ptr')!.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /rfc7208#section-5\.5/);
  }, { trust: 'any' });

  test('diagnostics follow an edit made with TextEditor.edit, and a WorkspaceEdit', async () => {
    const { document, editor } = await openZone('edit.example.org.zone');
    try {
      await waitForExactly(document.uri, withLiveNotice(document, []), { what: 'no diagnostics on the clean fixture' });
      // Make "-all" permissive by typing over it.
      assert.ok(await editor.edit((builder) => builder.replace(rangeOf(document, '-all'), '+all')));
      await waitForExactly(document.uri, withLiveNotice(document, [['spf-permissive-all', formatRange(rangeOf(document, '+all'))]]), { what: 'spf-permissive-all after the edit' });

      // Then add a second SPF record at the same name through the workspace edit API.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(document.lineCount, 0), '@       IN TXT  "v=spf1 ptr -all"\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const multiple = await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.some((d) => codeOf(d) === 'spf-multiple-records'), { what: 'spf-multiple-records after the insert' });
      assert.ok(multiple.some((d) => codeOf(d) === 'spf-ptr' && formatRange(d.range) === formatRange(rangeOf(document, 'ptr'))));
      const duplicate = multiple.find((d) => codeOf(d) === 'spf-multiple-records')!;
      assert.ok(duplicate.relatedInformation?.length, 'names the other record');
    } finally {
      await revert(document);
    }
    await waitForExactly(document.uri, withLiveNotice(document, []), { what: 'no diagnostics once the edits are reverted' });
  }, { trust: 'any' });
});
