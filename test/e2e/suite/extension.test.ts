// The spf-lens extension in the editor. Placeholder for the real tests (activation, diagnostics,
// hovers, quick fixes); the launchers load the extension from the repository root.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';

const EXTENSION_ID = 'spf-lens.spf-lens';

test('the extension under development is installed', () => {
  // extensions.all makes new objects on each call, so compare ids, not objects.
  const ids = vscode.extensions.all.map((extension) => extension.id);
  assert.ok(ids.includes(EXTENSION_ID), `${EXTENSION_ID} is not among ${ids.length} extensions`);
  assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.publisher, 'spf-lens');
}, { trust: 'any' });
