// The extension itself: installed, activated by zone files, started with the environment and
// settings the launcher gave it.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { dnsServer } from './dns';
import { describe, test, waitFor } from './harness';
import { EXTENSION_ID, codeOf, languageStatus, openZone, waitForDiagnostics } from './workspace';

describe('extension', () => {
  test('the extension under development is installed', () => {
    // extensions.all makes new objects on each call, so compare ids, not objects.
    const ids = vscode.extensions.all.map((extension) => extension.id);
    assert.ok(ids.includes(EXTENSION_ID), `${EXTENSION_ID} is not among ${ids.length} extensions`);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.publisher, 'spf-lens');
  }, { trust: 'any' });

  test('activates on a zone file and checks it', async () => {
    const { document } = await openZone('problems.example.org.zone');
    assert.equal(document.languageId, 'dns-zone');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.length > 0, { what: 'first diagnostics', timeoutMs: 15_000 });
  }, { trust: 'any', timeoutMs: 30_000 });

  test('gives *.zone, *.db and db.* files the dns-zone language', async () => {
    for (const name of ['example.com.zone', 'example.info.db', 'db.example.edu']) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, name));
      assert.equal(document.languageId, 'dns-zone', name);
    }
  }, { trust: 'any' });

  test('contributes its settings, with defaults and descriptions', () => {
    const section = vscode.workspace.getConfiguration('spfLens');
    assert.equal(section.inspect('dns.live')?.defaultValue, true);
    assert.deepEqual(section.inspect('dns.servers')?.defaultValue, []);
    assert.equal(section.inspect('validationDelayMs')?.defaultValue, 250);
    const properties = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>;
    for (const [name, property] of Object.entries(properties)) {
      assert.ok((property.description ?? property.markdownDescription ?? '').length > 20, `${name} has no description`);
    }
  }, { trust: 'any' });
});

describe('hermetic runs', () => {
  test('the extension host runs with SPF_LENS_LOOPBACK_ONLY=1', () => {
    assert.equal(process.env.SPF_LENS_LOOPBACK_ONLY, '1');
  }, { trust: 'any' });

  test('so does the language server it started', async () => {
    await openZone('example.com.zone');
    if (process.platform !== 'linux') return;
    const [pid, ...others] = languageServerPids();
    assert.ok(pid && others.length === 0, `language server processes under the extension host: ${[pid, ...others]}`);
    const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    assert.ok(environment.includes('SPF_LENS_LOOPBACK_ONLY=1'), 'SPF_LENS_LOOPBACK_ONLY=1 is not in the language server\'s environment');
  }, { trust: 'any', timeoutMs: 30_000 });

  test('live lookups go to the loopback test DNS server', () => {
    const section = vscode.workspace.getConfiguration('spfLens');
    assert.deepEqual(section.get('dns.servers'), [dnsServer()]);
    assert.match(dnsServer(), /^127\.0\.0\.1:\d+$/);
    assert.equal(section.get('dns.live'), true);
  }, { trust: 'any' });
});

describe('language status', () => {
  test('the language status says live DNS is on and where lookups go', async () => {
    await openZone('example.com.zone');
    const text = await languageStatus((found) => found.includes('SPF: live DNS'), 'the SPF Lens language status');
    if (text === undefined) return; // no page to read (test-electron)
    assert.match(text, new RegExp(`^SPF: live DNS\nLookups go to ${dnsServer().replace(/\./g, '\\.')}\nSettings`, 'm'));
  }, { timeoutMs: 30_000 });

  test('in an untrusted workspace the language status says live DNS is off, and why', async () => {
    await openZone('example.com.zone');
    const text = await languageStatus((found) => found.includes('SPF: live DNS'), 'the SPF Lens language status');
    if (text === undefined) return;
    assert.match(text, /^SPF: live DNS off\nNo DNS queries are sent because this workspace is not trusted; lookup counts are not checked\.\nManage trust/m);
  }, { trust: 'untrusted', timeoutMs: 30_000 });
});

test('"SPF Lens: Restart Language Server" starts a new server that checks open zone files again', async () => {
  const { document } = await openZone('problems.example.org.zone');
  await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.length > 0, { what: 'diagnostics before the restart' });
  const before = process.platform === 'linux' ? languageServerPids() : [];
  await vscode.commands.executeCommand('spfLens.restartServer');
  if (process.platform === 'linux') {
    await waitFor(() => {
      const now = languageServerPids();
      return now.length === 1 && !before.includes(now[0]!);
    }, { what: 'a new language server process', timeoutMs: 15_000 });
  }
  await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.some((diagnostic) => codeOf(diagnostic) === 'spf-syntax'), { what: 'diagnostics after the restart', timeoutMs: 15_000 });
}, { timeoutMs: 30_000 });

/** The language server processes the extension host started (IPC transport: its children). */
function languageServerPids(): string[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The fields after the command name (which may hold spaces) start after the last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server.js');
    } catch {
      return false; // gone while we looked
    }
  });
}
