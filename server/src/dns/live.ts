// Live DNS through node:dns (c-ares). Every answer, failure included, comes back as a DnsAnswer;
// nothing here throws or rejects.
//
// Each attempt gets its own c-ares channel (a `promises.Resolver`, about 0.15 ms to create):
// - cancelling it (on abort, or when our own timer fires) cannot cut another query short;
// - c-ares 1.34 keeps a query cache and adaptive per-server timeouts per channel, which would hide
//   queries from cache.ts and make timeouts drift; a fresh channel has neither;
// - retries are ours: c-ares doubles and jitters its retry timeouts, so with its own `tries` the
//   time to give up is not timeoutMs × tries. We run retries + 1 attempts of one try each, and each
//   attempt ends at timeoutMs (× the number of servers, which c-ares tries in turn within an attempt).
// c-ares retries a truncated (TC) UDP answer over TCP by itself within an attempt.

import { promises as dns } from 'node:dns';
import { defaultDnsSettings } from './settings';
import type { AnswerSource, DnsAnswer, RecordData, RecordType, ResolveOptions, Resolver } from './resolver';

/**
 * Test runs set SPF_LENS_LOOPBACK_ONLY=1 so that no query can leave the machine, whatever a test
 * or a setting says: any server other than 127.0.0.0/8 or ::1 (the system's included) is refused.
 */
export const loopbackOnlyVariable = 'SPF_LENS_LOOPBACK_ONLY';

function loopbackOnly(): boolean {
  return process.env[loopbackOnlyVariable] === '1';
}

