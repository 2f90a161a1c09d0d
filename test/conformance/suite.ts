// Loading and running the openspf/pyspf SPF test suites (rfc7208-tests.yml, rfc4408-tests.yml).
// Each scenario's zonedata is served by `serveZone`, the one place that decides which DNS path the
// suite exercises; everything else goes through checkHost() and the Resolver seam.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Resolver } from '../../server/src/dns/resolver';
import type { CheckHostResult, SpfResult } from '../../server/src/spf/evaluate';
import { checkHost } from '../../server/src/spf/evaluate';
import { liveResolver } from '../../server/src/dns/live';
import { withWireFallback } from '../../server/src/dns/wire';
import { startTestDnsServer } from '../dns-server';
import type { ZoneData } from '../dns-server';
import { ZoneResolver } from '../fakes/zoneResolver';

export interface SuiteTest {
  readonly name: string;
  readonly description: string | undefined;
  readonly spec: string | undefined;
  readonly helo: string;
  readonly host: string;
  readonly mailfrom: string;
  /** Any of these is a pass; the first is the preferred one. */
  readonly result: readonly SpfResult[];
  readonly explanation: string | undefined;
}

export interface Scenario {
  readonly description: string;
  readonly zonedata: ZoneData;
  readonly tests: readonly SuiteTest[];
}

/**
 * The suites live in the project's sibling `shared/` checkout (SPF_LENS_SHARED overrides where that
 * is); a bare clone falls back to the copies vendored beside this file, licences included.
 */
export function locateSuite(file: string): { readonly path: string } | { readonly skip: string } {
  const root = resolve(__dirname, '..', '..');
  const shared = join(process.env.SPF_LENS_SHARED ?? join(root, '..', 'shared'), 'conformance', file);
  if (existsSync(shared)) return { path: shared };
  const vendored = join(__dirname, 'suites', file);
  if (existsSync(vendored)) return { path: vendored };
  return { skip: `${shared} not found, nor the vendored copy ${vendored}: set SPF_LENS_SHARED to the shared directory to run the suite` };
}

export function loadSuite(path: string): Scenario[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((document) => {
    const data = document.toJS() as {
      description?: string;
      zonedata?: ZoneData;
      tests: Record<string, Record<string, unknown>>;
    };
    const tests = Object.entries(data.tests).map(([name, test]): SuiteTest => ({
      name,
      description: typeof test.description === 'string' ? test.description : undefined,
      spec: test.spec === undefined ? undefined : String(test.spec),
      helo: String(test.helo ?? ''),
      host: String(test.host),
      mailfrom: String(test.mailfrom ?? ''),
      result: (Array.isArray(test.result) ? test.result : [test.result]).map((value) => String(value) as SpfResult),
      explanation: test.explanation === undefined ? undefined : String(test.explanation),
    }));
    return { description: data.description ?? '(no description)', zonedata: data.zonedata ?? {}, tests };
  });
}

export interface ServedZone {
  readonly resolver: Resolver;
  close(): Promise<void>;
}

/** How long the live resolver waits for the loopback server; TIMEOUT entries are never answered. */
const suiteTimeoutMs = 500;

/**
 * Serves one scenario's zonedata to the evaluator the way production asks: the loopback test DNS
 * server answers over UDP/TCP on 127.0.0.1, and the live node:dns resolver asks it (names node:dns
 * refuses go over the wire through withWireFallback). SPF_LENS_SUITE_DNS=memory serves the same
 * zone from the in-memory ZoneResolver instead, without sockets.
 */
export async function serveZone(zonedata: ZoneData): Promise<ServedZone> {
  if (process.env.SPF_LENS_SUITE_DNS === 'memory') return { resolver: new ZoneResolver(zonedata), close: async () => {} };
  const server = await startTestDnsServer({ zone: zonedata });
  const servers = [server.address.server];
  // Names like "foo:bar/baz.example.com" are valid in SPF but refused by node:dns; production needs the same wrapper.
  const resolver = withWireFallback(liveResolver({ servers, timeoutMs: suiteTimeoutMs, retries: 0 }), { servers, timeoutMs: suiteTimeoutMs });
  return { resolver, close: () => server.stop() };
}

