// A loopback authoritative DNS server for tests: real UDP and TCP on 127.0.0.1, one port number
// for both, answers from a `Zone` (see zone.ts for the zonedata conventions). It records every
// query it receives, can delay answers, and can force truncated UDP answers so clients must retry
// over TCP. The query log and the in-flight counter are what tests assert on, never timings.

import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server as TcpServer, type Socket as TcpSocket } from 'node:net';
import dnsPacket from 'dns-packet';
import { Zone, normaliseName, type AnswerRecord, type ZoneInput, DEFAULT_TTL } from './zone';

export type Transport = 'udp' | 'tcp';

/** One question received. Pushed when the query arrives; `answeredAt`/`outcome` are filled in when it is answered or dropped. */
export interface QueryLogEntry {
  /** The DNS message id. */
  readonly id: number;
  /** The name as asked (case preserved, no trailing dot). */
  readonly name: string;
  /** Type mnemonic ("TXT", "A", ...), or "TYPEnn" for types dns-packet does not name. */
  readonly type: string;
  readonly transport: Transport;
  /** Epoch milliseconds (sub-millisecond precision). */
  readonly receivedAt: number;
  /** Epoch milliseconds when the answer was sent or the query dropped; undefined while pending. */
  readonly answeredAt: number | undefined;
  /** `answered`, `truncated` (TC set, no answers: the client should retry over TCP), `dropped` (TIMEOUT: no answer sent); undefined while pending. */
  readonly outcome: 'answered' | 'truncated' | 'dropped' | undefined;
  /** RCODE sent ("NOERROR", "NXDOMAIN", ...), undefined when nothing was sent. */
  readonly rcode: string | undefined;
  /** Number of answer records sent. */
  readonly answers: number;
}

export interface QueryFilter {
  /** Compared case-insensitively, trailing dot ignored. */
  readonly name?: string;
  readonly type?: string;
  readonly transport?: Transport;
}

export interface TruncationOptions {
  /** UDP answers larger than this many bytes are sent truncated (the client's EDNS size or 512 applies anyway). */
  readonly overBytes?: number;
  /** UDP answers for these names are always sent truncated. */
  readonly names?: readonly string[];
}

export interface TestDnsServerOptions {
  /** The zone to serve (default: empty, every name NXDOMAIN). */
  readonly zone?: ZoneInput;
  /** TTL of records whose entry gives none (default 300). */
  readonly ttl?: number;
  /** Delay before every answer, in milliseconds (default 0). */
  readonly latencyMs?: number;
  readonly truncation?: TruncationOptions;
  /** Listen on this port instead of a random one (no retry if it is taken). */
  readonly port?: number;
  /** Called once per question when it has been answered or dropped (the CLI prints these). */
  readonly onQuery?: (entry: QueryLogEntry) => void;
}

export interface ListeningAddress {
  readonly address: '127.0.0.1';
  readonly port: number;
  /** `127.0.0.1:PORT`, as node:dns `setServers` and the `servers` setting take it. */
  readonly server: string;
}

const ADDRESS = '127.0.0.1';
const BIND_ATTEMPTS = 20;
/** What we advertise in our own OPT record; clients' advertised sizes decide what we send. */
const EDNS_PAYLOAD = 1232;

type MutableEntry = { -readonly [K in keyof QueryLogEntry]: QueryLogEntry[K] };

export class TestDnsServer {
  private zone: Zone;
  private readonly ttl: number;
  private latencyMs: number;
  private readonly nameLatency = new Map<string, number>();
  private truncation: TruncationOptions;
  private readonly fixedPort: number | undefined;
  private readonly onQuery: ((entry: QueryLogEntry) => void) | undefined;

  private udp: UdpSocket | undefined;
  private tcp: TcpServer | undefined;
  private readonly connections = new Set<TcpSocket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiters = new Set<{ filter: QueryFilter; resolve: (entry: QueryLogEntry) => void }>();
  private listening: ListeningAddress | undefined;
  private entries: MutableEntry[] = [];
  private inFlight = 0;
  private peakInFlight = 0;

  constructor(options: TestDnsServerOptions = {}) {
    this.ttl = options.ttl ?? DEFAULT_TTL;
    this.zone = Zone.from(options.zone ?? {}, this.ttl);
    this.latencyMs = options.latencyMs ?? 0;
    this.truncation = options.truncation ?? {};
    this.fixedPort = options.port;
    this.onQuery = options.onQuery;
  }

