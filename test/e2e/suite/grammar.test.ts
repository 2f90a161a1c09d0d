// Highlighting: the dns-zone grammar and the SPF grammar inside TXT strings, as the editor
// applies them. The vscode API has no call for a token's scopes, so the test asks the token
// inspector ("Developer: Inspect Editor Tokens and Scopes") and reads its widget off the page.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pageText, test, waitFor } from './harness';
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
