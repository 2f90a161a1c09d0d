// The language server over a real JSON-RPC stream: the built dist/server.js started with
// --stdio, as Neovim or Emacs start it, driven by a generic LSP client.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';
import { LspTestClient, buildOnce, repoRoot } from '../util/lspClient';
import { RANGE_END as E, RANGE_START as S, joinLines, parseMarkers } from '../util/markers';
import { TextDocument } from 'vscode-languageserver-textdocument';

const uri = 'file:///workspace/db.example.com';

describe('language server over stdio', () => {
  it('initialize → didOpen → publishDiagnostics → hover → codeAction → shutdown → exit 0', async () => {
    const client = new LspTestClient({ initializationOptions: { settings: { dns: { live: false } } } });
    try {
      const init = await client.initialize();
      assert.equal(init.capabilities.hoverProvider, true);
      assert.equal(init.serverInfo?.name, 'spf-lens');

      const { text, ranges } = parseMarkers(joinLines(
        '$ORIGIN example.com.',
        `@ IN TXT ( "v=spf1 mx ${S}inclde${E}:_spf.example.net"`,
        `           " ${S}ptr${E} -all" )`,
      ));
      await client.open(uri, text);
      const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'spf-syntax'));
      const document = TextDocument.create(uri, 'dns-zone', 1, text);
      const found = diagnostics.filter((d) => d.code !== 'spf-live-off').map((d) => [d.code, document.offsetAt(d.range.start), document.offsetAt(d.range.end)]);
      assert.deepEqual(found, [['spf-syntax', ranges[0].start, ranges[0].end], ['spf-ptr', ranges[1].start, ranges[1].end]]);
      assert.ok(diagnostics.some((d) => d.code === 'spf-live-off'), 'says once that live DNS is off');

      const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: document.positionAt(ranges[1].start + 1) });
      assert.match(hover?.contents.value ?? '', /ptr/);

      const syntax = diagnostics.find((d) => d.code === 'spf-syntax')!;
      const actions = await client.connection.sendRequest<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: syntax.range,
        context: { diagnostics: [syntax] },
      });
      assert.equal(actions[0].title, 'Replace "inclde" with "include"');
      assert.equal(actions[0].edit.changes[uri][0].newText, 'include');

      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('starts from its bin entry with no arguments, as `spf-lens-language-server` on PATH', async () => {
    // npm links a bin entry as an executable named after it; do the same with a copy of the file,
    // so the shebang, not `node file`, starts it, and no --stdio is given.
    buildOnce();
    const bin = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['spf-lens-language-server'];
    assert.equal(bin, 'dist/server.js');
    const dir = mkdtempSync(join(tmpdir(), 'spf-lens-bin-'));
    const executable = join(dir, 'spf-lens-language-server');
    copyFileSync(join(repoRoot, bin), executable);
    chmodSync(executable, 0o755);
    const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
    try {
      assert.match(execFileSync(executable, ['--version'], { env, encoding: 'utf8' }), /^spf-lens-language-server \d+\.\d+\.\d+\n$/);
      const client = new LspTestClient({ command: { file: executable, args: [], env }, initializationOptions: { settings: { dns: { live: false } } } });
      try {
        await client.initialize();
        await client.open(uri, '@ TXT "v=spf1 ptr -all"\n');
        const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'spf-ptr'));
        assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['spf-live-off', 'spf-ptr']);
        assert.equal(await client.shutdown(), 0);
      } finally {
        client.kill();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks zone files opened with the language ids Neovim (bindzone) and eglot\'s dns-mode (dns) send', async () => {
    const client = new LspTestClient({ initializationOptions: { settings: { dns: { live: false } } } });
    try {
      await client.initialize();
      for (const [languageId, name] of [['bindzone', 'example.zone'], ['dns', 'db.example']]) {
        const documentUri = `file:///workspace/${name}`;
        await client.open(documentUri, '@ TXT "v=spf1 ptr -all"\n', languageId);
        const diagnostics = await client.waitForDiagnostics(documentUri);
        assert.ok(diagnostics.some((d) => d.code === 'spf-ptr'), `${languageId}: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
      }
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('updates diagnostics after a change and clears them on close', async () => {
    const client = new LspTestClient({ initializationOptions: { settings: { dns: { live: false }, validationDelayMs: 0 } } });
    try {
      await client.initialize();
      await client.open(uri, '@ TXT "v=spf1 +all"\n');
      await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'spf-permissive-all'));
      await client.change(uri, '@ TXT "v=spf1 -all"\n', 2);
      await client.waitForDiagnostics(uri, (p) => p.version === 2 && !p.diagnostics.some((d) => d.code === 'spf-permissive-all'));
      await client.close(uri);
      await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('never crashes on binary junk, unterminated quotes and huge lines', async () => {
    const client = new LspTestClient({ initializationOptions: { settings: { dns: { live: false } } } });
    try {
      await client.initialize();
      const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
      const inputs = [junk, '@ TXT "v=spf1 ( unterminated', `@ TXT "v=spf1 ${'a '.repeat(500_000)}"`, '('.repeat(10_000), '\uFEFF@\r\nTXT\r\n"v=spf1\u0000"'];
      for (const [index, text] of inputs.entries()) {
        const junkUri = `file:///workspace/junk${index}.zone`;
        await client.open(junkUri, text);
        await client.waitForDiagnostics(junkUri);
      }
      assert.equal(await client.shutdown(), 0);
      assert.doesNotMatch(client.logs.join('\n'), /failed|uncaught/);
    } finally {
      client.kill();
    }
  });
});

