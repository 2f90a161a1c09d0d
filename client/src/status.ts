// A language status item for zone files that says whether live DNS checks run, and why not.

import * as vscode from 'vscode';
import type { Config } from './config';

export class LiveDnsStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor(private readonly config: Config) {
    this.item = vscode.languages.createLanguageStatusItem('spfLens.liveDns', [{ language: 'dns-zone' }]);
    this.item.name = 'SPF Lens live DNS';
    this.update();
  }

  update(): void {
    const reason = this.config.liveDnsBlockedReason();
    if (reason) {
      this.item.text = '$(circle-slash) SPF: live DNS off';
      this.item.detail = `No DNS queries are sent because ${reason}; lookup counts are not checked.`;
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      this.item.command = vscode.workspace.isTrusted
        ? { title: 'Turn on', command: 'workbench.action.openSettings', arguments: ['spfLens.dns.live'] }
        : { title: 'Manage trust', command: 'workbench.trust.manage' };
    } else {
      const servers = this.config.forResource(undefined).dns.servers;
      this.item.text = '$(globe) SPF: live DNS';
      this.item.detail = servers.length ? `Lookups go to ${servers.join(', ')}` : 'Lookups go to the system resolvers';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['spfLens.dns'] };
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
