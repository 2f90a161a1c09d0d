// The VSIX holds only what runs (the .vscodeignore allow-list) and stays small.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { buildOnce, repoRoot } from './util/lspClient';

it('packages only the bundles, grammars, manifest, README, licence and images, under 2 MB', () => {
  buildOnce();
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const files = listed.stdout.trim().split('\n').sort();
  const allowed = /^(package\.json|README\.md|LICENSE|dist\/(extension|server)\.js|syntaxes\/[\w.-]+\.json|docs\/images\/[\w-]+\.png)$/;
  assert.deepEqual(files.filter((file) => !allowed.test(file)), []);
  for (const required of ['package.json', 'README.md', 'LICENSE', 'dist/extension.js', 'dist/server.js', 'syntaxes/dns-zone.tmLanguage.json', 'syntaxes/dns-zone.language-configuration.json']) {
    assert.ok(files.includes(required), `${required} is missing from the package`);
  }
  // Unminified development bundles; the production build is smaller still.
  const bytes = files.reduce((sum, file) => sum + statSync(join(repoRoot, file)).size, 0);
  assert.ok(bytes < 4 * 1024 * 1024, `${bytes} bytes before compression`);
});
