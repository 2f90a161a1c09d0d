// Runs one job per document URI after a quiet period; a new request for the same URI replaces
// the pending one and aborts the one still running (its results would be stale).

export type Job = (uri: string, signal: AbortSignal) => Promise<void>;

export class DocumentScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly job: Job,
    private readonly onError: (uri: string, error: unknown) => void,
  ) {}

  schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      const controller = new AbortController();
      this.running.set(uri, controller);
      this.job(uri, controller.signal)
        .catch((error: unknown) => this.onError(uri, error))
        .finally(() => {
          if (this.running.get(uri) === controller) this.running.delete(uri);
        });
    }, delayMs);
    this.timers.set(uri, timer);
  }

  /** Drops the pending run and aborts the running one. */
  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.running.get(uri)?.abort();
    this.running.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.timers.keys(), ...this.running.keys()]) this.cancel(uri);
  }
}
