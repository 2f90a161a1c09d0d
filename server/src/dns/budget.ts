// A hard budget for one analysis: at most `maxQueries` questions and `maxMs` of wall time from the
// moment the budget is created. Past either limit every question answers an error at once and
// nothing is passed on; a question still in flight when the time runs out is cancelled and answers
// the same error. Every question counts, cache hits included, so whether an analysis fits its
// budget does not depend on what happens to be cached.

import type { DnsAnswer, RecordType, ResolveOptions, Resolver } from './resolver';

export interface Budget {
  readonly maxQueries: number;
  readonly maxMs: number;
}

export interface BudgetUsage {
  /** Questions passed on to the wrapped resolver. */
  readonly queries: number;
  /** Questions answered with a budget error instead. */
  readonly refused: number;
  readonly elapsedMs: number;
  /** Which limit has been reached, if any. */
  readonly exhausted: 'queries' | 'time' | undefined;
}

export interface BudgetOptions {
  /** Clock in milliseconds (default performance.now). */
  readonly now?: () => number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export class BudgetedResolver implements Resolver {
  private readonly startedAt: number;
  private readonly now: () => number;
  private queries = 0;
  private refused = 0;
  /** Set when a deadline timer fired: timers may fire a fraction of a millisecond before the clock agrees. */
  private outOfTime = false;

  constructor(
    private readonly inner: Resolver,
    readonly budget: Budget,
    options: BudgetOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
  }

  async resolve<T extends RecordType>(name: string, type: T, options: ResolveOptions = {}): Promise<DnsAnswer<T>> {
    const remainingMs = this.budget.maxMs - (this.now() - this.startedAt);
    if (remainingMs <= 0 || this.outOfTime) return this.refuse(this.timeDetail());
    if (this.queries >= this.budget.maxQueries) return this.refuse(`query budget exhausted (${this.budget.maxQueries} queries)`);
    this.queries++;

    const deadline = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
    let timer: NodeJS.Timeout | undefined;
    const deadlinePassed = new Promise<DnsAnswer<T>>((resolve) => {
      // setTimeout turns delays past 2^31-1 ms into 1 ms; such a budget never runs out in practice.
      if (remainingMs > MAX_TIMER_MS) return;
      timer = setTimeout(() => {
        this.outOfTime = true;
        deadline.abort();
        resolve(this.refuse(this.timeDetail()));
      }, remainingMs);
    });
    try {
      return await Promise.race([this.inner.resolve(name, type, { signal }), deadlinePassed]);
    } finally {
      clearTimeout(timer);
    }
  }

  get usage(): BudgetUsage {
    const elapsedMs = this.now() - this.startedAt;
    const exhausted =
      this.outOfTime || elapsedMs >= this.budget.maxMs ? 'time' : this.queries >= this.budget.maxQueries ? 'queries' : undefined;
    return { queries: this.queries, refused: this.refused, elapsedMs, exhausted };
  }

  private timeDetail(): string {
    return `time budget exhausted (${this.budget.maxMs} ms)`;
  }

  private refuse<T extends RecordType>(detail: string): DnsAnswer<T> {
    this.refused++;
    return { kind: 'error', source: { kind: 'none' }, detail };
  }
}

/** Wraps `inner` in a fresh budget; create one per analysis. */
export function withBudget(inner: Resolver, budget: Budget, options: BudgetOptions = {}): BudgetedResolver {
  return new BudgetedResolver(inner, budget, options);
}
