import assert from 'node:assert/strict';
import { it } from 'node:test';
import { liveResolver } from '../../server/src/dns/index';
import { loopbackOnlyVariable } from '../../server/src/dns/live';

it('refuses non-loopback and system DNS servers when the loopback-only guard is on, without sending a query', async () => {
  const previous = process.env[loopbackOnlyVariable];
  process.env[loopbackOnlyVariable] = '1';
  try {
    for (const servers of [[], ['192.0.2.53'], ['[2001:db8::53]:53']]) {
      const answer = await liveResolver({ servers, timeoutMs: 100, retries: 0 }).resolve('example.com', 'TXT');
      assert.equal(answer.kind, 'error', `servers ${JSON.stringify(servers)}`);
      assert.match(answer.kind === 'error' ? answer.detail : '', /allows only loopback/);
    }
  } finally {
    if (previous === undefined) delete process.env[loopbackOnlyVariable];
    else process.env[loopbackOnlyVariable] = previous;
  }
});
