// Bundles the end-to-end suite for the extension host, which runs plain CommonJS (no tsx there):
// test/e2e/suite/index.ts plus every *.test.ts beside it → out/e2e/suite/index.js.
// One bundle keeps one test registry; the test files are found here, at build time, so adding a
// file is all it takes to add tests.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const suiteDir = join(root, 'test', 'e2e', 'suite');
export const suiteBundle = join(root, 'out', 'e2e', 'suite', 'index.js');

export async function buildSuite() {
  const files = readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts')).sort();
  // require() inside try, not import: a test file that throws while loading becomes a failed
  // test instead of a module that never loads (which the launcher would only see as a timeout).
  const entry = [
    "const suite = require('./index.ts');",
    ...files.map((f) => `try { require('./${f}'); } catch (error) { suite.recordLoadError(${JSON.stringify(f)}, error); }`),
    'module.exports = { run: suite.run };',
  ].join('\n');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: suiteDir, sourcefile: 'suite-entry.js', loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    outfile: suiteBundle,
    external: ['vscode'],
    logLevel: 'warning',
  });
  return { bundle: suiteBundle, files };
}

/**
 * Builds what a launcher loads: the extension (node esbuild.mjs, once client/src/extension.ts
 * exists; the suite can run before that) and the suite. Returns an error message or undefined.
 */
export async function buildForE2E() {
  if (existsSync(join(root, 'client', 'src', 'extension.ts'))) {
    const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) return 'the extension build (node esbuild.mjs) failed';
  }
  try {
    await buildSuite();
  } catch (error) {
    return `the suite build failed: ${error.message}`;
  }
  return undefined;
}
