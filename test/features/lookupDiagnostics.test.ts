// Live lookup diagnostics on zone fixtures: analyzeZone → checkLive → diagnostics, each on its
// marked range. Most cases use the in-memory zone resolver; spf-dns-error uses the real resolver
// stack against the loopback test DNS server.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Resolver } from '../../server/src/dns/index';
import { createResolver, DnsSettings } from '../../server/src/dns/index';
import { PositionIndex, toDiagnostics } from '../../server/src/features/diagnostics';
import type { LookupBudget } from '../../server/src/liveCheck';
import { checkLive } from '../../server/src/liveCheck';
import { startTestDnsServer, type TestDnsServer } from '../dns-server';
import type { ZoneData } from '../fakes/zoneResolver';
import { ZoneResolver } from '../fakes/zoneResolver';
import { RANGE_END as E, RANGE_START as S, joinLines, parseMarkers } from '../util/markers';
import { analyzeZone } from '../util/zone';

/** Our diagnostics' messages are plain strings. */
type PlainDiagnostic = Diagnostic & { message: string };

interface LiveDiagnostics {
  readonly document: TextDocument;
  readonly diagnostics: PlainDiagnostic[];
}

async function liveDiagnostics(text: string, resolver: Resolver, budget?: LookupBudget): Promise<LiveDiagnostics> {
  const { analysis, document } = analyzeZone(text);
  const { problems } = await checkLive(analysis, resolver, { budget });
  const diagnostics = toDiagnostics(analysis.uri, problems, new PositionIndex(analysis.texts), {});
  assert.ok(diagnostics.every((d) => typeof d.message === 'string'));
  return { document, diagnostics: diagnostics as PlainDiagnostic[] };
}

/** Asserts the live diagnostics of the marked zone: the listed codes in document order, each on the i-th marked range. */
async function assertLiveDiagnostics(marked: string, resolver: Resolver, codes: readonly string[], options: { budget?: LookupBudget } = {}): Promise<LiveDiagnostics> {
  const { text, ranges } = parseMarkers(marked);
  const live = await liveDiagnostics(text, resolver, options.budget);
  const { document, diagnostics } = live;
  const describe = (d: Diagnostic) => `${String(d.code)} ${JSON.stringify(document.getText(d.range))}`;
  const expected = codes.map((code, i) => `${code} ${ranges[i] ? JSON.stringify(text.slice(ranges[i].start, ranges[i].end)) : '(no range marked)'}`);
  assert.deepEqual(diagnostics.map(describe), expected, diagnostics.map((d) => `  ${String(d.code)}: ${d.message}`).join('\n'));
  diagnostics.forEach((diagnostic, i) => {
    assert.deepEqual([document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end)], [ranges[i].start, ranges[i].end], `range of ${String(diagnostic.code)}`);
    assert.equal(diagnostic.source, 'spf-lens');
  });
  return live;
}

/** Related information as "text in the document: message". */
function related(document: TextDocument, diagnostic: Diagnostic): string[] {
  return (diagnostic.relatedInformation ?? []).map((info) => `${document.getText(info.location.range)}: ${info.message}`);
}

/** A zone of include targets: `count` lookups worth of a: terms at each name. */
function costing(lookups: Record<string, number>): ZoneData {
  const zone: Record<string, ZoneData[string]> = { 'host.example.net': [{ A: '192.0.2.1' }] };
  for (const [name, count] of Object.entries(lookups)) {
    // The include itself costs 1; its record holds the rest.
    zone[name] = [{ TXT: `v=spf1 ${'a:host.example.net '.repeat(count - 1)}-all` }];
  }
  return zone;
}

const origin = '$ORIGIN example.com.';
const ownHosts: ZoneData = { 'example.com': [{ A: '192.0.2.25' }, { MX: [10, 'mx.example.com'] }], 'mx.example.com': [{ A: '192.0.2.26' }] };

