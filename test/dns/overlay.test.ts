// Workspace records answer first; other names fall through to the next resolver.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { offlineResolver } from '../../server/src/dns/offline';
import { withWorkspaceOverlay } from '../../server/src/dns/overlay';
import type { DnsAnswer, RecordType, Resolver } from '../../server/src/dns/resolver';
import type { HostRecord } from '../../server/src/hosts/types';

const URI = 'file:///zones/db.example.com';

function record(line: number, owner: string, type: string, data: string[], ttl = 3600): HostRecord {
  return { uri: URI, line, owner, type, ttl, data };
}

const RECORDS: readonly HostRecord[] = [
  record(1, 'example.com', 'SOA', ['ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300']),
  record(2, 'example.com', 'NS', ['ns1.example.com.']),
  record(3, 'example.com', 'TXT', ['v=spf1 ', 'include:_spf.example.com -all'], 300),
  record(4, 'example.com', 'TXT', ['google-site-verification=abc'], 600),
  record(5, 'example.com', 'MX', ['10 mx1.example.com.']),
  record(6, 'example.com', 'A', ['192.0.2.1']),
  record(7, 'example.com', 'AAAA', ['2001:DB8:0:0::1']),
  record(8, '_spf.example.com', 'SPF', ['v=spf1 ip4:192.0.2.0/24 -all']),
  record(9, 'www.example.com', 'CNAME', ['example.com.']),
  record(10, 'ext.example.com', 'CNAME', ['elsewhere.example.net.']),
  record(11, 'loop1.example.com', 'CNAME', ['loop2.example.com.']),
  record(12, 'loop2.example.com', 'CNAME', ['loop1.example.com.']),
  record(13, 'sub.example.com', 'NS', ['ns.other.example.']),
  record(14, '1.2.0.192.in-addr.arpa', 'PTR', ['example.com.']),
  record(15, 'bad.example.com', 'A', ['not-an-address']),
];

/** The resolver under the overlay: records what reaches it. */
function recordingNext(): Resolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<T>> {
      asked.push(`${name} ${type}`);
      return Promise.resolve({ kind: 'ok', records: [] as never[], ttl: 1, source: { kind: 'live', server: 'next' } });
    },
  };
}

describe('workspace overlay', () => {
  it('answers TXT from the workspace with the file and line of the first record', async () => {
    const next = recordingNext();
    const overlay = withWorkspaceOverlay(next, () => RECORDS);
    assert.deepEqual(await overlay.resolve('Example.com.', 'TXT'), {
      kind: 'ok',
      records: [['v=spf1 ', 'include:_spf.example.com -all'], ['google-site-verification=abc']],
      ttl: 300,
      source: { kind: 'workspace', uri: URI, line: 3 },
    });
    assert.deepEqual(next.asked, []);
  });

  it('answers TXT questions from SPF records when the name has no TXT records', async () => {
    const answer = await withWorkspaceOverlay(recordingNext(), () => RECORDS).resolve('_spf.example.com', 'TXT');
    assert.deepEqual(answer.kind === 'ok' && [answer.records, answer.source], [[['v=spf1 ip4:192.0.2.0/24 -all']], { kind: 'workspace', uri: URI, line: 8 }]);
  });

  it('answers A, AAAA, MX and PTR in the shapes live DNS gives', async () => {
    const overlay = withWorkspaceOverlay(recordingNext(), () => RECORDS);
    const records = async (name: string, type: RecordType) => {
      const answer = await overlay.resolve(name, type);
      return answer.kind === 'ok' ? answer.records : answer.kind;
    };
    assert.deepEqual(await records('example.com', 'A'), ['192.0.2.1']);
    assert.deepEqual(await records('example.com', 'AAAA'), ['2001:db8::1']);
    assert.deepEqual(await records('example.com', 'MX'), [{ priority: 10, exchange: 'mx1.example.com' }]);
    assert.deepEqual(await records('1.2.0.192.in-addr.arpa', 'PTR'), ['example.com']);
  });

  it('answers nodata for a defined name without the type, and for records that do not parse', async () => {
    const next = recordingNext();
    const overlay = withWorkspaceOverlay(next, () => RECORDS);
    assert.deepEqual(await overlay.resolve('_spf.example.com', 'A'), { kind: 'nodata', source: { kind: 'workspace', uri: URI, line: 8 } });
    assert.equal((await overlay.resolve('bad.example.com', 'A')).kind, 'nodata');
    assert.deepEqual(next.asked, []);
  });

  it('passes names the workspace does not define, and delegated names, to the next resolver', async () => {
    const next = recordingNext();
    const overlay = withWorkspaceOverlay(next, () => RECORDS);
    const answer = await overlay.resolve('Other.example.net', 'TXT');
    assert.deepEqual(answer.source, { kind: 'live', server: 'next' });
    await overlay.resolve('sub.example.com', 'TXT');
    await overlay.resolve('mail.example.com', 'A');
    assert.deepEqual(next.asked, ['Other.example.net TXT', 'sub.example.com TXT', 'mail.example.com A']);
  });

  it('follows CNAMEs inside the workspace, and out of it through the next resolver', async () => {
    const next = recordingNext();
    const overlay = withWorkspaceOverlay(next, () => RECORDS);
    const inside = await overlay.resolve('www.example.com', 'A');
    assert.deepEqual(inside.kind === 'ok' && [inside.records, inside.source], [['192.0.2.1'], { kind: 'workspace', uri: URI, line: 6 }]);
    await overlay.resolve('ext.example.com', 'TXT');
    assert.deepEqual(next.asked, ['elsewhere.example.net TXT']);
    const loop = await overlay.resolve('loop1.example.com', 'TXT');
    assert.equal(loop.kind === 'error' && loop.detail, 'CNAME loop in workspace records at loop2.example.com');
  });

  it('sees a new set of records as soon as the provider hands one out', async () => {
    let records: readonly HostRecord[] = RECORDS;
    const overlay = withWorkspaceOverlay(offlineResolver(), () => records);
    assert.equal((await overlay.resolve('new.example.com', 'TXT')).kind, 'error');
    records = [...RECORDS, record(20, 'new.example.com', 'TXT', ['v=spf1 -all'])];
    assert.equal((await overlay.resolve('new.example.com', 'TXT')).kind, 'ok');
  });
});

describe('offline resolver', () => {
  it('answers every question with an error naming the reason', async () => {
    assert.deepEqual(await offlineResolver().resolve('example.com', 'TXT'), { kind: 'error', source: { kind: 'none' }, detail: 'live DNS is off' });
    assert.deepEqual(await offlineResolver('untrusted workspace').resolve('example.com', 'A'), {
      kind: 'error',
      source: { kind: 'none' },
      detail: 'untrusted workspace',
    });
  });
});
