#!/usr/bin/env node
// Runs the same end-to-end suite in desktop VS Code through @vscode/test-electron, for machines
// that can download VS Code (or have it): test-electron fetches the build from the VS Code update
// service, which this project's CI cannot reach. There, use launch-code-server.mjs.
//
//   node test/e2e/launch-electron.mjs [options]
//     --vscode-executable PATH  use this VS Code (e.g. /usr/share/code/code) instead of downloading
//     --vscode-version V        version to download; default 1.100.3 (what code-server bundles)
//     --workspace DIR, --settings FILE, --untrusted, --grep TEXT, --timeout SECONDS, --label NAME,
//     --no-build, --keep        as in launch-code-server.mjs
//
// Screenshots need the browser of the code-server launcher; here screenshot() does nothing.
// Prints each test and `N passed, N failed`; exits 1 on any failure.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForE2E, suiteBundle } from './build-suite.mjs';
import { createSession, launcherFailure, parseLauncherArgs, printSummary, root, suiteEnv } from './session.mjs';

const DEFAULT_VSCODE_VERSION = '1.100.3';

/**
 * @param {{ vscodeExecutable?: string, vscodeVersion?: string, workspace?: string,
 *   settings?: Record<string, unknown>, untrusted?: boolean, grep?: string, timeoutMs?: number,
 *   label?: string, build?: boolean, keep?: boolean }} options
 */
export async function runElectronSuite(options = {}) {
  const {
    vscodeExecutable,
    vscodeVersion = DEFAULT_VSCODE_VERSION,
    workspace,
    settings = {},
    untrusted = false,
    grep,
    timeoutMs = 180_000,
    label = untrusted ? 'e2e-electron-untrusted' : 'e2e-electron',
    build = true,
    keep = false,
  } = options;
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const resultsCopy = join(root, 'test-results', `${label}.json`);
  rmSync(resultsCopy, { force: true });

  let testElectron;
  try {
    testElectron = await import('@vscode/test-electron');
  } catch {
    return launcherFailure('@vscode/test-electron is not installed; run: npm ci');
  }
  if (vscodeExecutable && !existsSync(vscodeExecutable)) {
    return launcherFailure(`--vscode-executable ${vscodeExecutable} does not exist`);
  }

  let vscodeExecutablePath = vscodeExecutable && resolve(vscodeExecutable);
  if (!vscodeExecutablePath) {
    try {
      console.log(`[e2e] downloading VS Code ${vscodeVersion} (cached in .vscode-test/)`);
      vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode({ version: vscodeVersion, cachePath: join(root, '.vscode-test'), timeout: 30_000 });
    } catch (error) {
      return launcherFailure(`could not download VS Code ${vscodeVersion} (${error.message}). `
        + 'This machine cannot reach the VS Code update service: pass --vscode-executable PATH to a local '
        + 'VS Code, or run test/e2e/launch-code-server.mjs, which needs only npm and Debian packages.');
    }
  }

  if (build) {
    const error = await buildForE2E();
    if (error) return launcherFailure(error);
  }

  const session = createSession({ workspace, settings });
  const launchArgs = [session.folder, '--user-data-dir', session.userDataDir, '--extensions-dir', session.extensionsDir,
    '--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-telemetry', '--disable-updates'];
  if (!untrusted) launchArgs.push('--disable-workspace-trust');
  let summary;
  let timer;
  try {
    const run = testElectron.runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteBundle,
      extensionTestsEnv: suiteEnv(session, { untrusted, grep }),
      launchArgs,
    });
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no results after ${timeoutMs / 1000} s`)), timeoutMs);
    });
    // runTests rejects when run() throws, i.e. on any failed test; the results file says which.
    await Promise.race([run, timeout]).catch((error) => {
      if (!existsSync(session.resultsPath)) throw error;
    });
    if (!existsSync(session.resultsPath)) throw new Error('VS Code exited without results');
    summary = JSON.parse(readFileSync(session.resultsPath, 'utf8'));
  } catch (error) {
    summary = launcherFailure(error.message, `${session.resultsPath}.progress`);
  } finally {
    clearTimeout(timer);
    if (keep) console.log(`[e2e] kept ${session.temp}`);
    else rmSync(session.temp, { recursive: true, force: true });
  }
  writeFileSync(resultsCopy, JSON.stringify(summary, null, 2));
  return summary;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const options = parseLauncherArgs(process.argv.slice(2), {
    'vscode-executable': { type: 'string' },
    'vscode-version': { type: 'string' },
  });
  const summary = await runElectronSuite({
    ...options,
    vscodeExecutable: options['vscode-executable'],
    vscodeVersion: options['vscode-version'],
  });
  printSummary(summary);
  // A timed-out VS Code may still be running under test-electron; do not wait for it.
  process.exit(summary.failed ? 1 : 0);
}
