// Live lookups: diagnostics, hovers and code lenses from the loopback test DNS server the
// launcher started (test/e2e/fixtures/dns.yml), and what turning spfLens.dns.live off changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeQueries, dnsMark, dnsQueries } from './dns';
import { describe, test, waitFor } from './harness';
import { codeOf, formatRange, languageStatus, openZone, rangeOf, summarize, waitForDiagnostics, waitForExactly, waitForHover, waitForLenses } from './workspace';

describe('live DNS', () => {
  test('lookup diagnostics arrive from the loopback DNS server', async () => {
    const { document } = await openZone('bulk.example.com.zone');
    const expected: [string, string][] = [
      ['spf-lookup-limit', formatRange(rangeOf(document, 'v=spf1'))],
      ['spf-include-no-spf', formatRange(rangeOf(document, 'include:verify.example.net'))],
    ];
    const diagnostics = await waitForExactly(document.uri, expected, { what: 'live lookup diagnostics', timeoutMs: 15_000 });
    const limit = diagnostics.find((d) => codeOf(d) === 'spf-lookup-limit')!;
    assert.equal(limit.severity, vscode.DiagnosticSeverity.Error);
    assert.match(limit.message, /needs 24 DNS lookups/);
    assert.match(limit.message, /"include:_spf\.bulk\.example\.net" costs 11/);
    // The heaviest terms are linked from the diagnostic.
    assert.deepEqual(limit.relatedInformation?.map((related) => related.message).slice(0, 2), ['costs 11 lookups', 'costs 11 lookups']);
    // The answers came from the test server.
    const log = dnsQueries();
    assert.ok(log.some((q) => q.name === '_spf.bulk.example.net' && q.type === 'TXT'), `the server was never asked for _spf.bulk.example.net TXT; log: ${describeQueries(log)}`);
    // bulk.example.com itself is defined in the workspace: its MX is answered from the file.
    assert.deepEqual(log.filter((q) => q.name === 'bulk.example.com'), []);
  }, { timeoutMs: 30_000 });

  test('turning spfLens.dns.live off replaces them with one spf-live-off notice and sends nothing', async () => {
    const { document } = await openZone('bulk.example.com.zone');
    await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'spf-lookup-limit'), { what: 'live diagnostics', timeoutMs: 15_000 });
    const section = () => vscode.workspace.getConfiguration('spfLens');
    const mark = dnsMark();
    try {
      await section().update('dns.live', false, vscode.ConfigurationTarget.Global);
      const off = await waitForExactly(document.uri, [['spf-live-off', formatRange(rangeOf(document, 'v=spf1'))]], { what: 'only the spf-live-off notice' });
      assert.match(off[0]!.message, /No DNS query was sent because live DNS lookups are turned off \(spfLens\.dns\.live\)/);
      assert.equal(off[0]!.severity, vscode.DiagnosticSeverity.Information);
      const lenses = await waitForLenses(document.uri, (found) => found.some((lens) => lens.command?.title.includes('lookups not checked')), 'the "not checked" lens');
      assert.match(lenses[0]!.command!.title, /lookups not checked: live DNS lookups are turned off/);
      const status = await languageStatus((text) => text.includes('SPF: live DNS off'), 'the language status to say live DNS is off');
      if (status !== undefined) assert.match(status, /No DNS queries are sent because the setting spfLens\.dns\.live is off/);
    } finally {
      await section().update('dns.live', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.deepEqual(mark.since(), [], `queries sent while live DNS was off: ${describeQueries(mark.since())}`);
    // And back on: the live findings return.
    await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'spf-lookup-limit'), { what: 'live diagnostics again', timeoutMs: 15_000 });
    assert.deepEqual(summarize(await waitForDiagnostics(document.uri, (d) => d.length === 2)).map(([code]) => code), ['spf-lookup-limit', 'spf-include-no-spf']);
  }, { timeoutMs: 40_000 });

  test('code lenses show the lookup count, and the count opens the lookup tree', async () => {
    const { document } = await openZone('example.com.zone');
    const lenses = await waitForLenses(document.uri, (found) => found.some((lens) => /DNS lookups/.test(lens.command?.title ?? '')), 'the lookup count lens', 15_000);
    assert.deepEqual(lenses.map((lens) => lens.command?.title), ['4/10 DNS lookups', 'Check sender IP…']);
    assert.ok(lenses.every((lens) => lens.range.isEqual(rangeOf(document, 'v=spf1'))));
    const [count, check] = lenses;
    assert.equal(check!.command!.command, 'spfLens.checkSenderIp');
    assert.equal((check!.command!.arguments![0] as { domain: string }).domain, 'example.com');

    const tree = await vscode.commands.executeCommand<{ domain: string; markdown: string }>(count!.command!.command, ...count!.command!.arguments!);
    assert.equal(tree.domain, 'example.com');
    assert.match(tree.markdown, /\*\*4 of 10\*\* DNS lookups/);
    assert.match(tree.markdown, /- `include:_spf\.example\.net` — 3 lookups\n {2}- `ip4:198\.51\.100\.0\/24`\n {2}- `include:relay\.example\.net` — 2 lookups\n {4}- `a` — 1 lookup/);
    const report = await waitFor(() => vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'spf-lens-report'), { what: 'the lookup tree report' });
    assert.equal(report.document.getText(), tree.markdown);
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  }, { timeoutMs: 30_000 });

  test('hovers explain a term and show what it costs', async () => {
    const { document } = await openZone('example.com.zone');
    const include = rangeOf(document, 'include:_spf.example.net');
    const text = await waitForHover(document.uri, include.start.translate(0, 3), (hover) => hover.includes('Costs **'), 'the include hover with its live cost', 15_000);
    assert.match(text, /include/i);
    assert.match(text, /Costs \*\*3\*\* of 10 DNS lookups \(1 for this term, 2 inside _spf\.example\.net\)/);
    assert.match(text, /- `include:relay\.example\.net` — 2 lookups\n {2}- `a` — 1 lookup/);

    const record = await waitForHover(document.uri, rangeOf(document, 'v=spf1').start, (hover) => hover.includes('Live DNS'), 'the record hover');
    assert.match(record, /\*\*SPF record\*\* for `example\.com`/);
    assert.match(record, /\*\*Live DNS:\*\* 4 of 10 lookups, 0 of 2 void lookups/);

  }, { timeoutMs: 30_000 });
});
