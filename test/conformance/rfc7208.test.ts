// The RFC 7208 conformance suite (openspf/pyspf, 203 tests): every scenario's zone is served over
// the Resolver seam and every test runs through checkHost(). Prints "RFC 7208 suite: N/203".

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServedZone } from './suite';
import { loadSuite, locateSuite, runSuiteTest, Score, serveZone } from './suite';

const located = locateSuite('rfc7208-tests.yml');

if ('skip' in located) {
  it('RFC 7208 conformance suite', { skip: located.skip }, () => {});
} else {
  const score = new Score('RFC 7208 suite');
  for (const scenario of loadSuite(located.path)) {
    describe(scenario.description, () => {
      let zone: ServedZone;
      before(async () => {
        zone = await serveZone(scenario.zonedata);
      });
      after(() => zone.close());
      for (const test of scenario.tests) {
        it(test.name, async () => {
          const outcome = await runSuiteTest(zone.resolver, test);
          score.record(test.name, outcome.ok);
          assert.ok(outcome.ok, outcome.message);
        });
      }
    });
  }
  after(() => {
    console.log(score.summary());
  });
}
