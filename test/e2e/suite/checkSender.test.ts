// "SPF Lens: Check sender IP…" with its inputs given as arguments, as a code lens or a test
// passes them: the server's verdict, and the report shown beside the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckHostRequest } from '../../../shared/protocol';
import { describeQueries, dnsMark } from './dns';
import { describe, test, waitFor } from './harness';
import { openZone } from './workspace';

type CheckResult = Extract<CheckHostRequest.Result, { kind: 'result' }>;

function reportEditor(headline: string): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'spf-lens-report' && editor.document.getText().startsWith(headline));
}

describe('Check sender IP', () => {
  test('a pass through an include resolved live, with the report shown', async () => {
    await openZone('example.com.zone');
    const mark = dnsMark();
    const result = await vscode.commands.executeCommand<CheckHostRequest.Result>('spfLens.checkSenderIp', {
      ip: '198.51.100.77', sender: 'bounces@example.com', helo: 'relay.example.net', show: true,
    });
    assert.equal(result?.kind, 'result');
    const check = result as CheckResult;
    assert.deepEqual([check.result, check.identity, check.domain], ['pass', 'mailfrom', 'example.com']);
    assert.match(check.reason, /include:_spf\.example\.net/);
    assert.equal(check.lookups, 2);
    const report = await waitFor(() => reportEditor('# SPF pass: 198.51.100.77 sending as bounces@example.com'), { what: 'the report beside the editor' });
    assert.equal(report.document.languageId, 'markdown');
    assert.equal(report.document.getText(), check.markdown);
    assert.match(check.markdown, /## Trace/);
    // example.com's record came from the workspace file; the include's from the test server.
    const asked = mark.since();
    assert.ok(asked.some((q) => q.name === '_spf.example.net'), `queries: ${describeQueries(asked)}`);
    assert.ok(!asked.some((q) => q.name === 'example.com'), `queries: ${describeQueries(asked)}`);
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  }, { timeoutMs: 30_000 });

  test('a fail for an address the record does not list', async () => {
    await openZone('example.com.zone');
    const result = await vscode.commands.executeCommand<CheckHostRequest.Result>('spfLens.checkSenderIp', {
      ip: '203.0.113.9', sender: 'bounces@example.com', helo: 'mail.example.com', show: false,
    });
    const check = result as CheckResult;
    assert.equal(check.result, 'fail');
    assert.match(check.markdown, /is NOT authorized/);
    assert.equal(reportEditor('# SPF fail'), undefined, 'show: false shows no report');
  }, { timeoutMs: 20_000 });

  test('input that cannot be checked comes back as invalid, naming the field', async () => {
    await openZone('example.com.zone');
    const result = await vscode.commands.executeCommand<CheckHostRequest.Result>('spfLens.checkSenderIp', {
      ip: 'not-an-ip', sender: 'bounces@example.com', helo: 'mail.example.com', show: false,
    });
    assert.equal(result?.kind, 'invalid');
    assert.deepEqual((result as Extract<CheckHostRequest.Result, { kind: 'invalid' }>).problems.map((problem) => problem.field), ['ip']);
  }, { trust: 'any' });

  test('in an untrusted workspace it answers from workspace records only and says so', async () => {
    await openZone('example.com.zone');
    const result = await vscode.commands.executeCommand<CheckHostRequest.Result>('spfLens.checkSenderIp', {
      ip: '192.0.2.25', sender: 'bounces@example.com', helo: 'mail.example.com', show: false,
    });
    const check = result as CheckResult;
    // mail.example.com is example.com's MX in the workspace file: a pass without any DNS.
    assert.equal(check.result, 'pass');
    assert.match(check.markdown, /No DNS query was sent because the workspace is not trusted/);
  }, { trust: 'untrusted' });
});
