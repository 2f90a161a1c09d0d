// The command table: each command is a factory over the client context. While the server is
// not running, commands that need it explain that instead of failing silently.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RecordLocation } from '../../shared/protocol';
import { LookupTreeRequest } from '../../shared/protocol';
import { checkSenderIp, type CheckSenderArgs } from './checkSender';
import type { Config } from './config';
import type { ReportProvider } from './reports';

export interface CommandContext {
  readonly client: LanguageClient | undefined;
  readonly output: vscode.LogOutputChannel;
  readonly config: Config;
  readonly reports: ReportProvider;
}

export type CommandFactory = (context: CommandContext) => (...args: unknown[]) => unknown;

/** Runs `handler` with a running client, or says why it cannot. */
function needsServer(handler: (client: LanguageClient, context: CommandContext, ...args: unknown[]) => unknown): CommandFactory {
  return (context) => (...args) => {
    if (!context.client?.isRunning()) {
      void vscode.window.showErrorMessage('SPF Lens: the language server is not running. Open a zone file to start it, or see the "SPF Lens" output.', 'Show Output').then((choice) => {
        if (choice) context.output.show();
      });
      return undefined;
    }
    return handler(context.client, context, ...args);
  };
}

export function createCommands(): Record<string, CommandFactory> {
  return {
    showOutput: ({ output }) => () => output.show(),
    restartServer: ({ client }) => async () => {
      await client?.restart();
    },
    checkSenderIp: needsServer((client, { reports }, args) => checkSenderIp(client, reports, (args ?? {}) as CheckSenderArgs)),
    showLookups: needsServer(async (client, { reports }, args) => {
      const location = args as RecordLocation | undefined;
      if (!location) return undefined;
      const tree = await client.sendRequest<LookupTreeRequest.Result>(LookupTreeRequest.method, location);
      if (!tree) {
        void vscode.window.showInformationMessage('SPF Lens: the lookups of this record have not been resolved (live DNS is off, or resolution is still running).');
        return undefined;
      }
      await reports.show(`SPF lookups ${tree.domain}`, tree.markdown);
      return tree;
    }),
  };
}
