// The test DNS server on the wire: UDP and TCP, flags, RCODEs, latency, the log, truncation.

import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rawQuery, startTestDnsServer, txtStrings, type TestDnsServer } from '../dns-server';

const dataOf = (record: object): unknown => (record as { data?: unknown }).data;

const ZONE = `
example.com:
  - SPF: v=spf1 a -all
  - A: 192.0.2.1
  - MX: [10, mx.example.com]
multi.example.com:
  - TXT: ["v=spf1 ", "ip4:192.0.2.1 -all"]
spfonly.example.com:
  - SPF: v=spf1 -all
  - TXT: NONE
a.b.deep.example.com:
  - A: 192.0.2.9
silent.example.com:
  - A: 192.0.2.4
  - TIMEOUT
alias.example.com:
  - CNAME: hop.example.com
hop.example.com:
  - CNAME: example.com
loop.example.com:
  - CNAME: loop.example.com
big.example.com:
  - TXT: "${'x'.repeat(700)}"
`;

describe('test DNS server', () => {
  let dns: TestDnsServer;
  let port: number;
  before(async () => {
    dns = await startTestDnsServer({ zone: ZONE });
    port = dns.address.port;
  });
  after(() => dns.stop());

  it('listens on 127.0.0.1 with UDP and TCP on one port', () => {
    assert.deepEqual(dns.address, { address: '127.0.0.1', port, server: `127.0.0.1:${port}` });
  });

  for (const transport of ['udp', 'tcp'] as const) {
    it(`answers authoritatively over ${transport} with the query's id`, async () => {
      dns.clearLog();
      const answer = await rawQuery(port, 'example.com', 'A', { transport, id: 4242 });
      assert.equal(answer.id, 4242);
      assert.equal(answer.authoritative, true);
      assert.equal(answer.rcode, 'NOERROR');
      assert.deepEqual(answer.answers.map(dataOf), ['192.0.2.1']);
      assert.deepEqual(
        dns.log.map((entry) => [entry.name, entry.type, entry.transport, entry.outcome, entry.rcode, entry.answers]),
        [['example.com', 'A', transport, 'answered', 'NOERROR', 1]],
      );
    });
  }

  it('answers NXDOMAIN for a missing name and NODATA for a missing type or an empty non-terminal', async () => {
    assert.equal((await rawQuery(port, 'missing.example.com', 'TXT')).rcode, 'NXDOMAIN');
    for (const [name, type] of [['example.com', 'AAAA'], ['b.deep.example.com', 'A'], ['deep.example.com', 'TXT']]) {
      const answer = await rawQuery(port, name, type);
      assert.equal(answer.rcode, 'NOERROR', name);
      assert.equal(answer.answers.length, 0, name);
    }
  });

  it('serves SPF entries as TXT and as type 99, multi-string TXT as one record, and NONE as NODATA', async () => {
    const txt = await rawQuery(port, 'EXAMPLE.com', 'TXT');
    assert.equal(txt.answers[0].name, 'EXAMPLE.com');
    assert.deepEqual(txt.answers.map(txtStrings), [['v=spf1 a -all']]);
    const spf = await rawQuery(port, 'example.com', 'SPF');
    assert.deepEqual(spf.answers.map((record) => [record.type, txtStrings(record)]), [['SPF', ['v=spf1 a -all']]]);
    const multi = await rawQuery(port, 'multi.example.com', 'TXT');
    assert.deepEqual(multi.answers.map(txtStrings), [['v=spf1 ', 'ip4:192.0.2.1 -all']]);
    const none = await rawQuery(port, 'spfonly.example.com', 'TXT');
    assert.deepEqual([none.rcode, none.answers.length], ['NOERROR', 0]);
  });

  it('sends nothing for TIMEOUT and logs the query as dropped', async () => {
    dns.clearLog();
    await assert.rejects(rawQuery(port, 'silent.example.com', 'TXT', { timeoutMs: 300 }), /no answer/);
    assert.equal((await rawQuery(port, 'silent.example.com', 'A')).answers.length, 1);
    assert.deepEqual(
      dns.log.map((entry) => [entry.type, entry.outcome, entry.rcode]),
      [['TXT', 'dropped', undefined], ['A', 'answered', 'NOERROR']],
    );
  });

  it('answers a CNAME with the chain and the target records, and stops at a loop', async () => {
    const alias = await rawQuery(port, 'alias.example.com', 'A');
    assert.deepEqual(
      alias.answers.map((record) => [record.name, record.type, dataOf(record)]),
      [
        ['alias.example.com', 'CNAME', 'hop.example.com'],
        ['hop.example.com', 'CNAME', 'example.com'],
        ['example.com', 'A', '192.0.2.1'],
      ],
    );
    const loop = await rawQuery(port, 'loop.example.com', 'A');
    assert.deepEqual([loop.rcode, loop.answers.length], ['NOERROR', 1]);
  });

  it('truncates UDP answers over 512 bytes without EDNS, fits them with EDNS, and serves them over TCP', async () => {
    const plain = await rawQuery(port, 'big.example.com', 'TXT');
    assert.deepEqual([plain.truncated, plain.answers.length], [true, 0]);
    const edns = await rawQuery(port, 'big.example.com', 'TXT', { ednsSize: 1232 });
    assert.deepEqual([edns.truncated, edns.answers.length], [false, 1]);
    const tcp = await rawQuery(port, 'big.example.com', 'TXT', { transport: 'tcp' });
    assert.deepEqual([tcp.truncated, txtStrings(tcp.answers[0]).join('').length], [false, 700]);
  });

  it('truncates on request: by size or by name, UDP only', async () => {
    dns.setTruncation({ overBytes: 40 });
    assert.equal((await rawQuery(port, 'example.com', 'TXT')).truncated, true);
    dns.setTruncation({ names: ['Multi.example.com'] });
    assert.equal((await rawQuery(port, 'example.com', 'TXT')).truncated, false);
    assert.equal((await rawQuery(port, 'multi.example.com', 'TXT')).truncated, true);
    assert.equal((await rawQuery(port, 'multi.example.com', 'TXT', { transport: 'tcp' })).truncated, false);
    dns.setTruncation({});
    const entries = dns.queries({ name: 'multi.example.com' });
    assert.deepEqual(entries.map((entry) => entry.outcome).slice(-2), ['truncated', 'answered']);
  });

  it('delays answers globally or per name, and counts the most questions in flight', async () => {
    dns.setLatency(150, 'slow.example.com');
    dns.updateZone({ 'slow.example.com': [{ A: '192.0.2.5' }] });
    dns.clearLog();
    const answers = await Promise.all(Array.from({ length: 5 }, () => rawQuery(port, 'slow.example.com', 'A')));
    assert.ok(answers.every((answer) => answer.answers.length === 1));
    assert.equal(dns.maxInFlight, 5);
    for (const entry of dns.log) assert.ok(entry.answeredAt! - entry.receivedAt >= 140, 'answer waited for the latency');

    dns.clearLog();
    await rawQuery(port, 'example.com', 'A');
    await rawQuery(port, 'example.com', 'A');
    assert.equal(dns.maxInFlight, 1);
    dns.setLatency(0, 'slow.example.com');
  });

  it('replaces the zone at run time', async () => {
    dns.updateZone('extra.example.com:\n  - A: 192.0.2.6\n');
    assert.equal((await rawQuery(port, 'extra.example.com', 'A')).answers.length, 1);
    assert.equal((await rawQuery(port, 'example.com', 'A')).answers.length, 1);
    dns.setZone({ 'extra.example.net': [{ A: '192.0.2.6' }] });
    assert.equal((await rawQuery(port, 'example.com', 'A')).rcode, 'NXDOMAIN');
    assert.equal((await rawQuery(port, 'extra.example.net', 'A')).answers.length, 1);
    dns.setZone(ZONE);
  });

  it('waits for a query to arrive', async () => {
    dns.clearLog();
    const seen = dns.waitForQuery({ name: 'Later.example.com' });
    void rawQuery(port, 'later.example.com', 'MX').catch(() => undefined);
    assert.equal((await seen).type, 'MX');
  });
});

describe('test DNS server command line', () => {
  it('prints its address and one JSON line per query', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spf-lens-dns-'));
    writeFileSync(join(dir, 'zones.yml'), 'example.com:\n  - TXT: v=spf1 -all\n');
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../dns-server/cli.ts'), join(dir, 'zones.yml')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines: string[] = [];
      let notify = () => undefined as void;
      child.stdout.setEncoding('utf8');
      let partial = '';
      child.stdout.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop()!;
        lines.push(...parts);
        notify();
      });
      const line = (index: number) =>
        new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no line ${index}: ${lines.join('\n')}`)), 10_000);
          notify = () => {
            if (lines.length > index) {
              clearTimeout(timer);
              resolve(lines[index]);
            }
          };
          notify();
        });
      const listening = /^listening 127\.0\.0\.1:(\d+)$/.exec(await line(0));
      assert.ok(listening);
      const answer = await rawQuery(Number(listening[1]), 'example.com', 'TXT');
      assert.deepEqual(answer.answers.map(txtStrings), [['v=spf1 -all']]);
      const logged = JSON.parse(await line(1));
      assert.deepEqual([logged.name, logged.type, logged.transport, logged.outcome], ['example.com', 'TXT', 'udp', 'answered']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
