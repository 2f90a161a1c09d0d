#!/usr/bin/env node
// Prints the TextMate scopes of every token in a file, using this package's grammars
// plus the test host grammars. For writing grammar tests:
//   node scripts/grammars/tokens.mjs source.hcl.terraform some.tf
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { HOST_GRAMMARS } from './hosts.mjs';

const require = createRequire(import.meta.url);
// vscode-tmgrammar-test builds its registry exactly as VS Code does (injectTo by scope prefix).
const { createRegistry, loadConfiguration } = require('vscode-tmgrammar-test/dist/common/index.js');

const [scope, file] = process.argv.slice(2);
if (!scope || !file) {
  console.error('usage: node scripts/grammars/tokens.mjs <scopeName> <file>');
  process.exit(2);
}
process.chdir(fileURLToPath(new URL('../../', import.meta.url)));
const { grammars } = loadConfiguration('package.json', undefined, HOST_GRAMMARS);
const grammar = await createRegistry(grammars).loadGrammar(scope);
let stack = null;
for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
  const result = grammar.tokenizeLine(line, stack);
  console.log(line);
  for (const token of result.tokens) {
    const text = line.slice(token.startIndex, token.endIndex);
    console.log(`  ${JSON.stringify(text).padEnd(24)} ${token.scopes.slice(1).join(' ')}`);
  }
  stack = result.ruleStack;
}
