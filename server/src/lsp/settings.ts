// Settings per document, pulled from the client (workspace/configuration) and cached until
// the client says they changed. Clients that cannot answer get initializationOptions or defaults.

import type { Connection } from 'vscode-languageserver/node';
import type { SpfLensSettings } from '../../../shared/settings';
import { normalizeSettings } from '../../../shared/settings';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<SpfLensSettings>>();
  private fallback: SpfLensSettings;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    initializationOptions: unknown,
  ) {
    const options = initializationOptions as { settings?: unknown } | undefined;
    this.fallback = normalizeSettings(options?.settings);
  }

  get(uri: string): Promise<SpfLensSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.canPull
        ? this.connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'spfLens' })
            .then((value: unknown) => normalizeSettings(value ?? this.fallback), () => this.fallback)
        : Promise.resolve(this.fallback);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: push-style clients send the settings, pull-style ones only a nudge. */
  changed(pushed: unknown): void {
    this.cache.clear();
    const section = (pushed as { spfLens?: unknown } | undefined)?.spfLens;
    if (section !== undefined) this.fallback = normalizeSettings(section);
  }
}
