#!/usr/bin/env node
// Static checks of the grammars this package contributes: each file is valid JSON, every
// regular expression compiles in Oniguruma (the engine VS Code uses), and every `include`
// resolves to a repository entry of this grammar, of another contributed grammar, or of a
// host grammar the injections are written for. Language configuration files must be JSON
// with a wordPattern that compiles.
//   node scripts/grammars/check.mjs   prints "N checks passed, M failed"
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { HOST_GRAMMARS } from './hosts.mjs';

const require = createRequire(import.meta.url);
const oniguruma = require('vscode-oniguruma');

const REGEX_KEYS = ['match', 'begin', 'end', 'while'];

/** Walks a grammar's rules, calling visit(rule, path) for each object that can hold patterns. */
function walkRules(node, path, visit) {
  if (Array.isArray(node)) {
    node.forEach((child, index) => walkRules(child, `${path}[${index}]`, visit));
    return;
  }
  if (!node || typeof node !== 'object') return;
  visit(node, path);
  for (const key of ['patterns', 'captures', 'beginCaptures', 'endCaptures', 'whileCaptures', 'repository']) {
    if (!node[key]) continue;
    if (Array.isArray(node[key])) walkRules(node[key], `${path}.${key}`, visit);
    else for (const [name, child] of Object.entries(node[key])) walkRules(child, `${path}.${key}.${name}`, visit);
  }
}

/** Oniguruma's complaint about a pattern, or null. vscode-oniguruma 1.7 does not throw on a
 * bad pattern (the scanner then matches the empty string everywhere); it only records the
 * error, which its binding exposes. */
function compileError(pattern) {
  let scanner;
  try {
    scanner = new oniguruma.OnigScanner([pattern]);
  } catch (error) {
    return error.message;
  }
  const binding = scanner._onigBinding;
  const message = binding.UTF8ToString(binding._getLastOnigError());
  scanner.dispose();
  return message === 'undefined error code' ? null : message;
}

export async function checkGrammars(root) {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

  const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const ours = (manifest.contributes?.grammars ?? []).map((entry) => entry.path.replace(/^\.\//, ''));
  const results = [];
  const check = (name, problem) => results.push({ name, problem });

  const grammars = new Map();
  for (const path of [...ours, ...HOST_GRAMMARS]) {
    try {
      const grammar = JSON.parse(readFileSync(root + path, 'utf8'));
      grammars.set(grammar.scopeName, { path, grammar, ours: ours.includes(path) });
      check(`${path} is JSON with a scopeName`, grammar.scopeName ? null : 'no scopeName');
    } catch (error) {
      check(`${path} is JSON with a scopeName`, String(error));
    }
  }
  for (const entry of manifest.contributes?.grammars ?? []) {
    const found = [...grammars.values()].find((g) => g.path === entry.path.replace(/^\.\//, ''));
    check(`${entry.path} declares scopeName ${entry.scopeName}`,
      found?.grammar.scopeName === entry.scopeName ? null : `file says ${found?.grammar.scopeName}`);
  }

  for (const language of manifest.contributes?.languages ?? []) {
    if (!language.configuration) continue;
    const path = language.configuration.replace(/^\.\//, '');
    let problem = null;
    try {
      const configuration = JSON.parse(readFileSync(root + path, 'utf8'));
      // VS Code compiles wordPattern as a JavaScript RegExp.
      if (configuration.wordPattern) new RegExp(configuration.wordPattern);
    } catch (error) {
      problem = String(error);
    }
    check(`${path} is JSON with a valid wordPattern`, problem);
  }

  for (const { path, grammar, ours: isOurs } of grammars.values()) {
    if (!isOurs) continue;
    const problems = [];
    walkRules(grammar, '', (rule, at) => {
      for (const key of REGEX_KEYS) {
        if (typeof rule[key] !== 'string') continue;
        // End and while patterns may refer to begin captures (\1); those compile only at run time.
        if ((key === 'end' || key === 'while') && /\\[1-9]/.test(rule[key])) continue;
        const error = compileError(rule[key]);
        if (error) problems.push(`${at}.${key}: ${error}`);
      }
      if (typeof rule.include === 'string' && !rule.include.startsWith('$')) {
        const [scope, entry] = rule.include.startsWith('#') ? [grammar.scopeName, rule.include.slice(1)] : rule.include.split('#');
        const target = grammars.get(scope)?.grammar;
        if (!target) problems.push(`${at}: include ${rule.include}: no grammar ${scope}`);
        else if (entry && !target.repository?.[entry]) problems.push(`${at}: include ${rule.include}: no repository entry ${entry}`);
      }
    });
    check(`${path}: regexes compile and includes resolve`, problems.length ? problems.join('\n  ') : null);
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await checkGrammars(fileURLToPath(new URL('../../', import.meta.url)));
  for (const { name, problem } of results) console.log(`${problem ? '✗' : '✓'} ${name}${problem ? `\n  ${problem}` : ''}`);
  const failed = results.filter((r) => r.problem).length;
  console.log(`${results.length - failed} checks passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
