// Checks of the test host itself, true before and after spf-lens exists: if these fail, the
// launcher or code-server is broken, not the extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot, test, waitFor } from './harness';

test('runs in VS Code 1.100.x', () => {
  assert.match(vscode.version, /^1\.100\./);
}, { trust: 'any' });

test('opens the workspace folder the launcher was given', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  const files = await vscode.workspace.findFiles('*.json');
  assert.deepEqual(files.map((uri) => uri.path.split('/').pop()), ['example.json']);
}, { trust: 'any' });

test('reads the user settings the launcher wrote', () => {
  // test/e2e/session.mjs seeds User/settings.json; a caller's --settings file merges over it.
  assert.equal(vscode.workspace.getConfiguration('workbench').get('startupEditor'), 'none');
}, { trust: 'any' });

test('opens a document of a built-in language', async () => {
  const folder = vscode.workspace.workspaceFolders![0]!;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'example.json'));
  const editor = await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'json');
  assert.equal(editor.document, document);
  // The built-in JSON extension really runs: it answers with document symbols.
  const symbols = await waitFor(async () => {
    const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    return found?.length ? found : undefined;
  }, { what: 'JSON document symbols', timeoutMs: 15_000 });
  assert.deepEqual(symbols.map((s) => s.name), ['purpose']);
  await screenshot('e2e-workbench');
}, { trust: 'any', timeoutMs: 30_000 });