describe('language server with live DNS (loopback test server)', () => {
  let dns: TestDnsServer;
  before(async () => {
    dns = await startTestDnsServer({
      zone: `
_spf.example.net:
  - TXT: v=spf1 include:a.example.net include:b.example.net include:c.example.net -all
a.example.net:
  - TXT: v=spf1 ip4:192.0.2.0/24 include:d.example.net -all
b.example.net:
  - TXT: v=spf1 a:mail.b.example.net mx:b.example.net -all
c.example.net:
  - TXT: v=spf1 exists:%{i}.c.example.net -all
d.example.net:
  - TXT: v=spf1 a:one.example.net a:two.example.net a:three.example.net -all
mail.b.example.net:
  - A: 192.0.2.10
b.example.net.:
  - MX: [10, mail.b.example.net]
one.example.net:
  - A: 192.0.2.1
two.example.net:
  - A: 192.0.2.2
three.example.net:
  - A: 192.0.2.3
nospf.example.net:
  - TXT: google-site-verification=abc
`,
    });
  });
  after(() => dns.stop());

  const zone = joinLines(
    '$ORIGIN example.com.',
    '@ TXT "v=spf1 mx include:_spf.example.net include:_spf.example.net include:nospf.example.net -all"',
    '@ MX 10 mx.example.com.',
    'mx A 192.0.2.25',
  );

  it('publishes lookup diagnostics from the test server, after the static ones', async () => {
    dns.clearLog();
    const settings = { dns: { live: true, servers: [dns.address.server], timeoutMs: 1000 }, workspaceTrusted: true };
    const client = new LspTestClient({ settings });
    try {
      await client.initialize();
      await client.open(uri, zone);
      const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'spf-lookup-limit'));
      const codes = diagnostics.map((d) => d.code);
      assert.ok(codes.includes('spf-include-no-spf'), JSON.stringify(codes));
      const limit = diagnostics.find((d) => d.code === 'spf-lookup-limit')!;
      assert.match(limit.message as string, /needs 24 DNS lookups/);
      assert.match(limit.message as string, /"include:_spf\.example\.net" costs 11/);
      // The same include twice costs twice, but is asked once (cache and in-flight de-duplication).
      assert.equal(dns.queries({ name: '_spf.example.net', type: 'TXT' }).length, 1);
      // The workspace defines example.com's MX: it is answered from the file, not the server.
      assert.equal(dns.queries({ name: 'example.com' }).length, 0);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('sends no query at all when the workspace is untrusted or live lookups are off, and says so once', async () => {
    for (const settings of [{ dns: { live: true, servers: [dns.address.server] }, workspaceTrusted: false }, { dns: { live: false, servers: [dns.address.server] }, workspaceTrusted: true }]) {
      dns.clearLog();
      const client = new LspTestClient({ settings });
      try {
        await client.initialize();
        await client.open(uri, `${zone}\nwww TXT "v=spf1 include:_spf.example.net -all"\n`);
        const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'spf-live-off'));
        assert.equal(diagnostics.filter((d) => d.code === 'spf-live-off').length, 1);
        assert.match(diagnostics.find((d) => d.code === 'spf-live-off')!.message as string, settings.workspaceTrusted ? /turned off/ : /not trusted/);
        await client.shutdown();
      } finally {
        client.kill();
      }
      assert.equal(dns.log.length, 0, `queries sent with ${JSON.stringify(settings)}`);
    }
  });

  it('publishes static diagnostics first and shows progress while slow lookups resolve', async () => {
    dns.clearLog();
    dns.setLatency(800, '_spf.example.net');
    const settings = { dns: { live: true, servers: [dns.address.server], timeoutMs: 3000 }, workspaceTrusted: true };
    const client = new LspTestClient({ settings });
    try {
      await client.initialize();
      await client.open(uri, zone);
      await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'spf-lookup-limit'), 15_000);
      const forUri = client.published.filter((p) => p.uri === uri);
      assert.ok(forUri.length >= 2, 'static then live');
      assert.ok(!forUri[0].diagnostics.some((d) => d.code === 'spf-lookup-limit'), 'the first publication has only static findings');
      assert.equal(client.progress[0]?.kind, 'begin');
      assert.match(client.progress[0]?.title ?? '', /resolving lookups in db\.example\.com/);
      assert.equal(client.progress.at(-1)?.kind, 'end');
      await client.shutdown();
    } finally {
      dns.setLatency(0, '_spf.example.net');
      client.kill();
    }
  });
});
