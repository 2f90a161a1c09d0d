// A tiny test runner for the extension host. node:test's runner and reporters are not available
// there (the host loads one CommonJS module and calls its `run()`), so tests register here at
// module load and `runTests` runs them one after another with a timeout each.
//
// The launchers (test/e2e/launch-code-server.mjs, test/e2e/launch-electron.mjs) talk to the
// suite through environment variables, which the extension host inherits:
//   SPF_LENS_E2E_RESULTS      where run() writes { passed, failed, skipped, results } at the end
//                             (and <that>.progress, { results, running }, as it goes)
//   SPF_LENS_E2E_TRUST        'trusted' (default) or 'untrusted': which tests apply to this run
//   SPF_LENS_E2E_GREP         run only tests whose full name contains this text
//   SPF_LENS_E2E_CHANNEL      folder for screenshot requests (code-server launcher only)
//   SPF_LENS_E2E_SCREENSHOTS  set when screenshots are wanted; screenshot() is a no-op otherwise
//   SPF_LENS_E2E_PAGE         '1' when the launcher drives the page and answers pageText()
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Trust = 'trusted' | 'untrusted';

export interface TestOptions {
  /** Fails the test when it runs longer; default 20 s. */
  readonly timeoutMs?: number;
  /** Runs the test only when the workspace is started this way; default 'trusted'. */
  readonly trust?: Trust | 'any';
}

export interface TestResult {
  readonly name: string;
  readonly ok: boolean;
  readonly skipped?: boolean;
  readonly error?: string;
  readonly ms: number;
}

export interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly results: readonly TestResult[];
}

interface RegisteredTest {
  readonly name: string;
  readonly body: () => unknown;
  readonly timeoutMs: number;
  readonly trust: Trust | 'any';
}

const registered: RegisteredTest[] = [];
const groups: string[] = [];

/** Groups tests under a name prefix; `body` runs at once and only registers tests. */
export function describe(name: string, body: () => void): void {
  groups.push(name);
  try {
    body();
  } finally {
    groups.pop();
  }
}

export function test(name: string, body: () => unknown, options: TestOptions = {}): void {
  registered.push({
    name: [...groups, name].join(' › '),
    body,
    timeoutMs: options.timeoutMs ?? 20_000,
    trust: options.trust ?? 'trusted',
  });
}

