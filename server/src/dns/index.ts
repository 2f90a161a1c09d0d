// The DNS layer's front door: `createResolver(settings, hooks)` builds the long-lived stack
//   workspace overlay? → cache → in-flight dedupe → concurrency limit → live node:dns
// (or overlay? → offline when live DNS is off: then no query is ever sent), and each analysis
// wraps it in its own budget: `withBudget(resolver, { maxQueries, maxMs })`.

import type { HostRecord } from '../hosts/types';
import { withCache, type CachingResolver } from './cache';
import { withInflightDedupe } from './inflight';
import { withConcurrencyLimit } from './limiter';
import { liveResolver } from './live';
import { LIVE_DNS_OFF, offlineResolver } from './offline';
import { withWorkspaceOverlay } from './overlay';
import type { Resolver } from './resolver';
import type { DnsSettings } from './settings';
import { withTap, type QueryEvent } from './tap';
import { withWireFallback } from './wire';

export { withBudget, BudgetedResolver, type Budget, type BudgetUsage } from './budget';
export { withCache, CachingResolver, type CacheOptions } from './cache';
export { withInflightDedupe, InflightResolver } from './inflight';
export { withConcurrencyLimit, LimitedResolver } from './limiter';
export { liveResolver, LiveResolver, DEFAULT_TTL_SECONDS, type LiveResolverOptions } from './live';
export { offlineResolver, LIVE_DNS_OFF } from './offline';
export { withWorkspaceOverlay, WorkspaceOverlay, type HostRecordProvider } from './overlay';
export { DnsSettings, defaultDnsSettings, isServerAddress, type NormalisedDnsSettings } from './settings';
export { withTap, type QueryEvent } from './tap';
export { withWireFallback, needsWireQuery } from './wire';
export * from './resolver';

export interface ResolverHooks {
  /** The workspace's DNS records, used when `settings.useWorkspaceRecords`. Return the same array until they change: the overlay re-indexes when the array does. */
  readonly workspaceRecords?: () => readonly HostRecord[];
  /** Called after every question that went to live DNS (cache misses only, after de-duplication). */
  readonly onLiveQuery?: (event: QueryEvent) => void;
  /** Clock for cache TTLs, in milliseconds (default Date.now). */
  readonly now?: () => number;
}

export interface ComposedResolver extends Resolver {
  /** Forgets cached live answers (no-op when live DNS is off). */
  clearCache(): void;
}

/** Builds the resolver stack for `settings`. Build a new one when the settings change. */
export function createResolver(settings: DnsSettings, hooks: ResolverHooks = {}): ComposedResolver {
  let cache: CachingResolver | undefined;
  let base: Resolver;
  if (settings.live) {
    // Names node:dns refuses (macro expansions may hold "%", ":" ...) go over the wire to the same servers.
    let live: Resolver = withWireFallback(liveResolver({ servers: settings.servers, timeoutMs: settings.timeoutMs, retries: settings.retries }), { servers: settings.servers, timeoutMs: settings.timeoutMs });
    if (hooks.onLiveQuery) live = withTap(live, hooks.onLiveQuery);
    cache = withCache(withInflightDedupe(withConcurrencyLimit(live, settings.concurrency)), { now: hooks.now });
    base = cache;
  } else {
    base = offlineResolver(LIVE_DNS_OFF);
  }
  const top = settings.useWorkspaceRecords && hooks.workspaceRecords ? withWorkspaceOverlay(base, hooks.workspaceRecords) : base;
  return {
    resolve: (name, type, options) => top.resolve(name, type, options),
    clearCache: () => cache?.clear(),
  };
}
