// Settings shared by the VS Code client, the language server and the CLI. Types and plain
// normalisers only: this module is bundled into both the client and the server.
// Setting names are a public contract (users' settings.json): add, never rename.

import { DnsSettings, defaultDnsSettings } from '../server/src/dns/settings';

export type RuleLevel = 'ignore' | 'hint' | 'information' | 'warning' | 'error';

export const ruleLevels: readonly RuleLevel[] = ['ignore', 'hint', 'information', 'warning', 'error'];

/** The DNS part of the settings; defined (and normalised) beside the resolvers that use it. */
export type DnsSettingsShape = DnsSettings;

export interface SpfLensSettings {
  readonly dns: DnsSettingsShape;
  /** Per-code severity overrides: `{ "spf-ptr": "ignore" }`. */
  readonly rules: Readonly<Record<string, RuleLevel>>;
  /** Wait this long after the last keystroke before checking a document. */
  readonly validationDelayMs: number;
  /** Show code lenses (lookup count, Check sender IP) above each SPF record. */
  readonly codeLens: boolean;
  /**
   * Whether the workspace is trusted. Sent by the VS Code client; clients without a trust model
   * (Neovim, Emacs, the CLI) leave it true, so `dns.live` alone decides.
   */
  readonly workspaceTrusted: boolean;
}

export const defaultSettings: SpfLensSettings = {
  dns: defaultDnsSettings,
  rules: {},
  validationDelayMs: 250,
  codeLens: true,
  workspaceTrusted: true,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function boolean(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function integer(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

/** Builds complete settings from whatever a client sent (partial, wrongly typed or missing); never throws. */
export function normalizeSettings(value: unknown): SpfLensSettings {
  const input = isRecord(value) ? value : {};
  const defaults = defaultSettings;
  const rules: Record<string, RuleLevel> = {};
  if (isRecord(input.rules)) {
    for (const [code, level] of Object.entries(input.rules)) {
      if (typeof level === 'string' && (ruleLevels as readonly string[]).includes(level)) rules[code] = level as RuleLevel;
    }
  }
  return {
    dns: DnsSettings.from(input.dns).settings,
    rules,
    validationDelayMs: integer(input.validationDelayMs, defaults.validationDelayMs, 0, 10_000),
    codeLens: boolean(input.codeLens, defaults.codeLens),
    workspaceTrusted: boolean(input.workspaceTrusted, defaults.workspaceTrusted),
  };
}