  /** Binds UDP then TCP on the same port of 127.0.0.1 and starts answering. */
  async start(): Promise<ListeningAddress> {
    if (this.listening) return this.listening;
    let lastError: unknown;
    const attempts = this.fixedPort === undefined ? BIND_ATTEMPTS : 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const udp = createSocket('udp4');
      try {
        await new Promise<void>((resolve, reject) => {
          udp.once('error', reject);
          udp.bind(this.fixedPort ?? 0, ADDRESS, () => {
            udp.off('error', reject);
            resolve();
          });
        });
        const port = udp.address().port;
        const tcp = createServer((socket) => this.acceptTcp(socket));
        await new Promise<void>((resolve, reject) => {
          tcp.once('error', reject);
          tcp.listen(port, ADDRESS, () => {
            tcp.off('error', reject);
            resolve();
          });
        });
        udp.on('message', (message, remote) => this.receiveUdp(message, remote));
        udp.on('error', () => undefined);
        this.udp = udp;
        this.tcp = tcp;
        this.listening = { address: ADDRESS, port, server: `${ADDRESS}:${port}` };
        return this.listening;
      } catch (error) {
        lastError = error;
        udp.close();
      }
    }
    throw new Error(`test DNS server could not bind UDP and TCP on one port: ${String(lastError)}`);
  }

  /** Stops answering, drops pending (delayed) answers and closes every socket, so the process can exit. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.connections) socket.destroy();
    this.connections.clear();
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = undefined;
    this.tcp = undefined;
    this.listening = undefined;
    this.inFlight = 0;
    await Promise.all([
      udp ? new Promise<void>((resolve) => udp.close(() => resolve())) : undefined,
      tcp ? new Promise<void>((resolve) => tcp.close(() => resolve())) : undefined,
    ]);
  }

  /** The address given by `start()`; throws if the server is not running. */
  get address(): ListeningAddress {
    if (!this.listening) throw new Error('test DNS server is not running');
    return this.listening;
  }

  /** Replaces the whole zone. */
  setZone(zone: ZoneInput): void {
    this.zone = Zone.from(zone, this.ttl);
  }

  /** Replaces the records of the names `zone` defines; other names keep theirs. */
  updateZone(zone: ZoneInput): void {
    this.zone = this.zone.with(Zone.from(zone, this.ttl));
  }

  /** Delays answers by `ms`: for every name, or only for `name` (which then overrides the global delay). */
  setLatency(ms: number, name?: string): void {
    if (name === undefined) this.latencyMs = ms;
    else this.nameLatency.set(normaliseName(name), ms);
  }

  setTruncation(options: TruncationOptions): void {
    this.truncation = options;
  }

  /** Every question received since the start or the last `clearLog()`, in arrival order. */
  get log(): readonly QueryLogEntry[] {
    return this.entries;
  }

  /** The log entries matching `filter`. */
  queries(filter: QueryFilter = {}): QueryLogEntry[] {
    return this.entries.filter((entry) => matches(entry, filter));
  }

  /** The largest number of questions received but not yet answered or dropped at one moment. */
  get maxInFlight(): number {
    return this.peakInFlight;
  }

  /** Empties the log and resets `maxInFlight` to the number of questions now in flight. */
  clearLog(): void {
    this.entries = [];
    this.peakInFlight = this.inFlight;
  }

  /** Resolves with the first logged question matching `filter`, waiting for it if need be; rejects after `timeoutMs`. */
  waitForQuery(filter: QueryFilter = {}, timeoutMs = 5000): Promise<QueryLogEntry> {
    const found = this.entries.find((entry) => matches(entry, filter));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        filter,
        resolve: (entry: QueryLogEntry) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(entry);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no query matching ${JSON.stringify(filter)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private acceptTcp(socket: TcpSocket): void {
    this.connections.add(socket);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      // A TCP stream carries length-prefixed messages, possibly several queries in one chunk.
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        this.receive(message, 'tcp', (response) => {
          if (socket.destroyed) return;
          const prefix = Buffer.alloc(2);
          prefix.writeUInt16BE(response.length);
          socket.write(Buffer.concat([prefix, response]));
        });
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.connections.delete(socket));
  }

  private receiveUdp(message: Buffer, remote: RemoteInfo): void {
    this.receive(message, 'udp', (response) => this.udp?.send(response, remote.port, remote.address));
  }

  private receive(message: Buffer, transport: Transport, send: (response: Buffer) => void): void {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // Not a DNS message: a real server would drop it too.
    }
    if (query.type !== 'query') return;
    const questions = query.questions ?? [];
    const receivedAt = now();
    const logged: MutableEntry[] = questions.map((question) => ({
      id: query.id ?? 0,
      name: question.name,
      type: String(question.type),
      transport,
      receivedAt,
      answeredAt: undefined,
      outcome: undefined,
      rcode: undefined,
      answers: 0,
    }));
    for (const entry of logged) this.append(entry);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    const delay = questions.reduce((max, question) => Math.max(max, this.latencyFor(question.name)), 0);
    const respond = () => {
      this.inFlight--;
      const reply = this.reply(query, transport);
      const answeredAt = now();
      for (const entry of logged) {
        entry.answeredAt = answeredAt;
        entry.outcome = reply ? (reply.truncated ? 'truncated' : 'answered') : 'dropped';
        entry.rcode = reply?.rcode;
        entry.answers = reply?.answers ?? 0;
      }
      if (reply) send(reply.message);
      for (const entry of logged) this.onQuery?.(entry);
    };
    if (delay <= 0) {
      respond();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      respond();
    }, delay);
    this.timers.add(timer);
  }

  private append(entry: MutableEntry): void {
    this.entries.push(entry);
    for (const waiter of [...this.waiters]) if (matches(entry, waiter.filter)) waiter.resolve(entry);
  }

  private latencyFor(name: string): number {
    return this.nameLatency.get(normaliseName(name)) ?? this.latencyMs;
  }

  /** The response message, or undefined when the zone says the query times out. */
  private reply(query: dnsPacket.Packet, transport: Transport) {
    const questions = query.questions ?? [];
    if (questions.length === 0) return this.encode(query, 'FORMERR', [], transport);
    const answers: AnswerRecord[] = [];
    let rcode = 'NOERROR';
    for (const [index, question] of questions.entries()) {
      const lookup = this.zone.lookup(question.name, String(question.type));
      if (lookup.kind === 'timeout') return undefined;
      answers.push(...lookup.answers);
      if (index === 0) rcode = lookup.rcode;
    }
    return this.encode(query, rcode, answers, transport);
  }

  private encode(query: dnsPacket.Packet, rcode: string, records: readonly AnswerRecord[], transport: Transport) {
    const requestOpt = (query.additionals ?? []).find((record) => record.type === 'OPT') as { udpPayloadSize?: number } | undefined;
    const flags =
      dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | RCODES[rcode];
    const response = {
      id: query.id ?? 0,
      type: 'response' as const,
      flags,
      questions: query.questions ?? [],
      answers: records.map(toWire),
      additionals: requestOpt ? [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_PAYLOAD } as dnsPacket.Answer] : [],
    };
    const full = dnsPacket.encode(response);
    if (transport === 'udp' && this.mustTruncate(query, full.length, requestOpt?.udpPayloadSize)) {
      const truncated = dnsPacket.encode({ ...response, flags: flags | dnsPacket.TRUNCATED_RESPONSE, answers: [] });
      return { message: truncated, rcode, answers: 0, truncated: true };
    }
    return { message: full, rcode, answers: records.length, truncated: false };
  }

  private mustTruncate(query: dnsPacket.Packet, size: number, ednsSize: number | undefined): boolean {
    const names = (this.truncation.names ?? []).map(normaliseName);
    if ((query.questions ?? []).some((question) => names.includes(normaliseName(question.name)))) return true;
    const clientLimit = Math.max(512, ednsSize ?? 512);
    return size > Math.min(clientLimit, this.truncation.overBytes ?? Infinity);
  }
}

