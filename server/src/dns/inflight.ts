// Joins identical questions asked while one is already on its way: the second caller waits for the
// first one's answer instead of sending its own query. The shared query is cancelled only when every
// caller waiting on it has given up; a caller that gives up alone gets 'cancelled' at once.

import { cacheKey } from './cache';
import type { DnsAnswer, RecordType, ResolveOptions, Resolver } from './resolver';

interface Pending {
  readonly answer: Promise<DnsAnswer>;
  readonly controller: AbortController;
  waiting: number;
}

export class InflightResolver implements Resolver {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly inner: Resolver) {}

  resolve<T extends RecordType>(name: string, type: T, options: ResolveOptions = {}): Promise<DnsAnswer<T>> {
    const { signal } = options;
    if (signal?.aborted) return Promise.resolve(cancelled());
    const key = cacheKey(name, type);
    let shared = this.pending.get(key);
    if (!shared) {
      const controller = new AbortController();
      const answer = this.inner.resolve(name, type, { signal: controller.signal }).finally(() => {
        if (this.pending.get(key) === entry) this.pending.delete(key);
      });
      const entry: Pending = { answer, controller, waiting: 0 };
      this.pending.set(key, entry);
      shared = entry;
    }
    const joined = shared;
    joined.waiting++;
    if (!signal) return joined.answer as Promise<DnsAnswer<T>>;

    return new Promise((resolve) => {
      const onAbort = () => {
        joined.waiting--;
        if (joined.waiting === 0) {
          joined.controller.abort();
          // A question asked after this must not join a query being cancelled.
          if (this.pending.get(key) === joined) this.pending.delete(key);
        }
        resolve(cancelled());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      joined.answer.then((answer) => {
        signal.removeEventListener('abort', onAbort);
        if (!signal.aborted) resolve(answer as DnsAnswer<T>);
      });
    });
  }

  /** Questions currently on their way (distinct name and type). */
  get size(): number {
    return this.pending.size;
  }
}

/** Joins identical concurrent questions to `inner` into one. */
export function withInflightDedupe(inner: Resolver): InflightResolver {
  return new InflightResolver(inner);
}

function cancelled(): DnsAnswer<never> {
  return { kind: 'error', source: { kind: 'none' }, detail: 'cancelled' };
}
