#!/usr/bin/env node
// Runs the end-to-end suite in a real VS Code extension host, offline: code-server 4.100.3
// (VS Code 1.100.3, installed by scripts/setup-code-server.mjs) driven by Debian's Chromium
// through playwright-core. See shared/docs/vscode-e2e-offline.md for why it is done this way.
//
//   node test/e2e/launch-code-server.mjs [options]
//     --workspace DIR      folder to open (copied to a temp dir first); default test/e2e/fixtures/workspace
//     --settings FILE      JSON object merged into the user settings (User/settings.json)
//     --dns-zone FILE      zone data for the loopback DNS server; default test/e2e/fixtures/dns.yml
//     --untrusted          start without --disable-workspace-trust: the folder opens in restricted mode
//     --screenshots [DIR]  let the suite's screenshot(name) save DIR/name.png; default docs/images
//     --grep TEXT          run only the tests whose name contains TEXT
//     --timeout SECONDS    give up waiting for the suite's results after this long; default 180
//     --label NAME         names the log and results files under test-results/; default e2e[-untrusted]
//     --no-build           do not rebuild the extension and the suite first
//     --keep               keep the temp dir (user data, logs of the extension host) for debugging
//     --headed             show the browser (needs a display)
//
// Prints each test and `N passed, N failed`; exits 1 on any failure, timeout or crash.
// test-results/<label>.log has code-server's output and the browser console (where the
// extension host's console.log also appears); test-results/<label>.json has the results.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForE2E, suiteBundle } from './build-suite.mjs';
import { dnsSettings, startE2eDns, untrustedQueryFailure } from './dns.mjs';
import { createSession, launcherFailure, parseLauncherArgs, printSummary, root, suiteEnv, withResult } from './session.mjs';

const codeServerEntry = join(root, '.vscode-test', 'code-server', 'package', 'out', 'node', 'entry.js');
const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which
// this machine's closed network refuses.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
  // Only 127.0.0.1 resolves: no DNS query leaves the machine, whatever a page or feature asks for.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];

/**
 * Runs the suite once and returns its summary; never throws for a test failure, a timeout or a
 * crash (those come back as failed: n with `error` set). Also usable from other scripts.
 * @param {{ workspace?: string, settings?: Record<string, unknown>, dnsZone?: string, untrusted?: boolean,
 *   screenshotsDir?: string, grep?: string, timeoutMs?: number, label?: string, build?: boolean,
 *   keep?: boolean, headed?: boolean }} options
 * @returns {Promise<{ passed: number, failed: number, skipped: number, results: object[], error?: string }>}
 */
