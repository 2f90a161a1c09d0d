// The spf-lens language server: wiring from LSP requests to the analysis service and the
// features. Started by the VS Code client over IPC, or by other editors with --stdio.

import type { InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { CodeActionKind, ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getCodeActions } from './features/codeActions';
import { PositionIndex, toDiagnostics } from './features/diagnostics';
import { getHover } from './features/hover';
import { SettingsStore } from './lsp/settings';
import { DocumentScheduler } from './lsp/scheduler';
import type { Logger } from './service';
import { SpfService, readFileUri } from './service';

if (process.argv.includes('--version')) {
  process.stdout.write('spf-lens-language-server 0.1.0\n');
  process.exit(0);
}
if (!process.argv.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
  // Editors other than VS Code start the server with --stdio; default to it so a bare start works too.
  process.argv.push('--stdio');
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger: Logger = {
  info: (message) => connection.console.info(message),
  error: (message) => connection.console.error(message),
};

const service = new SpfService({
  // An $INCLUDEd file that is open in the editor is read as the user sees it, unsaved edits included.
  readFile: (uri) => documents.get(uri)?.getText() ?? readFileUri(uri),
}, logger);

let settings: SettingsStore;

const scheduler = new DocumentScheduler(
  async (uri) => {
    const document = documents.get(uri);
    if (!document) return;
    const documentSettings = await settings.get(uri);
    const analysis = service.analyze(uri, document.languageId, document.version, document.getText());
    const diagnostics = analysis ? toDiagnostics(uri, analysis.problems, new PositionIndex(analysis.texts), documentSettings.rules) : [];
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  },
  (uri, error) => logger.error(`checking ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`),
);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const capabilities = params.capabilities;
  settings = new SettingsStore(connection, capabilities.workspace?.configuration === true, params.initializationOptions);
  const codeActionLiterals = capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
    },
    serverInfo: { name: 'spf-lens', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  settings.changed(change.settings);
  for (const document of documents.all()) scheduler.schedule(document.uri, 0);
});

documents.onDidOpen((event) => scheduler.schedule(event.document.uri, 0));
documents.onDidChangeContent(async (event) => {
  const { validationDelayMs } = await settings.get(event.document.uri);
  scheduler.schedule(event.document.uri, validationDelayMs);
});
documents.onDidClose((event) => {
  scheduler.cancel(event.document.uri);
  service.forget(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

function analysisOf(uri: string) {
  const document = documents.get(uri);
  if (!document) return undefined;
  const analysis = service.analyze(uri, document.languageId, document.version, document.getText());
  return analysis ? { document, analysis } : undefined;
}

/** Runs a request handler; a failure is logged and answered with `fallback`, never a crash. */
function guarded<P, R>(name: string, fallback: R, handler: (params: P) => R): (params: P) => R {
  return (params) => {
    try {
      return handler(params);
    } catch (error) {
      logger.error(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return fallback;
    }
  };
}

connection.onHover(guarded('hover', null, (params) => {
  const found = analysisOf(params.textDocument.uri);
  if (!found) return null;
  return getHover(found.analysis, found.document, found.document.offsetAt(params.position)) ?? null;
}));

connection.onCodeAction(guarded('codeAction', [], (params) => {
  const found = analysisOf(params.textDocument.uri);
  if (!found) return [];
  return getCodeActions(found.analysis, found.document, { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only });
}));

connection.onShutdown(() => scheduler.dispose());

process.on('uncaughtException', (error) => logger.error(`uncaught: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => logger.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));

documents.listen(connection);
connection.listen();
