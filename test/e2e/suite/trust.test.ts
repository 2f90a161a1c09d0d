// The launchers start the workspace trusted unless asked for --untrusted; spf-lens must lint but
// never query DNS in an untrusted workspace, so both modes need to be real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';

test('the workspace is trusted in a normal run', () => {
  assert.equal(vscode.workspace.isTrusted, true);
}, { trust: 'trusted' });

test('the workspace is untrusted in an --untrusted run', () => {
  assert.equal(vscode.workspace.isTrusted, false);
}, { trust: 'untrusted' });
