// The spf-lens language server: wiring from LSP requests to the analysis service and the
// features. Started by the VS Code client over IPC, or by other editors with --stdio.

import type { InitializeParams, InitializeResult, WorkspaceFolder } from 'vscode-languageserver/node';
import { CodeActionKind, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckHostRequest, LookupTreeRequest, RecordsRequest } from '../../shared/protocol';
import type { SpfLensSettings } from '../../shared/settings';
import type { DocumentAnalysis, DocumentProblem } from './features/analysis';
import { getCodeActions } from './features/codeActions';
import type { LiveStatus } from './features/codeLens';
import { getCodeLenses } from './features/codeLens';
import { PositionIndex, toDiagnostics } from './features/diagnostics';
import { checkReportMarkdown } from './features/checkReport';
import { getHover } from './features/hover';
import { lookupHover, lookupTreeMarkdown } from './features/lookupHover';
import { checkableRecords, checkLive, liveBlockedReason, liveOffProblem, ResolverPool } from './liveCheck';
import { delayedProgress } from './lsp/progress';
import { DocumentScheduler } from './lsp/scheduler';
import { SettingsStore } from './lsp/settings';
import type { Logger } from './service';
import { SpfService, readFileUri } from './service';
import { hostFormatFor, zoneLanguageId } from './hosts/index';
import { uriFileName } from './dns/resolver';
import { checkHost, validateCheckInput } from './spf/evaluate';
import { traceToJson } from './spf/trace';
import { WorkspaceRecords, findZoneFiles } from './workspaceRecords';

const version = '0.1.0';

if (process.argv.includes('--version')) {
  process.stdout.write(`spf-lens-language-server ${version}\n`);
  process.exit(0);
}
if (!process.argv.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe') || arg.startsWith('--clientProcessId'))) {
  // Editors other than VS Code start the server with --stdio; default to it so a bare start works too.
  process.argv.push('--stdio');
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger: Logger = {
  info: (message) => connection.console.info(message),
  error: (message) => connection.console.error(message),
};

const hostEnvironment = {
  // An $INCLUDEd file that is open in the editor is read as the user sees it, unsaved edits included.
  readFile: (uri: string) => documents.get(uri)?.getText() ?? readFileUri(uri),
};
const service = new SpfService(hostEnvironment, logger);
const workspaceRecords = new WorkspaceRecords();
const resolvers = new ResolverPool(workspaceRecords.records);

/** Live state per open document, tagged with the document version it belongs to. */
const liveStates = new Map<string, { version: number; status: LiveStatus }>();

let settings: SettingsStore;
let clientCapabilities: InitializeParams['capabilities'] = {};
let workspaceFolders: WorkspaceFolder[] = [];

function analysisOf(uri: string): { document: TextDocument; analysis: DocumentAnalysis } | undefined {
  const document = documents.get(uri);
  if (!document) return undefined;
  const analysis = service.analyze(uri, document.languageId, document.version, document.getText());
  return analysis ? { document, analysis } : undefined;
}

async function publish(document: TextDocument, analysis: DocumentAnalysis, extra: readonly DocumentProblem[], documentSettings: SpfLensSettings): Promise<void> {
  const problems = extra.length ? [...analysis.problems, ...extra].sort((a, b) => a.range.start - b.range.start) : analysis.problems;
  const diagnostics = toDiagnostics(document.uri, problems, new PositionIndex(analysis.texts), documentSettings.rules);
  await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

function setLiveStatus(document: TextDocument, status: LiveStatus): void {
  liveStates.set(document.uri, { version: document.version, status });
  if (clientCapabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}

async function validate(uri: string, signal: AbortSignal): Promise<void> {
  const found = analysisOf(uri);
  const document = documents.get(uri);
  if (!document) return;
  if (!found) {
    await connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const { analysis } = found;
  const documentSettings = await settings.get(uri);
  if (workspaceRecords.set(uri, analysis.host.records)) revalidateOthers(uri, documentSettings.validationDelayMs);

  const blocked = liveBlockedReason(documentSettings.dns, documentSettings.workspaceTrusted);
  const records = checkableRecords(analysis);
  if (blocked) {
    const notice = liveOffProblem(analysis, blocked);
    setLiveStatus(document, { kind: 'off', reason: blocked });
    await publish(document, analysis, notice ? [notice] : [], documentSettings);
    return;
  }
  // Static findings first; live ones follow when the lookups finish.
  await publish(document, analysis, [], documentSettings);
  if (records.length === 0 || signal.aborted) return;

  setLiveStatus(document, { kind: 'pending' });
  const name = uriFileName(uri);
  const progress = delayedProgress(connection, clientCapabilities.window?.workDoneProgress === true, `SPF Lens: resolving lookups in ${name}`);
  let live;
  try {
    live = await checkLive(analysis, resolvers.get(documentSettings.dns), {
      signal,
      onRecordDone: (done, total) => progress.report(`${done} of ${total} records`),
    });
  } finally {
    progress.done();
  }
  if (signal.aborted || documents.get(uri)?.version !== document.version) return;
  setLiveStatus(document, { kind: 'done', lookups: live.lookups });
  await publish(document, analysis, live.problems, documentSettings);
}

const scheduler = new DocumentScheduler(validate, (uri, error) => logger.error(`checking ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`));

/** Records in one zone file can answer lookups for another: recheck the other open files. */
function revalidateOthers(changedUri: string, delayMs: number): void {
  for (const other of documents.all()) {
    if (other.uri !== changedUri) scheduler.schedule(other.uri, Math.max(delayMs, 500));
  }
}

/**
 * Puts the records a zone file defines on disk into the overlay (or takes them out when it is
 * gone); returns whether they changed. Only the host is parsed: the overlay needs no lint.
 */
function loadRecordsFromDisk(uri: string): boolean {
  const text = readFileUri(uri);
  const format = hostFormatFor(uri, zoneLanguageId);
  if (text === undefined || !format) return workspaceRecords.delete(uri);
  return workspaceRecords.set(uri, format.parse(uri, text, hostEnvironment).records);
}

function loadWorkspaceZoneFiles(): void {
  for (const folder of workspaceFolders) {
    for (const uri of findZoneFiles(folder.uri)) {
      if (!documents.get(uri)) loadRecordsFromDisk(uri);
    }
  }
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  clientCapabilities = params.capabilities;
  workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  settings = new SettingsStore(connection, clientCapabilities.workspace?.configuration === true, params.initializationOptions, (message) => logger.error(message));
  const codeActionLiterals = clientCapabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'spf-lens', version },
  };
});

connection.onInitialized(() => {
  if (clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{zone,db}' }, { globPattern: '**/db.*' }],
    });
  }
  try {
    loadWorkspaceZoneFiles();
  } catch (error) {
    logger.error(`reading workspace zone files failed: ${error instanceof Error ? error.message : String(error)}`);
  }
});

