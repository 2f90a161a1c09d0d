// A minimal LSP client for tests: starts the built server with --stdio (as Neovim or Emacs
// would) and speaks JSON-RPC to it over the real pipes.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Diagnostic, InitializeResult, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node';

export const repoRoot = join(__dirname, '..', '..');

/** Builds dist/ once per test process, so protocol tests never run a stale bundle. */
let built = false;
export function buildOnce(): void {
  if (built) return;
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('esbuild failed');
  built = true;
}

export interface LspClientOptions {
  /** What the client answers to workspace/configuration for section spfLens; undefined = no configuration capability. */
  readonly settings?: unknown;
  readonly initializationOptions?: unknown;
  /** How to start the server; default `node dist/server.js --stdio`. */
  readonly command?: { readonly file: string; readonly args: readonly string[]; readonly env?: NodeJS.ProcessEnv };
}

export class LspTestClient {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** Every publishDiagnostics, in order, to check what arrived first. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** $/progress values, in order ({kind: 'begin' | 'report' | 'end', ...}). */
  readonly progress: { kind: string; title?: string; message?: string }[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];
  exitCode: Promise<number | null>;

  constructor(private readonly options: LspClientOptions = {}) {
    buildOnce();
    const command = options.command ?? { file: process.execPath, args: [join(repoRoot, 'dist', 'server.js'), '--stdio'] };
    this.process = spawn(command.file, command.args, { stdio: ['pipe', 'pipe', 'pipe'], env: command.env ?? process.env });
    this.exitCode = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.options.settings ?? null));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (params: { value: { kind: string; title?: string; message?: string } }) => {
      this.progress.push(params.value);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: this.options.settings !== undefined },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true },
        },
      },
      initializationOptions: this.options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'dns-zone', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Waits until the latest diagnostics for `uri` satisfy `accept` (default: any publication). */
  async waitForDiagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && accept(current)) return current.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(current?.diagnostics.map((d) => d.code))}\nstderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  forgetDiagnostics(uri: string): void {
    this.diagnostics.delete(uri);
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exitCode;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.process.kill();
    this.connection.dispose();
  }
}
