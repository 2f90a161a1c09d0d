// The command table: each command is a factory over the client context, so handlers can
// explain what is wrong when the server is not running instead of failing silently.

import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Config } from './config';

export interface CommandContext {
  readonly client: LanguageClient | undefined;
  readonly output: vscode.LogOutputChannel;
  readonly config: Config;
}

export type CommandFactory = (context: CommandContext) => (...args: unknown[]) => unknown;

export function createCommands(): Record<string, CommandFactory> {
  return {
    showOutput: ({ output }) => () => output.show(),
    restartServer: ({ client }) => async () => {
      await client?.restart();
    },
  };
}