/** The suite driver's convention (pyspf testspf.py): the local default explanation is the word DEFAULT. */
export const suiteDefaultExplanation = 'DEFAULT';

export interface TestOutcome {
  readonly ok: boolean;
  readonly actual: CheckHostResult;
  readonly message: string;
}

/** Runs one test the way the suite's driver does: MAIL FROM when given, otherwise HELO. */
export async function runSuiteTest(resolver: Resolver, test: SuiteTest, expected = { result: test.result, explanation: test.explanation }): Promise<TestOutcome> {
  const actual = await checkHost(
    { ip: test.host, sender: test.mailfrom, helo: test.helo },
    { resolver, defaultExplanation: suiteDefaultExplanation },
  );
  const resultOk = expected.result.includes(actual.result);
  const explanationOk = expected.explanation === undefined || actual.explanation === expected.explanation;
  const wanted = `${expected.result.join(' or ')}${expected.explanation === undefined ? '' : ` with explanation ${JSON.stringify(expected.explanation)}`}`;
  const got = `${actual.result}${actual.explanation === undefined ? '' : ` with explanation ${JSON.stringify(actual.explanation)}`}`;
  return {
    ok: resultOk && explanationOk,
    actual,
    message: `${test.name} (spec ${test.spec ?? '?'}): expected ${wanted}, got ${got}\nreason: ${actual.reason}`,
  };
}

/** Counts passes for the score line. */
export class Score {
  private passed = 0;
  private total = 0;
  readonly failures: string[] = [];

  constructor(private readonly label: string) {}

  record(name: string, ok: boolean): void {
    this.total += 1;
    if (ok) this.passed += 1;
    else this.failures.push(name);
  }

  summary(suffix = ''): string {
    const failed = this.failures.length ? `; failing: ${this.failures.join(', ')}` : '';
    return `${this.label}: ${this.passed}/${this.total}${suffix}${failed}`;
  }
}

/** A test whose answer RFC 7208 changed from RFC 4408's: the RFC 7208 answer is the one expected. */
export interface ChangedAnswer {
  /** The RFC 7208 section (as the RFC 7208 suite cites it) that changed the answer. */
  readonly section: string;
  readonly result: readonly SpfResult[];
  readonly why: string;
}

/**
 * Registers one node:test suite per scenario and one test per suite test, then prints the score.
 * Where `changed` names a test, its RFC 7208 answer replaces the file's.
 */
export function registerSuite(file: string, label: string, changed: Readonly<Record<string, ChangedAnswer>> = {}): void {
  const located = locateSuite(file);
  if ('skip' in located) {
    it(`${label} conformance suite`, { skip: located.skip }, () => {});
    return;
  }
  const scenarios = loadSuite(located.path);
  const score = new Score(`${label} suite`);
  const names = new Set(scenarios.flatMap((scenario) => scenario.tests.map((test) => test.name)));
  for (const scenario of scenarios) {
    describe(scenario.description, () => {
      let zone: ServedZone;
      before(async () => {
        zone = await serveZone(scenario.zonedata);
      });
      after(() => zone.close());
      for (const test of scenario.tests) {
        const override = changed[test.name];
        const title = override ? `${test.name} (RFC 7208 §${override.section}: ${override.result.join(' or ')})` : test.name;
        it(title, async () => {
          const expected = override ? { result: override.result, explanation: test.explanation } : { result: test.result, explanation: test.explanation };
          const outcome = await runSuiteTest(zone.resolver, test, expected);
          score.record(test.name, outcome.ok);
          assert.ok(outcome.ok, outcome.message);
        });
      }
    });
  }
  const overrides = Object.keys(changed);
  if (overrides.length) {
    it(`every test ${label} lists as changed by RFC 7208 exists in the suite`, () => {
      assert.deepEqual(overrides.filter((name) => !names.has(name)), []);
    });
  }
  after(() => {
    console.log(score.summary(overrides.length ? ` (${overrides.length} of them held to RFC 7208's answer)` : ''));
  });
}
