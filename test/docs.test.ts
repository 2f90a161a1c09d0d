// The README documents the public contracts; these tests keep it in step with the code.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { defaultSettings } from '../shared/settings';
import { problemCodes } from '../server/src/spf/problems';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown; description?: string; markdownDescription?: string }> = manifest.contributes.configuration.properties;

it('lists every diagnostic code in the README', () => {
  const missing = problemCodes.filter((code) => !readme.includes(`| \`${code}\` |`));
  assert.deepEqual(missing, []);
});

it('documents every setting in the README, each with a description in the manifest', () => {
  for (const [name, schema] of Object.entries(properties)) {
    assert.ok(readme.includes(`\`${name}\``), `${name} is not in the README`);
    assert.ok(schema.description ?? schema.markdownDescription, `${name} has no description`);
  }
});

it('gives the manifest and the server the same setting defaults', () => {
  const flat: Record<string, unknown> = {
    'spfLens.dns.live': defaultSettings.dns.live,
    'spfLens.dns.servers': defaultSettings.dns.servers,
    'spfLens.dns.timeoutMs': defaultSettings.dns.timeoutMs,
    'spfLens.dns.retries': defaultSettings.dns.retries,
    'spfLens.dns.concurrency': defaultSettings.dns.concurrency,
    'spfLens.dns.useWorkspaceRecords': defaultSettings.dns.useWorkspaceRecords,
    'spfLens.rules': defaultSettings.rules,
    'spfLens.validationDelayMs': defaultSettings.validationDelayMs,
    'spfLens.codeLens': defaultSettings.codeLens,
  };
  for (const [name, value] of Object.entries(flat)) assert.deepEqual(properties[name]?.default, value, name);
});

it('shows the set-up command and npm test, and .ci/run calls exactly npm test', () => {
  assert.match(readme, /npm ci && npm run build && node dist\/cli\.js lint/);
  assert.match(readme, /```sh\nnpm test\n```/);
  const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
  assert.match(ci, /^npm test$/m);
});