export const it = test;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it returns a truthy value, which it returns; throws after `timeoutMs`. */
export async function waitFor<T>(condition: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 100, what = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export interface Progress {
  readonly results: readonly TestResult[];
  /** The test running now, if any: what a launcher that gives up waiting reports as hung. */
  readonly running?: string;
}

export async function runTests({ trust, grep, onProgress = () => {} }: {
  trust: Trust;
  grep?: string;
  onProgress?: (progress: Progress) => void;
}): Promise<Summary> {
  const results: TestResult[] = [];
  for (const t of registered) {
    onProgress({ results });
    if (grep && !t.name.includes(grep)) continue;
    if (t.trust !== 'any' && t.trust !== trust) {
      results.push({ name: t.name, ok: true, skipped: true, ms: 0 });
      console.log(`  - ${t.name} (skipped: ${t.trust} only)`);
      continue;
    }
    const started = Date.now();
    onProgress({ results, running: t.name });
    try {
      // A test that never settles must not stop the run: it fails at its timeout and the
      // runner moves on.
      await withTimeout(Promise.resolve().then(t.body), t.timeoutMs);
      results.push({ name: t.name, ok: true, ms: Date.now() - started });
      console.log(`  ✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      results.push({ name: t.name, ok: false, error: describeError(error), ms: Date.now() - started });
      console.log(`  ✖ ${t.name} (${Date.now() - started} ms)\n${describeError(error).replace(/^/gm, '      ')}`);
    }
  }
  onProgress({ results });
  const passed = results.filter((r) => r.ok && !r.skipped).length;
  const failed = results.filter((r) => !r.ok).length;
  const skipped = results.filter((r) => r.skipped).length;
  return { passed, failed, skipped, results };
}

/** Writes JSON atomically, so a launcher polling for the file never reads half of it. */
export function writeJson(path: string, value: Summary | Progress): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(value, null, 2));
  renameSync(`${path}.tmp`, path);
}

export interface ScreenshotOptions {
  /** Wait this long first, for hovers and squiggles to finish rendering; default 500 ms. */
  readonly settleMs?: number;
  readonly timeoutMs?: number;
  /** Only this part of the page (CSS pixels of the 1280×800 page); default the whole page. */
  readonly clip?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

/**
 * Asks the launcher for a picture of the editor as it is now, saved as `<name>.png` in the
 * screenshots folder (docs/images for `npm run screenshots`). Returns the PNG's path, or
 * undefined when this run takes no screenshots (the normal test run, or test-electron).
 */
export async function screenshot(name: string, { settleMs = 500, timeoutMs = 15_000, clip }: ScreenshotOptions = {}): Promise<string | undefined> {
  if (!process.env.SPF_LENS_E2E_SCREENSHOTS || !process.env.SPF_LENS_E2E_CHANNEL) return undefined;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name must be lower-case kebab-case: ${name}`);
  // Let decorations, hovers and squiggles finish rendering first.
  await sleep(settleMs);
  const answer = await askLauncher({ kind: 'screenshot', name, clip }, timeoutMs);
  if (answer.error || !answer.path) throw new Error(`screenshot ${name} failed: ${answer.error}`);
  return answer.path;
}

/**
 * The inner text of every element of the workbench page that `selector` matches, for what the
 * `vscode` API does not tell (the token inspector's scopes, say). Undefined when the launcher
 * does not drive a page (test-electron): the caller then skips that check.
 */
export async function pageText(selector: string, { timeoutMs = 10_000 } = {}): Promise<string[] | undefined> {
  if (process.env.SPF_LENS_E2E_PAGE !== '1' || !process.env.SPF_LENS_E2E_CHANNEL) return undefined;
  const answer = await askLauncher({ kind: 'text', selector }, timeoutMs);
  if (answer.error || !answer.texts) throw new Error(`page text of ${selector} failed: ${answer.error}`);
  return answer.texts;
}

/**
 * Moves the mouse over the first element `selector` matches, for what only shows on hover (the
 * language status items, say). False when the launcher does not drive a page (test-electron).
 */
export async function pageHover(selector: string, { timeoutMs = 10_000 } = {}): Promise<boolean> {
  if (process.env.SPF_LENS_E2E_PAGE !== '1' || !process.env.SPF_LENS_E2E_CHANNEL) return false;
  const answer = await askLauncher({ kind: 'hover', selector }, timeoutMs);
  if (answer.error) throw new Error(`hovering ${selector} failed: ${answer.error}`);
  return true;
}

interface LauncherAnswer {
  readonly path?: string;
  readonly texts?: string[];
  readonly error?: string;
}

let requestCount = 0;

/**
 * The suite runs in the extension host and the browser is driven by the launcher, so the two
 * meet in a folder: we write `<id>.request.json`, the launcher answers with `<id>.done.json`.
 */
async function askLauncher(request: object, timeoutMs: number): Promise<LauncherAnswer> {
  const channel = process.env.SPF_LENS_E2E_CHANNEL!;
  const id = `${process.pid}-${++requestCount}`;
  const path = join(channel, `${id}.request.json`);
  writeFileSync(`${path}.tmp`, JSON.stringify(request));
  renameSync(`${path}.tmp`, path);
  const done = join(channel, `${id}.done.json`);
  await waitFor(() => existsSync(done), { timeoutMs, intervalMs: 50, what: `the launcher to answer ${JSON.stringify(request)}` });
  return JSON.parse(readFileSync(done, 'utf8')) as LauncherAnswer;
}
