// The resolver for when live DNS is off (untrusted workspace, `live: false`, tests): it never sends
// a query and answers every question with an error naming the reason.

import type { DnsAnswer, RecordType, Resolver } from './resolver';

export const LIVE_DNS_OFF = 'live DNS is off';

/** A resolver that answers `{ kind: 'error', detail: reason }` to everything, at once. */
export function offlineResolver(reason: string = LIVE_DNS_OFF): Resolver {
  return {
    resolve<T extends RecordType>(): Promise<DnsAnswer<T>> {
      return Promise.resolve({ kind: 'error', source: { kind: 'none' }, detail: reason });
    },
  };
}