function isLoopbackServer(server: string): boolean {
  const host = server.startsWith('[') ? server.slice(1, server.indexOf(']')) : server.includes('.') ? server.split(':')[0] : server;
  return host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** node:dns gives TTLs only for A and AAAA; TXT, MX and PTR answers are given this TTL (seconds). */
export const DEFAULT_TTL_SECONDS = 300;

export interface LiveResolverOptions {
  /** `IP`, `IP:PORT` or `[IPv6]:PORT`, as node:dns `setServers` takes them; empty = the system's resolvers. */
  readonly servers?: readonly string[];
  /** How long one attempt waits for an answer, per server. */
  readonly timeoutMs?: number;
  /** Attempts after the first one that timed out. */
  readonly retries?: number;
  /** TTL given to answers node:dns reports without one (TXT, MX, PTR). */
  readonly defaultTtl?: number;
}

type NodeResolver = InstanceType<typeof dns.Resolver>;

type Attempt<T extends RecordType> =
  | { readonly kind: 'answer'; readonly answer: DnsAnswer<T> }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled' };

export class LiveResolver implements Resolver {
  private readonly servers: readonly string[];
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly defaultTtl: number;

  constructor(options: LiveResolverOptions = {}) {
    this.servers = options.servers ?? [];
    this.timeoutMs = options.timeoutMs ?? defaultDnsSettings.timeoutMs;
    this.retries = options.retries ?? defaultDnsSettings.retries;
    this.defaultTtl = options.defaultTtl ?? DEFAULT_TTL_SECONDS;
  }

  async resolve<T extends RecordType>(name: string, type: T, options: ResolveOptions = {}): Promise<DnsAnswer<T>> {
    const started = performance.now();
    let source: AnswerSource = { kind: 'live', server: this.servers.join(', ') || 'system resolvers' };
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (options.signal?.aborted) return cancelled(source);
      let channel: NodeResolver;
      try {
        channel = this.channel();
      } catch (error) {
        return { kind: 'error', source, detail: `bad DNS server setting: ${messageOf(error)}` };
      }
      source = { kind: 'live', server: channel.getServers().join(', ') };
      const result = await this.attempt(channel, name, type, source, options.signal);
      if (result.kind === 'answer') return result.answer;
      if (result.kind === 'cancelled') return cancelled(source);
    }
    return { kind: 'timeout', source, waitedMs: Math.round(performance.now() - started) };
  }

  private channel(): NodeResolver {
    const channel = new dns.Resolver({ timeout: this.timeoutMs, tries: 1 });
    if (this.servers.length > 0) channel.setServers([...this.servers]);
    const refused = loopbackOnly() ? channel.getServers().find((server) => !isLoopbackServer(server)) : undefined;
    if (refused !== undefined) throw new Error(`${loopbackOnlyVariable}=1 allows only loopback DNS servers, not ${refused}`);
    return channel;
  }

  /** One query on its own channel, ended by the answer, our timer, or the caller's signal. */
  private attempt<T extends RecordType>(
    channel: NodeResolver,
    name: string,
    type: T,
    source: AnswerSource,
    signal: AbortSignal | undefined,
  ): Promise<Attempt<T>> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: Attempt<T>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        // Cancelling makes c-ares drop the query; its promise then rejects, which `query` absorbs.
        if (result.kind !== 'answer') channel.cancel();
        resolve(result);
      };
      const onAbort = () => finish({ kind: 'cancelled' });
      const timer = setTimeout(() => finish({ kind: 'timeout' }), this.timeoutMs * Math.max(1, channel.getServers().length));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.query(channel, name, type, source).then((result) => finish(result));
    });
  }

  private async query<T extends RecordType>(channel: NodeResolver, name: string, type: T, source: AnswerSource): Promise<Attempt<T>> {
    try {
      const { records, ttl } = await this.lookup(channel, name, type);
      return { kind: 'answer', answer: { kind: 'ok', records: records as RecordData[T][], ttl, source } };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      switch (code) {
        case 'ENOTFOUND':
          return { kind: 'answer', answer: { kind: 'nxdomain', source } };
        case 'ENODATA':
          return { kind: 'answer', answer: { kind: 'nodata', source } };
        case 'ETIMEOUT':
          return { kind: 'timeout' };
        case 'ECANCELLED':
          return { kind: 'cancelled' };
        default:
          return { kind: 'answer', answer: { kind: 'error', source, detail: describeFailure(code, error) } };
      }
    }
  }

  private async lookup(channel: NodeResolver, name: string, type: RecordType): Promise<{ records: readonly unknown[]; ttl: number }> {
    switch (type) {
      case 'A':
      case 'AAAA': {
        const found = type === 'A' ? await channel.resolve4(name, { ttl: true }) : await channel.resolve6(name, { ttl: true });
        return { records: found.map((record) => record.address), ttl: Math.min(...found.map((record) => record.ttl)) };
      }
      case 'TXT':
        return { records: (await channel.resolveTxt(name)).map((strings) => strings.map(decodeTxt)), ttl: this.defaultTtl };
      case 'MX':
        return {
          records: (await channel.resolveMx(name)).map((mx) => ({ priority: mx.priority, exchange: mx.exchange })),
          ttl: this.defaultTtl,
        };
      case 'PTR':
        return { records: await channel.resolvePtr(name), ttl: this.defaultTtl };
    }
  }
}

/** A live resolver over node:dns. */
export function liveResolver(options: LiveResolverOptions = {}): LiveResolver {
  return new LiveResolver(options);
}

function cancelled(source: AnswerSource): DnsAnswer<never> {
  return { kind: 'error', source, detail: 'cancelled' };
}

const FAILURES: Readonly<Record<string, string>> = {
  ESERVFAIL: 'server failure (SERVFAIL)',
  EREFUSED: 'query refused (REFUSED)',
  EFORMERR: 'server rejected the query as malformed (FORMERR)',
  ENOTIMP: 'server does not implement this query (NOTIMP)',
  EBADRESP: 'malformed answer (EBADRESP)',
  ECONNREFUSED: 'connection refused (ECONNREFUSED)',
  EBADNAME: 'not a valid domain name (EBADNAME)',
  EBADQUERY: 'query could not be built (EBADQUERY)',
  ENOMEM: 'out of memory (ENOMEM)',
};

function describeFailure(code: unknown, error: unknown): string {
  if (typeof code === 'string' && FAILURES[code]) return FAILURES[code];
  return typeof code === 'string' ? `${code}: ${messageOf(error)}` : messageOf(error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * node:dns turns each TXT byte into one character (Latin-1). Records are bytes; where those bytes
 * are valid UTF-8 (as a zone file's non-ASCII text would be), show the text that was written.
 */
function decodeTxt(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  try {
    return utf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}
