// Reports every question that passes through, with its answer and how long it took: the server's
// log and the CLI's --verbose trace hang on this, placed just above the live resolver.

import type { DnsAnswer, RecordType, ResolveOptions, Resolver } from './resolver';

export interface QueryEvent {
  readonly name: string;
  readonly type: RecordType;
  readonly answer: DnsAnswer;
  readonly elapsedMs: number;
}

/** Calls `listener` after each answer from `inner`. A listener that throws is ignored. */
export function withTap(inner: Resolver, listener: (event: QueryEvent) => void): Resolver {
  return {
    async resolve<T extends RecordType>(name: string, type: T, options?: ResolveOptions): Promise<DnsAnswer<T>> {
      const started = performance.now();
      const answer = await inner.resolve(name, type, options);
      try {
        listener({ name, type, answer, elapsedMs: performance.now() - started });
      } catch {
        // A logging hook must not turn an answer into a failure.
      }
      return answer;
    },
  };
}
