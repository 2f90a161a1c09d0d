// Settings per document, pulled from the client (workspace/configuration) and cached until
// the client says they changed. What a client gives in initializationOptions.settings (or pushes
// in workspace/didChangeConfiguration) is the base; a pulled `spfLens` section is laid over it key
// by key, so a client that passes `dns.live: false` at start and answers a pull with only `rules`
// keeps live lookups off. Clients that cannot answer get the base alone.

import type { Connection } from 'vscode-languageserver/node';
import type { SpfLensSettings } from '../../../shared/settings';
import { normalizeSettings } from '../../../shared/settings';
import { DnsSettings } from '../dns/settings';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `over` laid on `base`: objects merge key by key, anything else in `over` replaces. */
export function overlaySettings(base: unknown, over: unknown): unknown {
  if (over === undefined || over === null) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = overlaySettings(base[key], value);
  return merged;
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<SpfLensSettings>>();
  private readonly initial: unknown;
  /** The initial settings with the last pushed section laid over them, as sent and normalised. */
  private base: unknown;
  private baseSettings: SpfLensSettings;

  constructor(
    private readonly connection: Pick<Connection, 'workspace'>,
    private readonly canPull: boolean,
    initializationOptions: unknown,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    const options = initializationOptions as { settings?: unknown } | undefined;
    this.initial = isPlainObject(options?.settings) ? options.settings : {};
    this.base = this.initial;
    this.baseSettings = this.normalize(this.base);
  }

  /** Normalises what a client sent and says in the log which DNS values were dropped. */
  private normalize(value: unknown): SpfLensSettings {
    const dns = (value as { dns?: unknown } | null | undefined)?.dns;
    for (const warning of DnsSettings.from(dns).warnings) this.warn(`spfLens.dns: ${warning}`);
    return normalizeSettings(value);
  }

  get(uri: string): Promise<SpfLensSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.canPull
        ? this.connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'spfLens' })
            // A client with nothing for the section answers null, or (Neovim, from an empty Lua table) [].
            .then((value: unknown) => (isPlainObject(value) ? this.normalize(overlaySettings(this.base, value)) : this.baseSettings), () => this.baseSettings)
        : Promise.resolve(this.baseSettings);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: push-style clients send the settings, pull-style ones only a nudge. */
  changed(pushed: unknown): void {
    this.cache.clear();
    const section = (pushed as { spfLens?: unknown } | undefined)?.spfLens;
    if (isPlainObject(section)) {
      this.base = overlaySettings(this.initial, section);
      this.baseSettings = this.normalize(this.base);
    }
  }
}
