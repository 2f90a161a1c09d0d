// The launchers start the workspace trusted unless asked for --untrusted; spf-lens must lint but
// never query DNS in an untrusted workspace, so both modes need to be real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeQueries, dnsQueries } from './dns';
import { test } from './harness';
import { codeOf, openZone, waitForDiagnostics } from './workspace';

test('the workspace is trusted in a normal run', () => {
  assert.equal(vscode.workspace.isTrusted, true);
}, { trust: 'trusted' });

test('the workspace is untrusted in an --untrusted run', () => {
  assert.equal(vscode.workspace.isTrusted, false);
}, { trust: 'untrusted' });

test('an untrusted workspace checks every zone file statically and sends no DNS query', async () => {
  // Live DNS is on in the user settings and points at the loopback server: only trust stops it.
  assert.equal(vscode.workspace.getConfiguration('spfLens').get('dns.live'), true);
  const zones = (await vscode.workspace.findFiles('**/{*.zone,*.db,db.*}')).map((uri) => uri.path.split('/').pop()!).sort();
  assert.ok(zones.length >= 5, `zone files: ${zones}`);
  for (const name of zones) {
    const { document } = await openZone(name);
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((d) => codeOf(d) === 'spf-live-off'), { what: `spf-live-off on ${name}` });
    const notices = diagnostics.filter((d) => codeOf(d) === 'spf-live-off');
    assert.equal(notices.length, 1, `${name}: one notice per file`);
    assert.match(notices[0]!.message, /No DNS query was sent because the workspace is not trusted/);
    assert.ok(!diagnostics.some((d) => /^spf-(lookup|include|void|dns)/.test(codeOf(d))), `${name} has live findings`);
  }
  // The launcher checks the whole run's log again after the suite ends.
  assert.deepEqual(dnsQueries(), [], `queries: ${describeQueries(dnsQueries())}`);
}, { trust: 'untrusted', timeoutMs: 40_000 });
