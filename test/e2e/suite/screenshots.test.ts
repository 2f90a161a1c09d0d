// The pictures in docs/images/ (README), taken by `npm run screenshots`. Each test sets a scene,
// waits until what the picture is meant to show is there, and asks for the screenshot; in
// ordinary runs screenshot() does nothing, so these run as quick checks that the UI commands work.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckHostRequest } from '../../../shared/protocol';
import { describe, screenshot, test } from './harness';
import { codeOf, openZone, rangeOf, waitForDiagnostics, waitForHover, waitForLenses } from './workspace';

/** An uncluttered workbench: no other editors, panels, side bar or leftover notifications. */
async function cleanStage(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('notifications.clearAll');
}

async function hoverAt(editor: vscode.TextEditor, position: vscode.Position): Promise<void> {
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.showHover');
}

describe('screenshot', () => {
  test('a squiggled record with its diagnostic hover', async () => {
    await cleanStage();
    const { document, editor } = await openZone('problems.example.org.zone');
    await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.some((d) => codeOf(d) === 'spf-syntax'));
    await waitForLenses(document.uri, (lenses) => lenses.some((lens) => /DNS lookups/.test(lens.command?.title ?? '')), 'the lookup count lens');
    await hoverAt(editor, rangeOf(document, 'inclde').start.translate(0, 2));
    await screenshot('diagnostic-hover', { settleMs: 1500, clip: { x: 0, y: 0, width: 1280, height: 300 } });
  });

  test('a highlighted zone file', async () => {
    await cleanStage();
    const { document, editor } = await openZone('example.com.zone');
    await waitForLenses(document.uri, (lenses) => lenses.some((lens) => lens.command?.title === '4/10 DNS lookups'), 'the lookup count lens');
    // Cursor at the end, away from the terms, so nothing is highlighted as "under the cursor".
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    await screenshot('zone-highlighting', { settleMs: 1000, clip: { x: 0, y: 0, width: 1280, height: 280 } });
  });

  test('the Problems panel', async () => {
    await cleanStage();
    const bulk = await openZone('bulk.example.com.zone');
    await waitForDiagnostics(bulk.document.uri, (diagnostics) => diagnostics.some((d) => codeOf(d) === 'spf-lookup-limit'), { what: 'live diagnostics', timeoutMs: 15_000 });
    const problems = await openZone('problems.example.org.zone');
    await waitForDiagnostics(problems.document.uri, (diagnostics) => diagnostics.length === 5);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems-panel', { settleMs: 1000 });
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  test('a hover with the live lookup cost, under the code lens', async () => {
    await cleanStage();
    const { document, editor } = await openZone('example.com.zone');
    const include = rangeOf(document, 'include:_spf.example.net').start.translate(0, 3);
    await waitForHover(document.uri, include, (text) => text.includes('Costs **'), 'the live cost in the hover', 15_000);
    await waitForLenses(document.uri, (lenses) => lenses.some((lens) => lens.command?.title === '4/10 DNS lookups'), 'the lookup count lens');
    await hoverAt(editor, include);
    await screenshot('lookup-hover', { settleMs: 1500, clip: { x: 0, y: 0, width: 1280, height: 480 } });
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  });

  test('the "Check sender IP" report', async () => {
    await cleanStage();
    await openZone('example.com.zone');
    const result = await vscode.commands.executeCommand<CheckHostRequest.Result>('spfLens.checkSenderIp', {
      ip: '198.51.100.77', sender: 'bounces@example.com', helo: 'relay.example.net', show: true,
    });
    assert.equal(result?.kind === 'result' && result.result, 'pass');
    await screenshot('check-sender-report', { settleMs: 1500 });
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  });
});
