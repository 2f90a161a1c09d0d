// The contributed grammars in a real workbench. Scopes are checked offline, in detail, by
// test/grammar/; here the editor itself applies them. The vscode API has no call for a token's
// scopes and VS Code's `_workbench.captureSyntaxTokens` exists only in the desktop build, so the
// tests ask the token inspector ("Developer: Inspect Editor Tokens and Scopes") and read its widget
// off the page (pageText); with --screenshots they also leave pictures for checking colours by eye.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pageText, screenshot, test, waitFor } from './harness';
import { openZone, rangeOf } from './workspace';

/**
 * Moves the cursor to `position` and waits until the token inspector describes a token whose
 * scopes `accept` likes; returns its text, or undefined when no launcher reads the page.
 */
async function inspect(editor: vscode.TextEditor, position: vscode.Position, accept: (text: string) => boolean, what: string): Promise<string | undefined> {
  editor.selection = new vscode.Selection(position, position);
  let last = '';
  try {
    return await waitFor(async () => {
      const texts = await pageText('.token-inspect-widget');
      if (texts === undefined) return { skipped: true };
      last = texts.join('\n');
      return accept(last) ? { text: last } : undefined;
    }, { what, timeoutMs: 10_000, intervalMs: 200 }).then((found) => ('text' in found ? found.text : undefined));
  } catch (error) {
    throw new Error(`${(error as Error).message}; the inspector said: ${JSON.stringify(last)}`);
  }
}

test('zone files are highlighted: record types by the dns-zone grammar, SPF terms by the SPF grammar', async () => {
  const { document, editor } = await openZone('example.com.zone');
  await vscode.commands.executeCommand('editor.action.inspectTMScopes');
  try {
    const mechanism = await inspect(editor, rangeOf(document, 'include:').start.translate(0, 2), (text) => text.includes('keyword.control.mechanism.spf'), 'the SPF mechanism scope');
    if (mechanism === undefined) return; // test-electron: nothing reads the page
    // "include", then its scopes innermost first, down to the zone file's.
    assert.match(mechanism, /^include\n/);
    assert.match(mechanism, /textmate scopes\tkeyword\.control\.mechanism\.spf\nmeta\.record\.spf\nstring\.quoted\.double\.dns-zone\nmeta\.record\.txt\.dns-zone\nsource\.dns-zone\n/);
    // ... and the theme gives it a colour of its own.
    assert.match(mechanism, /foreground\tkeyword\.control/);
    const type = await inspect(editor, rangeOf(document, 'TXT').start.translate(0, 1), (text) => text.includes('keyword.other.record-type.dns-zone'), 'the record type scope');
    assert.match(type!, /^TXT\n/);
    assert.doesNotMatch(type!, /\.spf\b/, 'the record type is outside the SPF string');
  } finally {
    await vscode.commands.executeCommand('editor.action.inspectTMScopes');
  }
}, { trust: 'any', timeoutMs: 30_000 });

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
    const editor = vscode.window.activeTextEditor!;
    await vscode.commands.executeCommand('editor.action.inspectTMScopes');
    try {
      const mechanism = await inspect(editor, rangeOf(document, 'include:').start.translate(0, 2), (text) => text.includes('keyword.control.mechanism.spf'), 'the SPF mechanism scope in YAML');
      if (mechanism !== undefined) assert.match(mechanism, /meta\.record\.spf[\s\S]*source\.yaml/);
      // Wait until the widget has left "include" for the token under the new cursor.
      const note = await inspect(editor, rangeOf(document, 'v=spf1 -all').start.translate(0, 9), (text) => !text.startsWith('include\n') && text.includes('textmate scopes'), 'the inspector on the note');
      if (note !== undefined) assert.doesNotMatch(note, /\.spf\b/, 'text that does not start with v=spf1 is not SPF');
    } finally {
      await vscode.commands.executeCommand('editor.action.inspectTMScopes');
    }
    await screenshot('grammar-yaml');
  } finally {
    // Leave the shared workspace as the other tests expect it.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(document.uri);
  }
}, { trust: 'any', timeoutMs: 30_000 });
