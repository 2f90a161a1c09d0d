// The RFC 7208 conformance suite (openspf/pyspf release 2014.04, 203 tests): every scenario's zone
// is served over the Resolver seam and every test runs through checkHost(). Prints
// "RFC 7208 suite: N/203". Skipped, with the reason, where the checkout has no ../shared.

import { registerSuite } from './suite';

registerSuite('rfc7208-tests.yml', 'RFC 7208');
