// DnsSettings.from: untyped configuration in, settings and warnings out, never a throw.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DnsSettings, defaultDnsSettings, isServerAddress } from '../../server/src/dns/settings';

describe('DNS settings', () => {
  it('gives the defaults for nothing, and for a value that is not an object (with a warning)', () => {
    assert.deepEqual(DnsSettings.from(undefined), { settings: defaultDnsSettings, warnings: [] });
    assert.deepEqual(DnsSettings.from({}), { settings: defaultDnsSettings, warnings: [] });
    const odd = DnsSettings.from('yes');
    assert.deepEqual(odd.settings, defaultDnsSettings);
    assert.equal(odd.warnings.length, 1);
  });

  it('keeps valid values', () => {
    const value = { live: false, servers: ['192.0.2.53', '192.0.2.53:5353', '2001:db8::53', '[2001:db8::53]:5353'], timeoutMs: 500, retries: 0, concurrency: 2, useWorkspaceRecords: false };
    assert.deepEqual(DnsSettings.from(value), { settings: value, warnings: [] });
  });

  it('drops invalid servers and replaces invalid values, saying so', () => {
    const { settings, warnings } = DnsSettings.from({
      live: 'true',
      servers: ['192.0.2.1', '192.0.2.300', 'dns.example.com', '::1:53', '[::1]', '1.2.3.4:0', '[fe80::1%eth0]:53', 7],
      timeoutMs: 'fast',
      retries: 99,
      concurrency: 2.5,
    });
    assert.deepEqual(settings, { ...defaultDnsSettings, servers: ['192.0.2.1', '::1:53', '[::1]'], retries: 5, concurrency: 3 });
    assert.deepEqual(warnings, [
      'live must be true or false; using true.',
      'Ignoring DNS server "192.0.2.300": write IP, IP:PORT, IPv6 or [IPv6]:PORT.',
      'Ignoring DNS server "dns.example.com": write IP, IP:PORT, IPv6 or [IPv6]:PORT.',
      'Ignoring DNS server "1.2.3.4:0": write IP, IP:PORT, IPv6 or [IPv6]:PORT.',
      'Ignoring DNS server "[fe80::1%eth0]:53": write IP, IP:PORT, IPv6 or [IPv6]:PORT.',
      'Ignoring DNS server 7: write IP, IP:PORT, IPv6 or [IPv6]:PORT.',
      'timeoutMs must be a number; using 2000.',
      'retries 99 is outside 0..5 or not whole; using 5.',
      'concurrency 2.5 is outside 1..64 or not whole; using 3.',
    ]);
  });

  it('accepts exactly the server forms node:dns setServers accepts', () => {
    for (const ok of ['127.0.0.1', '127.0.0.1:53', '::1', '[::1]', '[::1]:53', '::ffff:192.0.2.1']) assert.ok(isServerAddress(ok), ok);
    for (const bad of ['', '127.0.0.1:', '127.0.0.1:65536', '[::1]:', '[127.0.0.1]:53', '01.2.3.4', 'localhost']) assert.ok(!isServerAddress(bad), bad);
  });

  it('never throws, whatever it is given', () => {
    for (const value of [null, 0, [], { servers: null }, { servers: {} }, Object.create(null), { timeoutMs: Infinity }, { concurrency: NaN }]) {
      assert.doesNotThrow(() => DnsSettings.from(value));
    }
  });
});