describe('live lookup diagnostics: the limit of 10', () => {
  const zone: ZoneData = { ...ownHosts, ...costing({ 'big.example.net': 8, 'two.example.net': 2, 'six.example.net': 6 }) };

  it('spf-lookup-limit on the version tag, naming the heaviest terms and pointing at each', async () => {
    const { document, diagnostics } = await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "${S}v=spf1${E} include:big.example.net a include:two.example.net mx ip4:192.0.2.0/24 -all"`,
    ), new ZoneResolver(zone), ['spf-lookup-limit']);
    const [limit] = diagnostics;
    assert.equal(limit.severity, DiagnosticSeverity.Error);
    assert.match(limit.message, /^This record needs 12 DNS lookups across its includes; receivers stop at 10 and return permerror/);
    assert.match(limit.message, /Heaviest: "include:big\.example\.net" costs 8, "include:two\.example\.net" costs 2, "a" costs 1, "mx" costs 1\./);
    assert.deepEqual(related(document, limit), [
      'include:big.example.net: costs 8 lookups',
      'include:two.example.net: costs 2 lookups',
      'a: costs 1 lookup',
      'mx: costs 1 lookup',
    ]);
    assert.equal(limit.codeDescription?.href, 'https://www.rfc-editor.org/rfc/rfc7208#section-4.6.4');
  });

  it('no spf-lookup-limit at exactly 10 (near-limit instead) or below', async () => {
    const { diagnostics } = await liveDiagnostics(joinLines(origin, '@ TXT "v=spf1 include:big.example.net a mx -all"'), new ZoneResolver(zone));
    assert.deepEqual(diagnostics.map((d) => d.code), ['spf-lookup-near-limit']);
    const { diagnostics: few } = await liveDiagnostics(joinLines(origin, '@ TXT "v=spf1 include:six.example.net a mx -all"'), new ZoneResolver(zone));
    assert.deepEqual(few, []);
  });

  it('spf-lookup-near-limit at 9 and at 10, as a warning; not at 8', async () => {
    const nine = await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "${S}v=spf1${E} include:big.example.net a -all"`,
      `www TXT "${S}v=spf1${E} include:big.example.net a mx -all"`,
      'mail TXT "v=spf1 include:six.example.net a mx -all"',
    ), new ZoneResolver({ ...zone, 'mail.example.com': [{ A: '192.0.2.3' }, { MX: [10, 'mx.example.com'] }], 'www.example.com': [{ A: '192.0.2.4' }, { MX: [10, 'mx.example.com'] }] }), ['spf-lookup-near-limit', 'spf-lookup-near-limit']);
    const [atNine, atTen] = nine.diagnostics;
    assert.equal(atNine.severity, DiagnosticSeverity.Warning);
    assert.match(atNine.message, /^This record needs 9 of the 10 DNS lookups receivers allow; two more lookups and every message fails SPF/);
    assert.match(atNine.message, /Heaviest: "include:big\.example\.net" costs 8, "a" costs 1\.$/);
    assert.match(atTen.message, /^This record needs 10 of the 10 DNS lookups receivers allow; one more include/);
    assert.deepEqual(related(nine.document, atTen), ['include:big.example.net: costs 8 lookups', 'a: costs 1 lookup', 'mx: costs 1 lookup']);
  });
});

