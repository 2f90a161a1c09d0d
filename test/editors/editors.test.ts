// The Neovim and Emacs set-ups in docs/editors.md, run for real: each editor (when installed)
// loads the block the docs show, opens zone files and reports what a user would see, with the
// built server started from its bin name on PATH and live lookups sent to a loopback DNS server.
// Skipped where nvim, or emacs with eglot, is not installed (`apt-get install neovim emacs-nox
// elpa-eglot` on Debian 12).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';
import { buildOnce, repoRoot } from '../util/lspClient';

/** The fenced block that follows `<!-- verified: … in EDITOR -->` in docs/editors.md. */
export function docsBlock(editor: 'nvim' | 'emacs'): string {
  const docs = readFileSync(join(repoRoot, 'docs', 'editors.md'), 'utf8');
  const marker = docs.indexOf(`<!-- verified: test/editors/editors.test.ts runs this block in ${editor} -->`);
  assert.ok(marker >= 0, `docs/editors.md has no verified ${editor} block`);
  const block = /```\w+\n([\s\S]*?)\n```/.exec(docs.slice(marker));
  assert.ok(block, `no code block after the ${editor} marker`);
  return block[1]!;
}

function installed(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 });
  return !result.error && result.status === 0;
}

const files = {
  // live: the include that has no SPF record is only found by asking the DNS server
  'example.com.zone': '$ORIGIN example.com.\n@ IN TXT "v=spf1 ptr include:_spf.example.net include:verify.example.net +all"\n',
  'db.example.net': '$ORIGIN example.net.\n@ IN TXT "v=spf1 inclde:_spf.example.net -all"\n',
};
const waitFor = { 'example.com.zone': 'spf-include-no-spf', 'db.example.net': 'spf-syntax' };

interface Workspace {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A project with a .git folder, the zone files, and the server on PATH as npm would link it. */
function makeWorkspace(dns: TestDnsServer, editor: 'nvim' | 'emacs', driver: string): Workspace {
  buildOnce();
  const dir = mkdtempSync(join(tmpdir(), `spf-lens-${editor}-`));
  const bin = join(dir, 'bin');
  const project = join(dir, 'project');
  mkdirSync(bin);
  mkdirSync(join(project, '.git'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text);
  copyFileSync(join(repoRoot, 'dist', 'server.js'), join(bin, 'spf-lens-language-server'));
  chmodSync(join(bin, 'spf-lens-language-server'), 0o755);
  writeFileSync(join(dir, editor === 'nvim' ? 'block.lua' : 'block.el'), docsBlock(editor));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [bin, dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
    // The server refuses any DNS server but loopback, whatever the settings say.
    SPF_LENS_LOOPBACK_ONLY: '1',
    // Editors write state, logs and caches under these: keep them in the temp dir.
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    SPF_LENS_EDITOR_BLOCK: join(dir, editor === 'nvim' ? 'block.lua' : 'block.el'),
    SPF_LENS_EDITOR_FILES: Object.keys(files).join(','),
    SPF_LENS_EDITOR_WAIT: JSON.stringify(waitFor),
    SPF_LENS_EDITOR_DNS: dns.address.server,
    SPF_LENS_EDITOR_OUT: join(dir, 'out.json'),
    SPF_LENS_EDITOR_DRIVER: join(repoRoot, 'test', 'editors', driver),
  };
  return { dir: project, env };
}

/** Runs the editor to the end; resolves with its output file, or rejects with what it printed. */
function runEditor(command: string, args: string[], workspace: Workspace, timeoutMs = 60_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: workspace.dir, env: workspace.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(readFileSync(workspace.env.SPF_LENS_EDITOR_OUT!, 'utf8')));
      } catch {
        reject(new Error(`${command} exited (${code ?? signal}) without results:\n${output}`));
      }
    });
  });
}

