// VS Code glue: start the spf-lens language server, answer its settings requests, and
// register the commands. No SPF logic lives here.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { DidChangeConfigurationNotification, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { Config, configSection } from './config';
import { createCommands } from './commands';
import { ReportProvider } from './reports';
import { LiveDnsStatus } from './status';

export const documentSelector = [{ language: 'dns-zone' }];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = new Config();
  const output = vscode.window.createOutputChannel('SPF Lens', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions: { settings: config.forResource(undefined) },
    middleware: {
      workspace: {
        // The server pulls `spfLens` settings per document; answer with typed settings plus the trust state.
        configuration: (params, token, next) => {
          if (params.items.every((item) => item.section === configSection)) {
            return params.items.map((item) => config.forResource(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined));
          }
          return next(params, token);
        },
      },
    },
  };

  client = new LanguageClient(configSection, 'SPF Lens', serverOptions, clientOptions);
  const status = new LiveDnsStatus(config);
  context.subscriptions.push(status);

  const notifySettingsChanged = () => {
    status.update();
    void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (config.affects(event)) notifySettingsChanged();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(notifySettingsChanged),
  );

  const reports = new ReportProvider();
  context.subscriptions.push(reports);
  for (const [name, factory] of Object.entries(createCommands())) {
    context.subscriptions.push(vscode.commands.registerCommand(`spfLens.${name}`, (...args: unknown[]) => factory({ client, output, config, reports })(...args)));
  }

  try {
    await client.start();
  } catch (error) {
    output.appendLine(`The SPF Lens language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('SPF Lens: the language server failed to start. See the "SPF Lens" output for details.', 'Show Output').then((choice) => {
      if (choice) output.show();
    });
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
