// Argument handling shared by the CLI commands.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DnsSettingsShape } from '../../../shared/settings';
import { defaultSettings } from '../../../shared/settings';
import { isServerAddress } from '../dns/index';

/** A mistake in how the command was called: exit 2 with the message and the usage. */
export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
}

export const dnsOptions = {
  'dns-server': { type: 'string', multiple: true },
  offline: { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

/** DNS settings from --dns-server (repeatable), --offline and --timeout MS. */
export function dnsSettingsFrom(values: { 'dns-server'?: string[]; offline?: boolean; timeout?: string }): DnsSettingsShape {
  const servers = values['dns-server'] ?? [];
  for (const server of servers) {
    if (!isServerAddress(server)) throw new UsageError(`--dns-server takes IP, IP:PORT or [IPv6]:PORT, not "${server}"`);
  }
  let timeoutMs = defaultSettings.dns.timeoutMs;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) throw new UsageError(`--timeout takes milliseconds from 100 to 60000, not "${values.timeout}"`);
  }
  return { ...defaultSettings.dns, live: !values.offline, servers, timeoutMs };
}

export type OutputFormat = 'text' | 'json' | 'sarif';

export function formatFrom(value: string | undefined, allowed: readonly OutputFormat[]): OutputFormat {
  const format = (value ?? 'text') as OutputFormat;
  if (!allowed.includes(format)) throw new UsageError(`--format must be ${allowed.join(' or ')}, not "${value}"`);
  return format;
}