describe('editor set-ups from docs/editors.md', () => {
  let dns: TestDnsServer;
  const temps: string[] = [];
  before(async () => {
    dns = await startTestDnsServer({ zone: readFileSync(join(repoRoot, 'test', 'e2e', 'fixtures', 'dns.yml'), 'utf8') });
  });
  after(async () => {
    await dns.stop();
    for (const temp of temps) rmSync(temp, { recursive: true, force: true });
  });

  it('Neovim: filetype, diagnostics (static and live), hover, quick fixes and code lenses', { skip: !installed('nvim', ['--version']) && 'nvim is not installed' }, async () => {
    dns.clearLog();
    const workspace = makeWorkspace(dns, 'nvim', 'neovim-driver.lua');
    temps.push(dirname(workspace.dir));
    const out = await runEditor('nvim', ['--headless', '--clean', '--cmd', 'lua vim.g.do_filetype_lua = 1', '-c', `luafile ${workspace.env.SPF_LENS_EDITOR_DRIVER}`], workspace) as {
      results: { file: string; filetype: string; diagnostics: { code: string; range: number[] }[]; hover?: string; actions: string[]; lenses: string[] }[];
    };
    const [zone, db] = out.results;
    assert.equal(zone!.filetype, 'bindzone');
    assert.deepEqual(zone!.diagnostics.map((d) => d.code), ['spf-ptr', 'spf-include-no-spf', 'spf-permissive-all']);
    assert.deepEqual(zone!.diagnostics[0]!.range, [1, 17, 1, 20], 'ptr, 0-based');
    assert.match(zone!.hover ?? '', /^\*\*ptr\*\* mechanism/);
    assert.deepEqual(zone!.actions, ['Remove "ptr"', 'Change "+all" to "~all"', 'Change "+all" to "-all"']);
    assert.deepEqual(zone!.lenses, ['5/10 DNS lookups · 1 sender-dependent', 'Check sender IP…']);
    assert.equal(db!.filetype, 'bindzone', 'db.* files');
    assert.deepEqual(db!.diagnostics.map((d) => d.code), ['spf-syntax']);
    assert.deepEqual(db!.actions, ['Replace "inclde" with "include"']);
    assert.ok(dns.queries({ name: 'verify.example.net', type: 'TXT' }).length > 0, 'live lookups went to the loopback server');
  });

  it('Emacs with eglot: dns-mode, diagnostics (static and live), hover and quick fixes', { skip: !installed('emacs', ['--batch', '--eval', '(progn (package-initialize) (require (quote eglot)))']) && 'emacs with eglot is not installed' }, async () => {
    dns.clearLog();
    const workspace = makeWorkspace(dns, 'emacs', 'eglot-driver.el');
    temps.push(dirname(workspace.dir));
    const out = await runEditor('emacs', ['--batch', '-l', workspace.env.SPF_LENS_EDITOR_DRIVER!], workspace) as {
      results: { file: string; mode: string; languageId: string; diagnostics: { code: string; beg: number; end: number }[]; hover?: string; actions: string[] }[];
    };
    const [zone, db] = out.results;
    assert.equal(zone!.mode, 'dns-mode');
    assert.equal(zone!.languageId, 'dns');
    assert.deepEqual(zone!.diagnostics.map((d) => d.code), ['spf-ptr', 'spf-include-no-spf', 'spf-permissive-all']);
    assert.deepEqual([zone!.diagnostics[0]!.beg, zone!.diagnostics[0]!.end], [39, 42], 'ptr, buffer positions');
    assert.match(zone!.hover ?? '', /^\*\*ptr\*\* mechanism/);
    assert.deepEqual([...zone!.actions].sort(), ['Change "+all" to "-all"', 'Change "+all" to "~all"', 'Remove "ptr"']);
    assert.equal(db!.mode, 'dns-mode', 'db.* files');
    assert.deepEqual(db!.diagnostics.map((d) => d.code), ['spf-syntax']);
    assert.deepEqual(db!.actions, ['Replace "inclde" with "include"']);
    assert.ok(dns.queries({ name: 'verify.example.net', type: 'TXT' }).length > 0, 'live lookups went to the loopback server');
  });
});
