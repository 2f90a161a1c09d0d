// Quick fixes: asked for through the vscode API as the light bulb asks, applied as a workspace
// edit, compared on the whole document, and undone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describe, test, waitFor } from './harness';
import { codeOf, openZone, rangeOf, revert, waitForDiagnostics } from './workspace';

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((action): action is vscode.CodeAction => 'edit' in action || 'kind' in action);
}

/** Waits for the diagnostic `code` on `text`, then returns the quick fixes offered there. */
async function fixesAt(document: vscode.TextDocument, code: string, text: string): Promise<vscode.CodeAction[]> {
  const range = rangeOf(document, text);
  await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.some((d) => codeOf(d) === code && d.range.isEqual(range)), { what: `${code} on "${text}"` });
  return waitFor(async () => {
    const actions = await quickFixes(document.uri, range);
    return actions.length ? actions : undefined;
  }, { what: `quick fixes for ${code}` });
}

async function applyAndCheck(document: vscode.TextDocument, action: vscode.CodeAction, expected: string): Promise<void> {
  const original = document.getText();
  assert.ok(action.edit, `"${action.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  assert.equal(document.getText(), expected);
  // One undo takes the whole fix back.
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('undo');
  await waitFor(() => document.getText() === original, { what: 'undo to restore the document' });
}

describe('quick fixes', () => {
  test('replace a misspelt mechanism, and undo restores the document', async () => {
    const { document } = await openZone('fixes.example.org.zone');
    try {
      const actions = await fixesAt(document, 'spf-syntax', 'inclde');
      assert.deepEqual(actions.map((action) => action.title), ['Replace "inclde" with "include"']);
      assert.equal(actions[0]!.kind?.value, 'quickfix');
      assert.equal(actions[0]!.isPreferred, true);
      await applyAndCheck(document, actions[0]!, document.getText().replace('inclde:', 'include:'));
    } finally {
      await revert(document);
    }
  }, { trust: 'any' });

  test('"+all" offers "~all" (preferred) and "-all"', async () => {
    const { document } = await openZone('fixes.example.org.zone');
    try {
      const actions = await fixesAt(document, 'spf-permissive-all', '+all');
      assert.deepEqual(actions.map((action) => [action.title, action.isPreferred ?? false]), [['Change "+all" to "~all"', true], ['Change "+all" to "-all"', false]]);
      await applyAndCheck(document, actions[1]!, document.getText().replace('+all', '-all'));
    } finally {
      await revert(document);
    }
  }, { trust: 'any' });

  test('remove a ptr mechanism with the space before it', async () => {
    const { document } = await openZone('fixes.example.org.zone');
    try {
      const actions = await fixesAt(document, 'spf-ptr', 'ptr');
      assert.deepEqual(actions.map((action) => action.title), ['Remove "ptr"']);
      await applyAndCheck(document, actions[0]!, document.getText().replace(' ptr -all', ' -all'));
      // Applied for real, the warning goes away.
      assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
      await waitForDiagnostics(document.uri, (diagnostics) => !diagnostics.some((d) => codeOf(d) === 'spf-ptr'), { what: 'spf-ptr to go' });
    } finally {
      await revert(document);
    }
  }, { trust: 'any' });
});
