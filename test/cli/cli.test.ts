// The CLI as users run it: the built dist/cli.js in a child process.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';
import { buildOnce, repoRoot } from '../util/lspClient';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], cwd: string): Promise<Run> {
  buildOnce();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { cwd, env: { ...process.env, SPF_LENS_LOOPBACK_ONLY: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'spf-lens-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'db.example.com'), '$ORIGIN example.com.\n@ TXT "v=spf1 inclde:_spf.example.net ~all"\nwww TXT "v=spf1 ptr -all"\n');
writeFileSync(join(dir, 'clean.zone'), '$ORIGIN clean.example.\n@ TXT "v=spf1 ip4:192.0.2.0/24 -all"\n');
writeFileSync(join(dir, 'warn.zone'), '$ORIGIN warn.example.\n@ TXT "v=spf1 ptr -all"\n');

describe('spf-lens lint', () => {
  it('prints file:line:col: severity code message, 1-based, and exits 1 on errors', async () => {
    const run = await cli(['lint', '--offline', 'db.example.com'], dir);
    assert.equal(run.code, 1);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0], /^db\.example\.com:2:8: information spf-live-off /);
    assert.equal(lines[1], 'db.example.com:2:15: error spf-syntax Unknown mechanism "inclde"; did you mean "include:"? Receivers return permerror for the whole record.');
    assert.match(lines[2], /^db\.example\.com:3:17: warning spf-ptr /);
    assert.match(run.stderr, /1 error, 1 warning, 1 other finding in 1 file/);
  });

  it('exits 0 when there are only warnings, and lints directories for zone files', async () => {
    assert.equal((await cli(['lint', '--offline', 'warn.zone'], dir)).code, 0);
    const run = await cli(['lint', '--offline', '--format', 'json', '.'], dir);
    assert.equal(run.code, 1);
    const files = new Set((JSON.parse(run.stdout) as { file: string }[]).map((entry) => entry.file));
    assert.deepEqual([...files].sort(), ['./clean.zone', './db.example.com', './warn.zone']);
  });

  it('writes JSON with 0-based LSP ranges and severity names', async () => {
    const run = await cli(['lint', '--offline', '--format', 'json', '--rule', 'spf-live-off=ignore', 'db.example.com'], dir);
    const entries = JSON.parse(run.stdout);
    assert.deepEqual(entries[0], {
      file: 'db.example.com',
      range: { start: { line: 1, character: 14 }, end: { line: 1, character: 20 } },
      severity: 'error',
      code: 'spf-syntax',
      message: 'Unknown mechanism "inclde"; did you mean "include:"? Receivers return permerror for the whole record.',
    });
    assert.deepEqual(entries.map((e: { code: string; severity: string }) => `${e.code}/${e.severity}`), ['spf-syntax/error', 'spf-ptr/warning']);
  });

  it('writes SARIF 2.1.0 with rules and 1-based regions', async () => {
    const run = await cli(['lint', '--offline', '--format', 'sarif', '--rule', 'spf-live-off=ignore', 'db.example.com'], dir);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    const [runEntry] = sarif.runs;
    assert.equal(runEntry.tool.driver.name, 'spf-lens');
    assert.ok(runEntry.tool.driver.rules.some((rule: { id: string }) => rule.id === 'spf-syntax'));
    const result = runEntry.results[0];
    assert.equal(result.ruleId, 'spf-syntax');
    assert.equal(result.level, 'error');
    assert.equal(runEntry.tool.driver.rules[result.ruleIndex].id, 'spf-syntax');
    assert.deepEqual(result.locations[0].physicalLocation, { artifactLocation: { uri: 'db.example.com' }, region: { startLine: 2, startColumn: 15, endLine: 2, endColumn: 21 } });
  });

  it('exits 2 with a clear message on usage and I/O errors', async () => {
    for (const args of [['lint'], ['lint', '--format', 'xml', 'x.zone'], ['lint', '--rule', 'spf-ptr=loud', 'x.zone'], ['lint', '--dns-server', 'not-an-ip', 'x.zone'], ['frobnicate'], ['lint', '--bogus', 'x.zone'], []]) {
      const run = await cli(args, dir);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /spf-lens|Usage/, args.join(' '));
    }
    const missing = await cli(['lint', '--offline', 'missing.zone'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read missing\.zone: no such file or directory/);
  });
});

describe('spf-lens with live DNS (loopback test server)', () => {
  let dns: TestDnsServer;
  before(async () => {
    dns = await startTestDnsServer({
      zone: `
example.com:
  - TXT: v=spf1 mx include:_spf.example.net include:gone.example.net -all
  - MX: [10, mx.example.com]
mx.example.com:
  - A: 192.0.2.25
_spf.example.net:
  - TXT: v=spf1 ip4:198.51.100.0/24 include:more.example.net -all
more.example.net:
  - TXT: v=spf1 a:relay.example.net -all
relay.example.net:
  - A: 198.51.100.9
slow.example:
  - TIMEOUT
explain.example.com:
  - TXT: "%{i} is not allowed to send for %{d}."
strict.example.com:
  - TXT: v=spf1 ip4:192.0.2.0/24 -all exp=explain.example.com
broken.example.com:
  - TXT: v=spf1 include:gone.example.net -all
`,
    });
  });
  after(() => dns.stop());

  it('lookups prints the tree with per-term and total cost', async () => {
    const run = await cli(['lookups', 'example.com', '--dns-server', dns.address.server], dir);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^example\.com: "v=spf1 mx include:_spf\.example\.net include:gone\.example\.net -all"/);
    assert.match(run.stdout, /5\/10 DNS lookups, 1\/2 void lookups/);
    assert.match(run.stdout, /\n {2}include:_spf\.example\.net +3 lookups/);
    assert.match(run.stdout, /\n {4}include:more\.example\.net +2 lookups/);
    assert.match(run.stdout, /\n {6}a:relay\.example\.net +1 lookup +relay\.example\.net → 198\.51\.100\.9/);
    assert.match(run.stdout, /spf-include-no-spf: gone\.example\.net does not exist/);
  });

  it('lookups --format json gives the tree as data', async () => {
    const run = await cli(['lookups', 'example.com', '--dns-server', dns.address.server, '--format', 'json'], dir);
    const json = JSON.parse(run.stdout);
    assert.equal(json.domain, 'example.com');
    assert.equal(json.lookups, 5);
    assert.equal(json.voidLookups, 1);
    assert.equal(json.lookupLimit, 10);
    assert.deepEqual(json.tree.map((t: { term: string; cost: number }) => [t.term, t.cost]), [['mx', 1], ['include:_spf.example.net', 3], ['include:gone.example.net', 1], ['-all', 0]]);
    assert.equal(json.tree[1].record.terms[1].record.domain, 'more.example.net');
  });

  it('lookups reports an unreachable domain as exit 2 within the timeout', async () => {
    const run = await cli(['lookups', 'slow.example', '--dns-server', dns.address.server, '--timeout', '200'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /fetching the TXT records of slow\.example failed: no answer within \d+ ms/);
  });

  it('lint --dns-server adds lookup diagnostics', async () => {
    writeFileSync(join(dir, 'live.zone'), '$ORIGIN live.example.\n@ TXT "v=spf1 include:_spf.example.net include:gone.example.net -all"\n');
    const run = await cli(['lint', '--dns-server', dns.address.server, '--format', 'json', 'live.zone'], dir);
    const codes = JSON.parse(run.stdout).map((entry: { code: string }) => entry.code);
    assert.deepEqual(codes, ['spf-include-no-spf']);
  });

  it('check prints a readable trace and exits 0 for pass, 1 for fail, 2 for permerror', async () => {
    const pass = await cli(['check', '--ip', '192.0.2.25', '--sender', 'alice@example.com', '--helo', 'mx.example.com', '--dns-server', dns.address.server], dir);
    assert.equal(pass.code, 0, pass.stderr);
    assert.match(pass.stdout, /^SPF check of 192\.0\.2\.25 for MAIL FROM alice@example\.com/);
    assert.match(pass.stdout, /Result: pass/);

    const fail = await cli(['check', '--ip', '203.0.113.7', '--sender', 'bob@strict.example.com', '--dns-server', dns.address.server], dir);
    assert.equal(fail.code, 1);
    assert.match(fail.stdout, /Result: fail/);
    assert.match(fail.stdout, /Explanation: 203\.0\.113\.7 is not allowed to send for strict\.example\.com\./);

    const broken = await cli(['check', '--ip', '203.0.113.7', '--sender', 'carol@broken.example.com', '--dns-server', dns.address.server], dir);
    assert.equal(broken.code, 2);
    assert.match(broken.stdout, /Result: permerror/);
  });

  it('check --format json gives {result, explanation, identity, lookups, voidLookups, trace}', async () => {
    const run = await cli(['check', '--ip', '203.0.113.7', '--sender', 'bob@strict.example.com', '--dns-server', dns.address.server, '--format', 'json'], dir);
    const json = JSON.parse(run.stdout);
    assert.equal(json.result, 'fail');
    assert.equal(json.explanation, '203.0.113.7 is not allowed to send for strict.example.com.');
    assert.equal(json.identity, 'mailfrom');
    assert.equal(json.lookups, 0);
    assert.equal(json.voidLookups, 0);
    assert.ok(Array.isArray(json.trace) && json.trace.length > 2);
  });

  it('check rejects bad input with a usage error (exit 2), without querying', async () => {
    dns.clearLog();
    for (const args of [['--ip', '999.1.1.1', '--sender', 'a@example.com'], ['--ip', '192.0.2.1'], ['--sender', 'a@example.com'], ['--ip', '192.0.2.1', '--sender', '']]) {
      const run = await cli(['check', ...args, '--dns-server', dns.address.server], dir);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stdout}`);
      assert.match(run.stderr, /spf-lens: /);
    }
    assert.equal(dns.log.length, 0);
  });
});