describe('live lookup diagnostics: void lookups', () => {
  const zone: ZoneData = {
    ...ownHosts,
    'nomx.example.net': [{ A: '192.0.2.1' }],
    'noaddress.example.net': [{ TXT: 'exists, no address' }],
  };

  it('spf-void-lookup (information) on a, mx and exists whose names resolve to nothing', async () => {
    const { diagnostics } = await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "v=spf1 ${S}a:gone.example.net${E} ${S}mx:nomx.example.net${E} a -all"`,
      `www TXT "v=spf1 ${S}exists:noaddress.example.net${E} ip4:192.0.2.0/24 -all"`,
    ), new ZoneResolver(zone), ['spf-void-lookup', 'spf-void-lookup', 'spf-void-lookup']);
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Information));
    assert.match(diagnostics[0].message, /gone\.example\.net, which does not exist/);
    assert.match(diagnostics[1].message, /MX hosts of nomx\.example\.net, which has no MX records/);
    assert.match(diagnostics[2].message, /noaddress\.example\.net, which has no addresses/);
  });

  it('spf-void-limit with more than 2 void lookups, pointing at each term that has them', async () => {
    const { document, diagnostics } = await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "${S}v=spf1${E} ${S}a:gone.example.net${E} ${S}mx:nomx.example.net${E} ${S}exists:noaddress.example.net${E} -all"`,
    ), new ZoneResolver(zone), ['spf-void-limit', 'spf-void-lookup', 'spf-void-lookup', 'spf-void-lookup']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.match(diagnostics[0].message, /^3 lookups in this record's tree return no records; receivers allow 2/);
    assert.deepEqual(related(document, diagnostics[0]), ['a:gone.example.net: 1 void lookup', 'mx:nomx.example.net: 1 void lookup', 'exists:noaddress.example.net: 1 void lookup']);
  });

  it('no spf-void-limit at exactly 2', async () => {
    await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "v=spf1 ${S}a:gone.example.net${E} ${S}mx:nomx.example.net${E} a -all"`,
    ), new ZoneResolver(zone), ['spf-void-lookup', 'spf-void-lookup']);
  });

  it('counts void lookups below includes toward the record that includes them', async () => {
    const { document, diagnostics } = await assertLiveDiagnostics(joinLines(
      origin,
      // Both void lookups of the included record land on the include: its range is marked twice.
      `@ TXT "${S}v=spf1${E} ${S}${S}include:voids.example.net${E}${E} ${S}a:gone.example.net${E} -all"`,
    ), new ZoneResolver({ ...zone, 'voids.example.net': [{ TXT: 'v=spf1 mx:nomx.example.net exists:noaddress.example.net -all' }] }), [
      'spf-void-limit', 'spf-void-lookup', 'spf-void-lookup', 'spf-void-lookup',
    ]);
    assert.deepEqual(related(document, diagnostics[0]), ['include:voids.example.net: 2 void lookups', 'a:gone.example.net: 1 void lookup']);
    assert.match(diagnostics[1].message, /^Via "include:voids\.example\.net": "mx:nomx\.example\.net" looks up/);
    assert.match(diagnostics[2].message, /^Via "include:voids\.example\.net": "exists:noaddress\.example\.net" looks up/);
  });
});

describe('live lookup diagnostics: include and redirect targets', () => {
  const zone: ZoneData = {
    'nospf.example.net': [{ TXT: 'google-site-verification=abc' }],
    'fine.example.net': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }],
    'two.example.net': [{ TXT: 'v=spf1 ip4:192.0.2.1 -all' }, { TXT: 'v=spf1 ip4:192.0.2.2 -all' }],
    'broken.example.net': [{ TXT: 'v=spf1 ip4:192.0.2.300 -all' }],
    'typo.example.net': [{ TXT: 'v=spf1 include:broken.example.net -all' }],
    'big.example.net': [{ MX: [10, 'mx.example.net'] }, ...Array.from({ length: 10 }, (_, i) => ({ MX: [20 + i, `mx${i}.example.net`] }))],
    'ten.example.net': Array.from({ length: 10 }, (_, i) => ({ MX: [i, `mx${i}.example.net`] })),
    'loop-a.example.net': [{ TXT: 'v=spf1 include:loop-b.example.net -all' }],
    'loop-b.example.net': [{ TXT: 'v=spf1 include:loop-a.example.net -all' }],
    'bounce.example.net': [{ TXT: 'v=spf1 redirect=www.example.com' }],
  };

  it('spf-include-no-spf on include and redirect targets without SPF or that do not exist; none on a target with SPF', async () => {
    const { diagnostics } = await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "v=spf1 ${S}include:gone.example.net${E} include:fine.example.net ${S}redirect=nospf.example.net${E}"`,
      'www TXT "v=spf1 include:fine.example.net -all"',
    ), new ZoneResolver(zone), ['spf-include-no-spf', 'spf-include-no-spf']);
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Error));
    assert.equal(diagnostics[0].message, 'gone.example.net does not exist, so "include:gone.example.net" makes receivers return permerror for every message that reaches it.');
    assert.equal(diagnostics[1].message, 'nospf.example.net has no SPF record, so "redirect=nospf.example.net" makes receivers return permerror.');
  });

  it('spf-include-multiple on a target with two SPF records', async () => {
    const { diagnostics } = await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "v=spf1 ${S}include:two.example.net${E} include:fine.example.net -all"`,
    ), new ZoneResolver(zone), ['spf-include-multiple']);
    assert.match(diagnostics[0].message, /two\.example\.net publishes 2 SPF records/);
  });

  it('spf-include-invalid on a target whose record has a syntax error, also one include further down', async () => {
    const { diagnostics } = await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "v=spf1 ${S}include:broken.example.net${E} include:fine.example.net -all"`,
      `www TXT "v=spf1 ${S}include:typo.example.net${E} -all"`,
    ), new ZoneResolver(zone), ['spf-include-invalid', 'spf-include-invalid']);
    assert.match(diagnostics[0].message, /^The SPF record of broken\.example\.net has a syntax error \(.+\), so "include:broken\.example\.net" makes receivers return permerror\.$/);
    assert.match(diagnostics[1].message, /^Via "include:typo\.example\.net": The SPF record of broken\.example\.net/);
  });

  it('spf-mx-too-many on an mx whose name has 11 MX hosts; none with 10', async () => {
    const { diagnostics } = await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "v=spf1 ${S}mx:big.example.net${E} mx:ten.example.net -all"`,
    ), new ZoneResolver(zone), ['spf-mx-too-many']);
    assert.match(diagnostics[0].message, /^big\.example\.net has 11 MX hosts; SPF allows at most 10 for "mx:big\.example\.net"/);
  });

  it('spf-loop on an include loop, a redirect loop and a self-include', async () => {
    const { diagnostics } = await assertLiveDiagnostics(joinLines(
      origin,
      `@ TXT "v=spf1 ${S}include:loop-a.example.net${E} -all"`,
      `www TXT "v=spf1 ${S}redirect=bounce.example.net${E}"`,
      `self TXT "v=spf1 ${S}include:self.example.com${E} -all"`,
      'ok TXT "v=spf1 include:fine.example.net include:fine.example.net -all"',
    ), new ZoneResolver(zone), ['spf-loop', 'spf-loop', 'spf-loop']);
    assert.match(diagnostics[0].message, /loop-a\.example\.net → loop-b\.example\.net → loop-a\.example\.net/);
    assert.match(diagnostics[1].message, /www\.example\.com → bounce\.example\.net → www\.example\.com/);
    assert.match(diagnostics[2].message, /self\.example\.com → self\.example\.com/);
  });
});

describe('live lookup diagnostics over the live resolver and the loopback test DNS server', () => {
  let dns: TestDnsServer;
  before(async () => {
    dns = await startTestDnsServer({
      zone: {
        'slow.example.net': ['TIMEOUT'],
        'fine.example.net': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }],
      },
    });
  });
  after(() => dns.stop());

  const resolver = (dnsSettings: Record<string, unknown>) => createResolver(DnsSettings.from({ servers: [dns.address.server], ...dnsSettings }).settings);
  const zone = joinLines(origin, `@ TXT "v=spf1 ${S}include:slow.example.net${E} include:fine.example.net -all"`);

  it('spf-dns-error names the name, the server and how long it waited, and arrives within the budget', async () => {
    dns.clearLog();
    const budget = { maxQueries: 50, maxMs: 5000 };
    const { diagnostics } = await assertLiveDiagnostics(zone, resolver({ timeoutMs: 200, retries: 1 }), ['spf-dns-error'], { budget });
    const [error] = diagnostics;
    assert.equal(error.severity, DiagnosticSeverity.Warning);
    const server = dns.address.server.replace(/\./g, '\\.');
    const match = new RegExp(`^Fetching the SPF record of slow\\.example\\.net for "include:slow\\.example\\.net" failed: no answer from ${server} within (\\d+) ms\\. Receivers would return temperror\\.$`).exec(error.message);
    assert.ok(match, error.message);
    // Two attempts of 200 ms each, well inside the 5-second budget.
    const waited = Number(match[1]);
    assert.ok(waited >= 400 && waited < budget.maxMs, `waited ${waited} ms`);
    assert.equal(dns.queries({ name: 'slow.example.net', type: 'TXT' }).length, 2);
  });

  it('spf-dns-error says the time budget ran out when it ends before the resolver gives up', async () => {
    const { diagnostics } = await assertLiveDiagnostics(zone, resolver({ timeoutMs: 10_000, retries: 0 }), ['spf-dns-error'], { budget: { maxQueries: 50, maxMs: 300 } });
    assert.equal(diagnostics[0].message, 'Fetching the SPF record of slow.example.net for "include:slow.example.net" failed: time budget exhausted (300 ms). Receivers would return temperror.');
  });
});
