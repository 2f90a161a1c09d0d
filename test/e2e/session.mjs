// What both end-to-end launchers share: the command-line options, a throw-away session folder
// (user data, extensions, a copy of the workspace), the environment the suite reads, and the
// summary printout. The suite side of the contract is test/e2e/suite/harness.ts.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const defaultWorkspace = join(root, 'test', 'e2e', 'fixtures', 'workspace');

/** Settings for a quiet, predictable workbench; the caller's settings override these. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.startupPrompt': 'never',
  'git.enabled': false,
  'window.commandCenter': false,
  // Hermetic by default: spf-lens resolves nothing live. A test of live lookups passes
  // --settings with spfLens.dns.servers pointing at the loopback DNS server under test/.
  'spfLens.dns.live': false,
};

/**
 * Creates a fresh session folder: user data with the given settings in User/settings.json,
 * an empty extensions folder, a channel folder for screenshot requests, and a copy of the
 * workspace (so tests may edit files without touching the repository).
 */
export function createSession({ workspace = defaultWorkspace, settings = {} } = {}) {
  const temp = mkdtempSync(join(tmpdir(), 'spf-lens-e2e-'));
  const session = {
    temp,
    userDataDir: join(temp, 'user-data'),
    extensionsDir: join(temp, 'extensions'),
    channel: join(temp, 'channel'),
    folder: join(temp, 'workspace'),
    resultsPath: join(temp, 'results.json'),
  };
  mkdirSync(join(session.userDataDir, 'User'), { recursive: true });
  mkdirSync(session.extensionsDir);
  mkdirSync(session.channel);
  cpSync(resolve(workspace), session.folder, { recursive: true });
  writeFileSync(join(session.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  return session;
}

/** The variables the suite reads (see suite/harness.ts); the extension host inherits them. */
export function suiteEnv(session, { untrusted = false, grep, screenshotsDir } = {}) {
  return {
    SPF_LENS_E2E_RESULTS: session.resultsPath,
    SPF_LENS_E2E_TRUST: untrusted ? 'untrusted' : 'trusted',
    SPF_LENS_E2E_CHANNEL: session.channel,
    SPF_LENS_E2E_GREP: grep ?? '',
    SPF_LENS_E2E_SCREENSHOTS: screenshotsDir ? resolve(screenshotsDir) : '',
  };
}

/**
 * A summary for a run that ended before the suite could report (crash, timeout, set-up): the
 * tests that finished, as the suite's progress file tells, plus one failure saying why.
 */
export function launcherFailure(error, progressPath) {
  let progress = { results: [] };
  try {
    if (progressPath) progress = JSON.parse(readFileSync(progressPath, 'utf8'));
  } catch { /* no progress yet */ }
  const results = [...progress.results,
    { name: progress.running ?? 'launcher', ok: false, error: progress.running ? `never finished: ${error}` : error, ms: 0 }];
  return {
    passed: results.filter((r) => r.ok && !r.skipped).length,
    failed: results.filter((r) => !r.ok).length,
    skipped: results.filter((r) => r.skipped).length,
    results,
    error,
  };
}

export function printSummary(summary) {
  for (const result of summary.results) {
    if (result.skipped) console.log(`  - ${result.name} (skipped)`);
    else if (result.ok) console.log(`  ✔ ${result.name} (${result.ms} ms)`);
    else console.log(`  ✖ ${result.name} (${result.ms} ms)\n${String(result.error).replace(/^/gm, '      ')}`);
  }
  console.log(`${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`);
}

/** Options common to both launchers, plus `extra` (parseArgs option specs) for one of them. */
export function parseLauncherArgs(argv, extra = {}) {
  argv = [...argv];
  // `--screenshots` may come with or without a folder; without one it means docs/images.
  const shotIndex = argv.indexOf('--screenshots');
  if (shotIndex >= 0 && (argv[shotIndex + 1] === undefined || argv[shotIndex + 1].startsWith('--'))) {
    argv.splice(shotIndex + 1, 0, join(root, 'docs', 'images'));
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      workspace: { type: 'string' },
      settings: { type: 'string' },
      untrusted: { type: 'boolean', default: false },
      screenshots: { type: 'string' },
      grep: { type: 'string' },
      timeout: { type: 'string', default: '180' },
      label: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      ...extra,
    },
  });
  return {
    ...values,
    workspace: values.workspace,
    settings: values.settings ? JSON.parse(readFileSync(values.settings, 'utf8')) : {},
    screenshotsDir: values.screenshots,
    timeoutMs: Number(values.timeout) * 1000,
    build: !values['no-build'],
  };
}