export async function runCodeServerSuite(options = {}) {
  const {
    workspace,
    settings = {},
    dnsZone,
    untrusted = false,
    screenshotsDir,
    grep,
    timeoutMs = 180_000,
    label = untrusted ? 'e2e-untrusted' : 'e2e',
    build = true,
    keep = false,
    headed = false,
  } = options;
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

  mkdirSync(join(root, 'test-results'), { recursive: true });
  const logPath = join(root, 'test-results', `${label}.log`);
  const resultsCopy = join(root, 'test-results', `${label}.json`);
  rmSync(resultsCopy, { force: true });
  const logFile = createWriteStream(logPath);
  const logLine = (source, text) => logFile.write(`[${elapsed()} ${source}] ${text}\n`);
  // For failures before code-server starts; the log then holds just the reason.
  const failWith = (error) => {
    logFile.end(`${error}\n`);
    return launcherFailure(error);
  };

  if (!existsSync(codeServerEntry)) {
    return failWith(`code-server is not installed; run: node scripts/setup-code-server.mjs`);
  }
  if (!existsSync(CHROMIUM)) return failWith(`${CHROMIUM} is missing; run: node scripts/setup-code-server.mjs`);
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return failWith('playwright-core is not installed; run: npm ci');
  }

  if (build) {
    const error = await buildForE2E();
    if (error) return failWith(error);
  }

  let dns;
  try {
    dns = await startE2eDns({ zonePath: dnsZone, logPath: join(root, 'test-results', `${label}-dns.jsonl`) });
  } catch (error) {
    return failWith(`the loopback DNS server did not start: ${error.message}`);
  }
  logLine('launcher', `loopback DNS server on ${dns.server}, query log ${dns.logPath}`);
  const session = createSession({ workspace, settings: { ...dnsSettings(dns.server), ...settings } });
  const { temp, userDataDir, extensionsDir, channel, folder, resultsPath } = session;
  const port = await freePort();
  const args = [codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    // Its own config file, or code-server writes one into ~/.config/code-server.
    '--config', join(temp, 'config.yaml')];
  if (!untrusted) args.push('--disable-workspace-trust');
  logLine('launcher', `node ${args.join(' ')}`);
  // The extension host inherits code-server's environment: that is how the suite learns where to
  // write its results and whether to take screenshots.
  const env = {
    ...process.env,
    // No extension gallery: code-server's default public gallery would be queried at start-up,
    // and tests send nothing beyond 127.0.0.1.
    EXTENSIONS_GALLERY: '{}',
    ...suiteEnv(session, { untrusted, grep, screenshotsDir, dns }),
    // This launcher drives the page, so it can answer pageText() requests (test-electron cannot).
    SPF_LENS_E2E_PAGE: '1',
  };
  // Its own process group, so one kill ends code-server, the extension host and their children.
  const server = spawn(process.execPath, args, { cwd: temp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverExit;
  server.on('exit', (code, signal) => {
    serverExit = `code-server exited (${code ?? signal})`;
    logLine('launcher', serverExit);
  });
  for (const stream of [server.stdout, server.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (text) => { for (const line of text.split('\n')) if (line) logLine('code-server', line); });
  }

  let browser;
  // Ctrl-C: leave nothing behind. KILL at once, since a process that is still shutting down
  // could write into the temp dir as we delete it; playwright closes its browser on exit.
  const stopOnSignal = () => {
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    try { if (!keep) rmSync(temp, { recursive: true, force: true }); } catch { /* best effort */ }
    process.exit(130);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  let summary;
  let page;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntil(async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.ok, 30_000,
      () => serverExit, 'code-server to answer');
    console.log(`[e2e ${elapsed()}] code-server ${label} on ${base}`);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: !headed, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // VS Code styles its console lines ("%c INFO color: #33f ..."); the log wants the text.
    page.on('console', (message) => logLine(`browser ${message.type()}`, message.text().replace(/^%c\s*(\w+)\s+color:\s*#\w+\s*/, '$1 ')));
    page.on('pageerror', (error) => logLine('browser pageerror', error.stack ?? String(error)));
    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    // The CLI rejects --extensionTestsPath; the workbench URL's payload is the way in.
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(suiteBundle)],
    ];
    await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (existsSync(resultsPath)) {
        summary = JSON.parse(readFileSync(resultsPath, 'utf8'));
        break;
      }
      await answerPageRequests(page, channel, screenshotsDir && resolve(screenshotsDir), logLine);
      if (serverExit) throw new Error(`${serverExit} before the suite wrote its results`);
      if (Date.now() > deadline) throw new Error(`no results after ${timeoutMs / 1000} s`);
      await sleep(100);
    }
  } catch (error) {
    logLine('launcher', error.stack ?? String(error));
    summary = launcherFailure(`${error.message} (see ${logPath})`, `${resultsPath}.progress`);
    if (page) {
      // What the workbench showed when it went wrong is usually the fastest clue.
      const shot = join(root, 'test-results', `${label}-failure.png`);
      await page.screenshot({ path: shot }).then(() => console.log(`[e2e] screenshot of the failure: ${shot}`), () => {});
    }
  } finally {
    await browser?.close().catch(() => {});
    await killGroup(server);
    await dns.stop();
    process.removeListener('SIGINT', stopOnSignal);
    process.removeListener('SIGTERM', stopOnSignal);
    if (keep) console.log(`[e2e] kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
    logLine('launcher', `done in ${elapsed()}`);
    await new Promise((done) => logFile.end(done));
  }
  if (untrusted) summary = withResult(summary, untrustedQueryFailure(dns.queries()));
  writeFileSync(resultsCopy, JSON.stringify(summary, null, 2));
  console.log(`[e2e ${elapsed()}] ${label} finished; log: ${logPath}`);
  return summary;
}

/**
 * Answers what the suite asked of the page (see screenshot(), pageText() and pageHover() in
 * suite/harness.ts): a screenshot, when this run takes them, the text of the elements a CSS
 * selector matches, or moving the mouse over one.
 */
async function answerPageRequests(page, channel, screenshotsDir, logLine) {
  for (const file of readdirSync(channel)) {
    if (!file.endsWith('.request.json')) continue;
    const id = file.slice(0, -'.request.json'.length);
    const requestPath = join(channel, file);
    const request = JSON.parse(readFileSync(requestPath, 'utf8'));
    rmSync(requestPath);
    let answer;
    try {
      if (request.kind === 'text') {
        answer = { texts: await page.locator(request.selector).allInnerTexts() };
      } else if (request.kind === 'hover') {
        await page.locator(request.selector).first().hover({ timeout: 5_000 });
        answer = {};
      } else if (!screenshotsDir) {
        answer = { error: 'this run takes no screenshots' };
      } else {
        mkdirSync(screenshotsDir, { recursive: true });
        const path = join(screenshotsDir, `${request.name}.png`);
        await page.screenshot({ path, ...(request.clip ? { clip: request.clip } : {}) });
        answer = { path };
        logLine('launcher', `screenshot ${path}`);
      }
    } catch (error) {
      answer = { error: error.message };
    }
    writeFileSync(join(channel, `${id}.done.json.tmp`), JSON.stringify(answer));
    // Renamed into place so the suite never reads half an answer.
    renameSync(join(channel, `${id}.done.json.tmp`), join(channel, `${id}.done.json`));
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitUntil(condition, timeoutMs, failure, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    const reason = failure();
    if (reason) throw new Error(`${reason} while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Ends code-server's whole process group: TERM, then KILL whatever is left after 5 s. */
async function killGroup(child) {
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  const deadline = Date.now() + 5_000;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

function sleep(ms) {
  return new Promise((done) => setTimeout(done, ms));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const options = parseLauncherArgs(process.argv.slice(2), { headed: { type: 'boolean', default: false } });
  const summary = await runCodeServerSuite(options);
  printSummary(summary);
  process.exit(summary.failed ? 1 : 0);
}
