// Settings per document, pulled from the client (workspace/configuration) and cached until
// the client says they changed. Clients that cannot answer get initializationOptions or defaults.

import type { Connection } from 'vscode-languageserver/node';
import type { SpfLensSettings } from '../../../shared/settings';
import { normalizeSettings } from '../../../shared/settings';
import { DnsSettings } from '../dns/settings';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<SpfLensSettings>>();
  private fallback: SpfLensSettings;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    initializationOptions: unknown,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    const options = initializationOptions as { settings?: unknown } | undefined;
    this.fallback = this.normalize(options?.settings);
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
            .then((value: unknown) => (value === null || value === undefined ? this.fallback : this.normalize(value)), () => this.fallback)
        : Promise.resolve(this.fallback);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: push-style clients send the settings, pull-style ones only a nudge. */
  changed(pushed: unknown): void {
    this.cache.clear();
    const section = (pushed as { spfLens?: unknown } | undefined)?.spfLens;
    if (section !== undefined) this.fallback = this.normalize(section);
  }
}
