// A bare DNS client for tests that need to see the wire answer itself (flags, RCODE, TC, raw
// record types) rather than what node:dns makes of it. One query, one answer, over UDP or TCP.

import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket from 'dns-packet';

export interface RawQueryOptions {
  readonly transport?: 'udp' | 'tcp';
  /** Advertise this EDNS UDP payload size (default: no EDNS, so 512 bytes). */
  readonly ednsSize?: number;
  /** Give up after this long (default 2000 ms); rejects with "no answer". */
  readonly timeoutMs?: number;
  readonly id?: number;
}

export interface RawAnswer {
  readonly id: number;
  readonly rcode: string;
  readonly authoritative: boolean;
  readonly truncated: boolean;
  readonly answers: readonly dnsPacket.Answer[];
  readonly packet: dnsPacket.DecodedPacket;
}

/** Sends one question to `port` on 127.0.0.1 and decodes the answer. */
export function rawQuery(port: number, name: string, type: string, options: RawQueryOptions = {}): Promise<RawAnswer> {
  const id = options.id ?? Math.floor(Math.random() * 65536);
  const query = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type: type as dnsPacket.RecordType }],
    additionals: options.ednsSize ? [{ type: 'OPT', name: '.', udpPayloadSize: options.ednsSize } as dnsPacket.Answer] : [],
  });
  const timeoutMs = options.timeoutMs ?? 2000;
  const decode = (message: Buffer): RawAnswer => {
    const packet = dnsPacket.decode(message);
    return {
      id: packet.id ?? 0,
      rcode: (packet as { rcode?: string }).rcode ?? '',
      authoritative: packet.flag_aa ?? false,
      truncated: packet.flag_tc ?? false,
      answers: packet.answers ?? [],
      packet,
    };
  };
  return new Promise((resolve, reject) => {
    if (options.transport === 'tcp') {
      const socket = connect(port, '127.0.0.1');
      let buffered = Buffer.alloc(0);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('no answer'));
      }, timeoutMs);
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
          clearTimeout(timer);
          socket.destroy();
          resolve(decode(buffered.subarray(2, 2 + buffered.readUInt16BE(0))));
        }
      });
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(query.length);
      socket.write(Buffer.concat([prefix, query]));
    } else {
      const socket = createSocket('udp4');
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error('no answer'));
      }, timeoutMs);
      socket.on('message', (message) => {
        clearTimeout(timer);
        socket.close();
        resolve(decode(message));
      });
      socket.send(query, port, '127.0.0.1');
    }
  });
}

/** TXT (or SPF) rdata as text: each record's character-strings, UTF-8 decoded. */
export function txtStrings(answer: dnsPacket.Answer): string[] {
  const data = (answer as { data: unknown }).data;
  if (Buffer.isBuffer(data)) {
    // Type 99 (SPF) comes back as raw rdata: length-prefixed strings, as TXT.
    const strings: string[] = [];
    for (let offset = 0; offset < data.length; offset += 1 + data[offset]) {
      strings.push(data.subarray(offset + 1, offset + 1 + data[offset]).toString('utf8'));
    }
    return strings;
  }
  return (data as Buffer[]).map((buffer) => buffer.toString('utf8'));
}
