// At most `limit` questions in flight through this resolver; the rest wait in arrival order.
// A question whose signal is aborted while it waits leaves the queue and answers 'cancelled'.

import type { DnsAnswer, RecordType, ResolveOptions, Resolver } from './resolver';

export class LimitedResolver implements Resolver {
  private running = 0;
  private readonly queue: Array<() => void> = [];
  readonly limit: number;

  constructor(
    private readonly inner: Resolver,
    limit: number,
  ) {
    this.limit = Math.max(1, Math.floor(limit) || 1);
  }

  async resolve<T extends RecordType>(name: string, type: T, options: ResolveOptions = {}): Promise<DnsAnswer<T>> {
    if (!(await this.acquire(options.signal))) return { kind: 'error', source: { kind: 'none' }, detail: 'cancelled' };
    try {
      return await this.inner.resolve(name, type, options);
    } finally {
      this.release();
    }
  }

  /** Questions being answered now. */
  get active(): number {
    return this.running;
  }

  /** Questions waiting for a slot. */
  get queued(): number {
    return this.queue.length;
  }

  /** Resolves true with a slot taken, or false if the signal was aborted first. */
  private acquire(signal: AbortSignal | undefined): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        this.running++;
        resolve(true);
      };
      const onAbort = () => {
        const index = this.queue.indexOf(start);
        if (index >= 0) this.queue.splice(index, 1);
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(start);
    });
  }

  private release(): void {
    this.running--;
    this.queue.shift()?.();
  }
}

/** Lets at most `limit` questions through to `inner` at once. */
export function withConcurrencyLimit(inner: Resolver, limit: number): LimitedResolver {
  return new LimitedResolver(inner, limit);
}
