// The contributed grammars in a real workbench. Scopes are checked offline by test/grammar/
// (VS Code's `_workbench.captureSyntaxTokens` exists only in the desktop build, not in
// code-server's web workbench); these tests check that the manifest wiring loads and leave
// screenshots (with --screenshots) for checking the colours by eye.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot, test } from './harness';

async function show(name: string, text?: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders![0]!;
  const uri = vscode.Uri.joinPath(folder.uri, name);
  if (text !== undefined) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

test('opens zone files in the dns-zone language with its grammar (screenshot grammar-zone)', async () => {
  const document = await show('example.com.zone');
  assert.equal(document.languageId, 'dns-zone');
  await screenshot('grammar-zone');
}, { trust: 'any', timeoutMs: 30_000 });

test('injects SPF colours into YAML strings (screenshot grammar-yaml)', async () => {
  const document = await show('grammar-check.yaml', [
    'records:',
    '  - name: example.com',
    '    type: TXT',
    '    value: v=spf1 include:_spf.example.com ip4:192.0.2.0/24 ~all',
    '    quoted: "v=spf1 mx ip6:2001:db8::/32 exists:%{i}._spf.%{d} -all"',
    '    note: "see v=spf1 -all"   # not a record: does not start with the version',
    '',
  ].join('\n'));
  try {
    assert.equal(document.languageId, 'yaml');
    await screenshot('grammar-yaml');
  } finally {
    // Leave the shared workspace as the other tests expect it.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(document.uri);
  }
}, { trust: 'any', timeoutMs: 30_000 });
