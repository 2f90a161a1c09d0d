// Queries for names node:dns will not send. c-ares refuses a name holding characters outside
// host-name syntax (":", "%", " ", "'", "[" ...: EBADNAME), yet a DNS label may hold any octet and
// an SPF domain-spec any visible character (RFC 7208 §7.1; macros such as %{H} put "%" into names
// on purpose). withWireFallback sends such names itself, over UDP to the same servers (TCP when the
// answer is truncated), and leaves every other name to the resolver it wraps.

import { createSocket } from 'node:dgram';
import { promises as dns } from 'node:dns';
import { isIP, connect } from 'node:net';
import dnsPacket from 'dns-packet';
import { loopbackOnlyVariable } from './live';
import type { AnswerSource, DnsAnswer, RecordData, RecordType, ResolveOptions, Resolver } from './resolver';

export interface WireFallbackOptions {
  /** `IP`, `IP:PORT` or `[IPv6]:PORT`; empty = the system's resolvers (as node:dns reports them). */
  readonly servers?: readonly string[];
  /** How long to wait for each server. */
  readonly timeoutMs?: number;
}

/** True when node:dns would refuse the name; such names go over the wire here. */
export function needsWireQuery(name: string): boolean {
  // What c-ares 1.34 accepts, less "/" and "*", which it allows but are not host-name characters either.
  return /[^A-Za-z0-9._\-\u0080-\uffff]/.test(name);
}

export function withWireFallback(inner: Resolver, options: WireFallbackOptions = {}): Resolver {
  return {
    resolve<T extends RecordType>(name: string, type: T, resolveOptions?: ResolveOptions): Promise<DnsAnswer<T>> {
      if (!needsWireQuery(name)) return inner.resolve(name, type, resolveOptions);
      return wireResolve(name, type, options, resolveOptions?.signal);
    },
  };
}

interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly text: string;
}

function parseServer(server: string): Endpoint | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  if (bracketed) return { host: bracketed[1], port: Number(bracketed[2] ?? 53), text: server };
  if (isIP(server)) return { host: server, port: 53, text: server };
  const hostPort = /^([^:]+):(\d+)$/.exec(server);
  if (hostPort && isIP(hostPort[1]) === 4) return { host: hostPort[1], port: Number(hostPort[2]), text: server };
  return undefined;
}

function isLoopback(host: string): boolean {
  return host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Asks each server in turn until one answers; a server that times out passes the question on. */
export async function wireResolve<T extends RecordType>(name: string, type: T, options: WireFallbackOptions, signal?: AbortSignal): Promise<DnsAnswer<T>> {
  const configured = options.servers && options.servers.length > 0 ? options.servers : dns.getServers();
  const timeoutMs = options.timeoutMs ?? 2000;
  const started = performance.now();
  let source: AnswerSource = { kind: 'live', server: configured.join(', ') || 'system resolvers' };
  const endpoints = configured.map(parseServer);
  if (endpoints.length === 0 || endpoints.some((endpoint) => endpoint === undefined)) {
    return { kind: 'error', source, detail: `no usable DNS server in ${JSON.stringify(configured)}` };
  }
  for (const endpoint of endpoints as Endpoint[]) {
    source = { kind: 'live', server: endpoint.text };
    if (process.env[loopbackOnlyVariable] === '1' && !isLoopback(endpoint.host)) {
      return { kind: 'error', source, detail: `refused: ${loopbackOnlyVariable}=1 allows loopback DNS servers only` };
    }
    if (signal?.aborted) return { kind: 'error', source, detail: 'cancelled' };
    let message = await exchange(endpoint, query(name, type), 'udp', timeoutMs, signal);
    if (message && dnsPacket.decode(message).flag_tc) message = await exchange(endpoint, query(name, type), 'tcp', timeoutMs, signal);
    if (message) return toAnswer(dnsPacket.decode(message), type, source);
    if (signal?.aborted) return { kind: 'error', source, detail: 'cancelled' };
  }
  return { kind: 'timeout', source, waitedMs: Math.round(performance.now() - started) };
}

function query(name: string, type: RecordType): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id: Math.floor(Math.random() * 65536),
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type }],
  });
}

/** One exchange; undefined when no answer came within `timeoutMs` (or the socket failed). */
function exchange(endpoint: Endpoint, packet: Buffer, transport: 'udp' | 'tcp', timeoutMs: number, signal: AbortSignal | undefined): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    let done = false;
    let close = (): void => {};
    const finish = (message: Buffer | undefined): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      close();
      resolve(message);
    };
    const onAbort = (): void => finish(undefined);
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    const id = packet.readUInt16BE(0);
    if (transport === 'udp') {
      const socket = createSocket(isIP(endpoint.host) === 6 ? 'udp6' : 'udp4');
      close = () => socket.close();
      socket.on('error', () => finish(undefined));
      socket.on('message', (message) => {
        if (message.length >= 2 && message.readUInt16BE(0) === id) finish(message);
      });
      socket.send(packet, endpoint.port, endpoint.host);
    } else {
      const socket = connect(endpoint.port, endpoint.host);
      close = () => socket.destroy();
      let buffered = Buffer.alloc(0);
      socket.on('error', () => finish(undefined));
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) finish(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
      });
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(packet.length);
      socket.write(Buffer.concat([prefix, packet]));
    }
  });
}

const rcodeFailures: Readonly<Record<string, string>> = {
  SERVFAIL: 'server failure (SERVFAIL)',
  REFUSED: 'query refused (REFUSED)',
  FORMERR: 'server rejected the query as malformed (FORMERR)',
  NOTIMP: 'server does not implement this query (NOTIMP)',
};

function toAnswer<T extends RecordType>(packet: dnsPacket.DecodedPacket, type: T, source: AnswerSource): DnsAnswer<T> {
  const rcode = (packet as { rcode?: string }).rcode ?? 'NOERROR';
  if (rcode === 'NXDOMAIN') return { kind: 'nxdomain', source };
  if (rcode !== 'NOERROR') return { kind: 'error', source, detail: rcodeFailures[rcode] ?? rcode };
  const matching = (packet.answers ?? []).filter((answer) => answer.type === type);
  if (matching.length === 0) return { kind: 'nodata', source };
  const records = matching.map((answer) => toRecord(type, answer));
  const ttl = Math.min(...matching.map((answer) => (answer as { ttl?: number }).ttl ?? 300));
  return { kind: 'ok', records: records as RecordData[T][], ttl, source };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(buffer: Buffer): string {
  try {
    return utf8.decode(buffer);
  } catch {
    return buffer.toString('latin1');
  }
}

function toRecord(type: RecordType, answer: dnsPacket.Answer): RecordData[RecordType] {
  const data = (answer as { data: unknown }).data;
  switch (type) {
    case 'TXT':
      return (Array.isArray(data) ? data : [data]).map((part) => (Buffer.isBuffer(part) ? text(part) : String(part)));
    case 'MX': {
      const mx = data as { preference?: number; exchange?: string };
      return { priority: mx.preference ?? 0, exchange: mx.exchange ?? '' };
    }
    default:
      return String(data);
  }
}
