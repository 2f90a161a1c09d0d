// What most tests do with the fixture workspace (test/e2e/fixtures/workspace, copied per run):
// open a zone file, find text in it, wait for spf-lens's diagnostics, hovers and lenses.
import * as vscode from 'vscode';
import { pageHover, pageText, waitFor } from './harness';

export const EXTENSION_ID = 'spf-lens.spf-lens';

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a workspace file in the active editor group and waits until spf-lens is active. */
export async function openZone(name: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  // Opening a dns-zone document activates the extension (onLanguage); wait for activate() to finish.
  await waitFor(() => extension.isActive, { what: `${EXTENSION_ID} to activate`, timeoutMs: 15_000 });
  return { document, editor };
}

/** The range of the `occurrence`-th (0-based) appearance of `text` in the document. */
export function rangeOf(document: vscode.TextDocument, text: string, occurrence = 0): vscode.Range {
  const whole = document.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = whole.indexOf(text, offset + 1);
    if (offset < 0) throw new Error(`"${text}" (occurrence ${occurrence}) is not in ${document.uri.path}`);
  }
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

export function formatRange(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** spf-lens's diagnostics on a document, as `[code, 'line:col-line:col']`, in document order. */
export function spfDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === 'spf-lens')
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function summarize(diagnostics: readonly vscode.Diagnostic[]): [string, string][] {
  return diagnostics.map((diagnostic) => [codeOf(diagnostic), formatRange(diagnostic.range)]);
}

/**
 * Waits until spf-lens's diagnostics on `uri` satisfy `accept`; on timeout the error shows the
 * last diagnostics seen, which is what one needs to see when a test fails.
 */
export async function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, { what = 'diagnostics', timeoutMs = 10_000 } = {}): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  try {
    return await waitFor(() => {
      last = spfDiagnostics(uri);
      return accept(last) ? last : undefined;
    }, { what, timeoutMs });
  } catch (error) {
    throw new Error(`${(error as Error).message}; last diagnostics on ${uri.path.split('/').pop()}: ${JSON.stringify(summarize(last))}`);
  }
}

/** Waits until the diagnostics on `uri` are exactly `expected` ([code, range] in document order). */
export function waitForExactly(uri: vscode.Uri, expected: readonly [string, string][], options: { what?: string; timeoutMs?: number } = {}): Promise<vscode.Diagnostic[]> {
  const wanted = JSON.stringify(expected);
  return waitForDiagnostics(uri, (diagnostics) => JSON.stringify(summarize(diagnostics)) === wanted, { what: wanted, ...options });
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n---\n');
}

/** Hover text at a position from every hover provider, once `accept` likes it. */
export async function waitForHover(uri: vscode.Uri, position: vscode.Position, accept: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  let last = '';
  try {
    return await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      last = hoverText(hovers ?? []);
      return accept(last) ? last : undefined;
    }, { what, timeoutMs, intervalMs: 200 });
  } catch (error) {
    throw new Error(`${(error as Error).message}; last hover: ${JSON.stringify(last)}`);
  }
}

/** spf-lens's code lens titles on a document, once `accept` likes them. */
export async function waitForLenses(uri: vscode.Uri, accept: (lenses: vscode.CodeLens[]) => boolean, what: string, timeoutMs = 10_000): Promise<vscode.CodeLens[]> {
  let last: vscode.CodeLens[] = [];
  try {
    return await waitFor(async () => {
      // The second argument resolves that many lenses; spf-lens's come resolved anyway.
      last = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
      return accept(last) ? last : undefined;
    }, { what, timeoutMs, intervalMs: 200 });
  } catch (error) {
    throw new Error(`${(error as Error).message}; last lenses: ${JSON.stringify(last.map((lens) => lens.command?.title))}`);
  }
}

/** Drops unsaved changes to a document: it is back to the fixture on disk for the next test. */
export async function revert(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !document.isDirty, { what: `${document.uri.path} to be reverted` });
}

/**
 * `expected` plus, in an untrusted workspace, the one spf-live-off notice spf-lens puts on the
 * file's first SPF record (trusted runs have live lookups on).
 */
export function withLiveNotice(document: vscode.TextDocument, expected: readonly [string, string][]): [string, string][] {
  if (vscode.workspace.isTrusted) return [...expected];
  const notice: [string, string] = ['spf-live-off', formatRange(rangeOf(document, 'v=spf1'))];
  const start = (entry: [string, string]) => entry[1].split('-')[0]!.split(':').map(Number) as [number, number];
  const before = (a: [string, string], b: [string, string]) => start(a)[0] - start(b)[0] || start(a)[1] - start(b)[1];
  // The server appends the notice to the sorted findings and sorts again (stably): so do we.
  return [...expected, notice].sort(before);
}

/**
 * The text of the language status hover (the `{}` beside the language name in the status bar),
 * once `accept` likes it; undefined when the launcher does not drive a page (test-electron).
 */
export async function languageStatus(accept: (text: string) => boolean, what: string): Promise<string | undefined> {
  let last = '';
  try {
    return await waitFor(async () => {
      // Away and back, so the hover is built afresh from the current items.
      if (!(await pageHover('.part.titlebar'))) return { text: undefined };
      await pageHover('[id="status.languageStatus"]');
      last = (await pageText('.workbench-hover'))?.join('\n') ?? '';
      return accept(last) ? { text: last } : undefined;
    }, { what, timeoutMs: 10_000, intervalMs: 300 }).then((found) => found.text);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the language status said: ${JSON.stringify(last)}`);
  } finally {
    await pageHover('.part.titlebar');
  }
}
