// The tests module the extension host loads (as the bundle out/e2e/suite/index.js, built by
// test/e2e/build-suite.mjs together with every *.test.ts beside this file). The host calls run().
import { runTests, test, writeJson, type Summary, type Trust } from './harness';

/** A test file that throws while loading shows up as one failed test instead of a silent hang. */
export function recordLoadError(file: string, error: unknown): void {
  test(`load ${file}`, () => {
    throw error;
  }, { trust: 'any' });
}

export async function run(): Promise<void> {
  const trust: Trust = process.env.SPF_LENS_E2E_TRUST === 'untrusted' ? 'untrusted' : 'trusted';
  const resultsPath = process.env.SPF_LENS_E2E_RESULTS;
  console.log(`spf-lens e2e suite, ${trust} workspace`);
  let summary: Summary;
  try {
    summary = await runTests({
      trust,
      grep: process.env.SPF_LENS_E2E_GREP || undefined,
      onProgress: (progress) => resultsPath && writeJson(`${resultsPath}.progress`, progress),
    });
  } catch (error) {
    summary = { passed: 0, failed: 1, skipped: 0, results: [{ name: 'runner', ok: false, error: String(error), ms: 0 }] };
  }
  console.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  if (resultsPath) writeJson(resultsPath, summary);
  // test-electron reads failure from a rejected run(); the code-server launcher reads the file.
  if (summary.failed) throw new Error(`${summary.failed} end-to-end test(s) failed`);
}
