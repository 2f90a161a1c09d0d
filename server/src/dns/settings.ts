// DNS settings: their type, defaults, and a normaliser for values read from configuration
// (VS Code settings, CLI flags, a config file) that never throws and says what it dropped.

import ipaddr from 'ipaddr.js';

export interface DnsSettings {
  /** Query live DNS. When false nothing is sent; only workspace records answer. */
  readonly live: boolean;
  /** Resolvers to ask, written `IP`, `IP:PORT`, `IPv6` or `[IPv6]:PORT`; empty = the system's resolvers. */
  readonly servers: readonly string[];
  /** How long one attempt waits for an answer, per server, in milliseconds. */
  readonly timeoutMs: number;
  /** Attempts after a first one that timed out. */
  readonly retries: number;
  /** Questions in flight at once. */
  readonly concurrency: number;
  /** Answer names defined in workspace files (zone files ...) from those files first. */
  readonly useWorkspaceRecords: boolean;
}

export const defaultDnsSettings: DnsSettings = Object.freeze({
  live: true,
  servers: Object.freeze([]) as readonly string[],
  timeoutMs: 2000,
  retries: 1,
  concurrency: 8,
  useWorkspaceRecords: true,
});

export interface NormalisedDnsSettings {
  readonly settings: DnsSettings;
  /** One sentence per value that was ignored or adjusted, for the log or a notification. */
  readonly warnings: readonly string[];
}

// The same bounds as the manifest's setting schema and shared/settings.ts normalizeSettings.
const LIMITS = {
  timeoutMs: { min: 100, max: 60_000 },
  retries: { min: 0, max: 5 },
  concurrency: { min: 1, max: 64 },
} as const;

export namespace DnsSettings {
  /** Reads settings from an untyped value: missing or invalid fields take their default, invalid servers are dropped. Never throws. */
  export function from(value: unknown): NormalisedDnsSettings {
    const warnings: string[] = [];
    const input = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    if (value !== undefined && value !== null && input !== value) warnings.push('DNS settings must be an object; using the defaults.');

    const flag = (key: 'live' | 'useWorkspaceRecords'): boolean => {
      const raw = input[key];
      if (raw === undefined) return defaultDnsSettings[key];
      if (typeof raw === 'boolean') return raw;
      warnings.push(`${key} must be true or false; using ${defaultDnsSettings[key]}.`);
      return defaultDnsSettings[key];
    };

    const integer = (key: keyof typeof LIMITS): number => {
      const raw = input[key];
      const fallback = defaultDnsSettings[key];
      if (raw === undefined) return fallback;
      if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        warnings.push(`${key} must be a number; using ${fallback}.`);
        return fallback;
      }
      const { min, max } = LIMITS[key];
      const clamped = Math.min(max, Math.max(min, Math.round(raw)));
      if (clamped !== raw) warnings.push(`${key} ${raw} is outside ${min}..${max} or not whole; using ${clamped}.`);
      return clamped;
    };

    const live = flag('live');
    const servers: string[] = [];
    const rawServers = input.servers;
    if (rawServers !== undefined && !Array.isArray(rawServers)) {
      warnings.push('servers must be a list of addresses; using the system resolvers.');
    } else {
      for (const server of rawServers ?? []) {
        const text = typeof server === 'string' ? server.trim() : undefined;
        if (text !== undefined && isServerAddress(text)) servers.push(text);
        else warnings.push(`Ignoring DNS server ${JSON.stringify(server)}: write IP, IP:PORT, IPv6 or [IPv6]:PORT.`);
      }
    }

    const settings: DnsSettings = {
      live,
      servers,
      timeoutMs: integer('timeoutMs'),
      retries: integer('retries'),
      concurrency: integer('concurrency'),
      useWorkspaceRecords: flag('useWorkspaceRecords'),
    };
    return { settings, warnings };
  }
}

/** True for `IPv4`, `IPv4:port`, `IPv6`, `[IPv6]` and `[IPv6]:port`: the forms node:dns setServers accepts. */
export function isServerAddress(text: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return isIPv6(bracketed[1]) && isPort(bracketed[2]);
  const ipv4 = /^([\d.]+)(?::(\d+))?$/.exec(text);
  if (ipv4) return ipaddr.IPv4.isValidFourPartDecimal(ipv4[1]) && isPort(ipv4[2]);
  return isIPv6(text);
}

function isIPv6(text: string): boolean {
  // Zone ids (fe80::1%eth0) are dropped by node:dns, so the address would not mean what it says.
  return !text.includes('%') && ipaddr.IPv6.isValid(text);
}

function isPort(text: string | undefined): boolean {
  if (text === undefined) return true;
  const port = Number(text);
  return /^\d{1,5}$/.test(text) && port >= 1 && port <= 65535;
}
