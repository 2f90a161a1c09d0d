// The one reader of the `spfLens` settings on the client side.

import * as vscode from 'vscode';
import type { SpfLensSettings } from '../../shared/settings';
import { normalizeSettings } from '../../shared/settings';

export const configSection = 'spfLens';

export class Config {
  /** Settings for a resource as the server wants them, with the workspace trust state added. */
  forResource(resource: vscode.Uri | undefined): SpfLensSettings {
    const section = vscode.workspace.getConfiguration(configSection, resource);
    return normalizeSettings({
      dns: section.get('dns'),
      rules: section.get('rules'),
      validationDelayMs: section.get('validationDelayMs'),
      codeLens: section.get('codeLens'),
      workspaceTrusted: vscode.workspace.isTrusted,
    });
  }

  /** Why live DNS lookups are off, or undefined when they are on. */
  liveDnsBlockedReason(resource?: vscode.Uri): string | undefined {
    if (!vscode.workspace.isTrusted) return 'this workspace is not trusted';
    if (!this.forResource(resource).dns.live) return 'the setting spfLens.dns.live is off';
    return undefined;
  }

  affects(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration(configSection);
  }
}