connection.onDidChangeWatchedFiles((params) => {
  let changed = false;
  for (const change of params.changes) {
    if (!documents.get(change.uri)) changed = loadRecordsFromDisk(change.uri) || changed;
  }
  if (changed) revalidateOthers('', 0);
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
  const { uri } = event.document;
  scheduler.cancel(uri);
  service.forget(uri);
  liveStates.delete(uri);
  // Back to the version on disk for the workspace overlay.
  loadRecordsFromDisk(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
});

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

function currentLive(document: TextDocument): LiveStatus {
  const state = liveStates.get(document.uri);
  return state && state.version === document.version ? state.status : { kind: 'pending' };
}

connection.onHover(guarded('hover', null, (params) => {
  const found = analysisOf(params.textDocument.uri);
  if (!found) return null;
  const live = currentLive(found.document);
  return getHover(found.analysis, found.document, found.document.offsetAt(params.position), (record, term) => {
    if (live.kind !== 'done') return undefined;
    const result = live.lookups.get(record.index);
    return result ? lookupHover(result, term) : undefined;
  }) ?? null;
}));

connection.onCodeAction(guarded('codeAction', [], (params) => {
  const found = analysisOf(params.textDocument.uri);
  if (!found) return [];
  return getCodeActions(found.analysis, found.document, { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only });
}));

connection.onCodeLens(async (params) => {
  const found = analysisOf(params.textDocument.uri);
  if (!found || !(await settings.get(params.textDocument.uri)).codeLens) return [];
  const records = found.analysis.records.filter((record) => record.source.uri === found.analysis.uri && record.isSpf && record.source.owner !== undefined);
  return guarded('codeLens', [], () => getCodeLenses(found.analysis, found.document, records, currentLive(found.document)))(undefined);
});

connection.onRequest(LookupTreeRequest.method, guarded('lookupTree', null, (params: LookupTreeRequest.Params): LookupTreeRequest.Result => {
  const document = documents.get(params.uri);
  if (!document) return null;
  const live = currentLive(document);
  const result = live.kind === 'done' ? live.lookups.get(params.recordIndex) : undefined;
  if (!result) return null;
  return { domain: result.root.domain, markdown: lookupTreeMarkdown(result) };
}));

connection.onRequest(RecordsRequest.method, guarded('records', [], (params: RecordsRequest.Params): RecordsRequest.Result => {
  const found = analysisOf(params.uri);
  if (!found) return [];
  return found.analysis.records
    .filter((record) => record.source.uri === params.uri && record.isSpf)
    .map((record) => ({ recordIndex: record.index, domain: record.source.owner ?? null, line: found.document.positionAt(record.source.rdataRange.start).line, text: record.source.text }));
}));

connection.onRequest(CheckHostRequest.method, async (params: CheckHostRequest.Params, token): Promise<CheckHostRequest.Result> => {
  const problems = validateCheckInput(params);
  if (problems.length) return { kind: 'invalid', problems };
  const documentSettings = await settings.get(params.uri ?? '');
  const blocked = liveBlockedReason(documentSettings.dns, documentSettings.workspaceTrusted);
  const notes: string[] = [];
  if (blocked) {
    notes.push(`No DNS query was sent because ${blocked}: only records in workspace zone files answered, so names defined elsewhere gave temperror.`);
  } else if (documentSettings.dns.useWorkspaceRecords) {
    notes.push('Records defined in workspace zone files answered for their names before live DNS, so unsaved and undeployed changes count.');
  }
  const resolver = resolvers.get(blocked ? { ...documentSettings.dns, live: false } : documentSettings.dns);
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  const result = await checkHost({ ip: params.ip, sender: params.sender, helo: params.helo, identity: params.identity }, { resolver, signal: controller.signal });
  return {
    kind: 'result',
    result: result.result,
    reason: result.reason,
    explanation: result.explanation ?? null,
    identity: result.identity,
    domain: result.domain,
    lookups: result.lookups,
    voidLookups: result.voidLookups,
    markdown: checkReportMarkdown(result, notes),
    json: traceToJson(result),
  };
});

connection.onShutdown(() => scheduler.dispose());

process.on('uncaughtException', (error) => logger.error(`uncaught: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => logger.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));

documents.listen(connection);
connection.listen();
