// Benchmark 2 (issue 4): the time analyzeLookups takes over a realistic include tree through the
// real resolver stack (createResolver: cache → in-flight → limiter → live node:dns), with the
// loopback test DNS server adding 20 ms to every answer. Two baselines measured in the same run:
// - sequential: the same questions through the same stack, awaited one by one in tree order;
// - critical path: the number of round trips the tree forces one after another × the latency,
//   the least any resolver could take.
//   node --import tsx bench/lookupFanout.ts [--runs N] [--latency MS]
// Progress goes to stderr; the last stdout line is the result as JSON (scripts/bench.mjs prints the table).

import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { DnsAnswer, RecordType, ResolveOptions, Resolver } from '../server/src/dns/index';
import { createResolver, DnsSettings } from '../server/src/dns/index';
import type { RecordNode, TermNode } from '../server/src/spf/lookups';
import { analyzeLookups, walkTree } from '../server/src/spf/lookups';
import { startTestDnsServer } from '../test/dns-server';
import { median, ms } from './timing';

export interface LookupFanoutResult {
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly queries: number;
  readonly lookups: number;
  /** Round trips that must happen one after another. */
  readonly depth: number;
  readonly oursMs: readonly number[];
  readonly sequentialMs: readonly number[];
}

/** bench.example's record and the tree below it: mx plus four includes, one of which nests three more, one of those an exists. */
const domain = 'bench.example';
const record = 'v=spf1 mx include:_spf.mail.example include:spf.outlook.example include:sendgrid.example include:mailgun.example -all';
const zone = {
  'bench.example': [{ MX: [10, 'mx1.bench.example'] }, { MX: [20, 'mx2.bench.example'] }],
  'mx1.bench.example': [{ A: '192.0.2.25' }, { AAAA: '2001:db8::25' }],
  'mx2.bench.example': [{ A: '192.0.2.26' }],
  '_spf.mail.example': [{ TXT: 'v=spf1 include:_netblocks.mail.example include:_netblocks2.mail.example include:_netblocks3.mail.example ~all' }],
  '_netblocks.mail.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 ip4:203.0.113.0/24 ~all' }],
  '_netblocks2.mail.example': [{ TXT: 'v=spf1 ip6:2001:db8:1::/48 ip6:2001:db8:2::/48 ~all' }],
  '_netblocks3.mail.example': [{ TXT: 'v=spf1 exists:relay.mail.example ip4:192.0.2.128/25 ~all' }],
  'relay.mail.example': [{ A: '127.0.0.2' }],
  'spf.outlook.example': [{ TXT: 'v=spf1 ip4:192.0.2.0/26 ip6:2001:db8:3::/48 -all' }],
  'sendgrid.example': [{ TXT: 'v=spf1 ip4:198.51.100.128/25 ~all' }],
  'mailgun.example': [{ TXT: 'v=spf1 ip4:203.0.113.128/25 ~all' }],
};

interface Question {
  readonly name: string;
  readonly type: RecordType;
}

/** The questions the tree's terms ask, in tree order (depth first, as written). */
function treeQuestions(root: RecordNode): Question[] {
  const questions: Question[] = [];
  for (const { node } of walkTree(root)) {
    const answer = node.answer;
    if (!answer || answer.kind === 'sender-dependent') continue;
    const mechanism = node.term.kind === 'mechanism' ? node.term.name : 'redirect';
    if (mechanism === 'include' || mechanism === 'redirect') questions.push({ name: answer.name, type: 'TXT' });
    else if (mechanism === 'exists') questions.push({ name: answer.name, type: 'A' });
    else if (mechanism === 'a') questions.push({ name: answer.name, type: 'A' }, { name: answer.name, type: 'AAAA' });
    else if (mechanism === 'mx') {
      questions.push({ name: answer.name, type: 'MX' });
      if (answer.kind === 'mx') for (const host of answer.hosts) questions.push({ name: host.exchange, type: 'A' }, { name: host.exchange, type: 'AAAA' });
    }
  }
  return questions;
}

/** Round trips a term forces one after another: an include waits for its record before its terms ask; mx asks its hosts' addresses after the MX answer. */
function roundTrips(node: TermNode): number {
  const answer = node.answer;
  if (!answer || answer.kind === 'sender-dependent') return 0;
  if (node.child) return 1 + Math.max(0, ...node.child.terms.map(roundTrips));
  if (answer.kind === 'mx' && answer.hosts.length > 0) return 2;
  return 1;
}

/** Counts the questions passed through, to check that the tree-order replay asks the same ones. */
function counting(inner: Resolver): Resolver & { count: number } {
  const wrapper = {
    count: 0,
    resolve<T extends RecordType>(name: string, type: T, options?: ResolveOptions): Promise<DnsAnswer<T>> {
      wrapper.count++;
      return inner.resolve(name, type, options);
    },
  };
  return wrapper;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, latency: { type: 'string', default: '20' } } });
  const runs = Number(values.runs);
  const latencyMs = Number(values.latency);
  const server = await startTestDnsServer({ zone, latencyMs });
  try {
    const { settings } = DnsSettings.from({ servers: [server.address.server], timeoutMs: 2000, retries: 0 });
    // A fresh stack per run: nothing cached, as for a record checked for the first time.
    const fresh = () => counting(createResolver(settings));

    const analyze = async () => {
      const resolver = fresh();
      const started = performance.now();
      const result = await analyzeLookups(domain, record, { resolver });
      return { elapsed: performance.now() - started, result, asked: resolver.count };
    };
    const warm = await analyze();
    const questions = treeQuestions(warm.result.root);
    if (questions.length !== warm.asked) throw new Error(`the tree accounts for ${questions.length} questions but analyzeLookups asked ${warm.asked}`);
    const depth = Math.max(0, ...warm.result.root.terms.map(roundTrips));

    const sequential = async () => {
      const resolver = fresh();
      const started = performance.now();
      for (const question of questions) await resolver.resolve(question.name, question.type);
      return performance.now() - started;
    };
    await sequential();

    // Interleaved, so that a slow patch of the machine hits both alike.
    const oursMs: number[] = [];
    const sequentialMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      oursMs.push((await analyze()).elapsed);
      sequentialMs.push(await sequential());
    }
    process.stderr.write(
      `lookup fan-out: ${questions.length} queries, ${warm.result.lookups} lookups, ${depth} round trips deep, ${latencyMs} ms per answer\n` +
        `  analyzeLookups: median ${ms(median(oursMs))}; sequential: median ${ms(median(sequentialMs))}; bound ${ms(depth * latencyMs)}\n`,
    );
    const result: LookupFanoutResult = { latencyMs, concurrency: settings.concurrency, queries: questions.length, lookups: warm.result.lookups, depth, oursMs, sequentialMs };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await server.stop();
  }
}

void main();