/** Creates a server and starts it: `const dns = await startTestDnsServer({ zone }); dns.address.server`. */
export async function startTestDnsServer(options: TestDnsServerOptions = {}): Promise<TestDnsServer> {
  const server = new TestDnsServer(options);
  await server.start();
  return server;
}

const RCODES: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };

function now(): number {
  return performance.timeOrigin + performance.now();
}

function matches(entry: QueryLogEntry, filter: QueryFilter): boolean {
  return (
    (filter.name === undefined || normaliseName(entry.name) === normaliseName(filter.name)) &&
    (filter.type === undefined || entry.type === filter.type) &&
    (filter.transport === undefined || entry.transport === filter.transport)
  );
}

function toWire(record: AnswerRecord): dnsPacket.Answer {
  const common = { name: record.owner, ttl: record.ttl, class: 'IN' as const };
  switch (record.type) {
    case 'TXT':
      return { ...common, type: 'TXT', data: [...record.strings] };
    case 'SPF':
      // dns-packet has no SPF codec; type 99 has TXT's rdata format, so the rdata is built here.
      return { ...common, type: 'SPF' as 'NULL', data: Buffer.concat(record.strings.flatMap((string) => [Buffer.from([string.length]), string])) };
    case 'A':
    case 'AAAA':
      return { ...common, type: record.type, data: record.address };
    case 'MX':
      return { ...common, type: 'MX', data: { preference: record.preference, exchange: record.exchange } };
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return { ...common, type: record.type, data: record.target };
  }
}
