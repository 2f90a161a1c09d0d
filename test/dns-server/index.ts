// The loopback test DNS server: see README.md in this folder.
export { TestDnsServer, startTestDnsServer } from './server';
export type { ListeningAddress, QueryFilter, QueryLogEntry, TestDnsServerOptions, Transport, TruncationOptions } from './server';
export { Zone, normaliseName } from './zone';
export type { Lookup, ZoneData, ZoneEntry, ZoneInput } from './zone';
export { rawQuery, txtStrings } from './client';
export type { RawAnswer, RawQueryOptions } from './client';
