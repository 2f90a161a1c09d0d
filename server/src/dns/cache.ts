// A cache in front of a resolver: answers are kept for their TTL, with a size cap (least recently
// used entries go first). Names that do not exist or have no such record are cached too, for a
// short fixed time (node:dns does not give us the SOA minimum a real negative cache would use).
// Timeouts and errors are never cached: the next question asks again.

import type { DnsAnswer, RecordType, ResolveOptions, Resolver } from './resolver';

export interface CacheOptions {
  /** Most answers kept (default 2000). */
  readonly maxEntries?: number;
  /** Seconds an nxdomain or nodata answer is kept (default 30). */
  readonly negativeTtlSeconds?: number;
  /** Upper bound on the TTL honoured, in seconds (default 3600). */
  readonly maxTtlSeconds?: number;
  /** Clock in milliseconds (default Date.now); tests inject one. */
  readonly now?: () => number;
}

interface Entry {
  readonly answer: DnsAnswer;
  readonly expiresAt: number;
}

export class CachingResolver implements Resolver {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly negativeTtl: number;
  private readonly maxTtl: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: Resolver,
    options: CacheOptions = {},
  ) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 2000);
    this.negativeTtl = options.negativeTtlSeconds ?? 30;
    this.maxTtl = options.maxTtlSeconds ?? 3600;
    this.now = options.now ?? Date.now;
  }

  async resolve<T extends RecordType>(name: string, type: T, options?: ResolveOptions): Promise<DnsAnswer<T>> {
    const key = cacheKey(name, type);
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && hit.expiresAt > now) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      const answer = hit.answer as DnsAnswer<T>;
      return answer.kind === 'ok' ? { ...answer, ttl: Math.ceil((hit.expiresAt - now) / 1000) } : answer;
    }
    if (hit) this.entries.delete(key);

    const answer = await this.inner.resolve(name, type, options);
    const ttl = this.ttlOf(answer);
    if (ttl > 0) {
      this.entries.delete(key);
      this.entries.set(key, { answer, expiresAt: this.now() + ttl * 1000 });
      while (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value as string;
        this.entries.delete(oldest);
      }
    }
    return answer;
  }

  /** Number of answers held (expired ones included until they are asked for or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets every answer (after a settings change, or on the user's request). */
  clear(): void {
    this.entries.clear();
  }

  private ttlOf(answer: DnsAnswer): number {
    switch (answer.kind) {
      case 'ok':
        return Math.min(answer.ttl, this.maxTtl);
      case 'nxdomain':
      case 'nodata':
        return this.negativeTtl;
      default:
        return 0;
    }
  }
}

/** Caches `inner`'s answers. */
export function withCache(inner: Resolver, options: CacheOptions = {}): CachingResolver {
  return new CachingResolver(inner, options);
}

/** One key per question: names are case-insensitive and a trailing dot changes nothing. */
export function cacheKey(name: string, type: RecordType): string {
  return `${type} ${name.replace(/\.$/, '').toLowerCase()}`;
}
