// "SPF Lens: Check sender IP…": asks for the client IP, MAIL FROM and HELO (or takes them as
// arguments, from a code lens or a test), asks the server to evaluate, and shows the trace.

import { isIP } from 'node:net';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckHostRequest, RecordsRequest } from '../../shared/protocol';
import type { ReportProvider } from './reports';

export interface CheckSenderArgs {
  readonly uri?: string;
  readonly recordIndex?: number;
  readonly domain?: string | null;
  readonly ip?: string;
  readonly sender?: string;
  readonly helo?: string;
  /** Show the report (default true); tests turn it off. */
  readonly show?: boolean;
}

async function pickDomain(client: LanguageClient): Promise<{ domain: string | undefined; uri: string | undefined } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'dns-zone') return { domain: undefined, uri: undefined };
  const uri = editor.document.uri.toString();
  const records = await client.sendRequest<RecordsRequest.Result>(RecordsRequest.method, { uri });
  const named = records.filter((record) => record.domain !== null);
  if (named.length <= 1) return { domain: named[0]?.domain ?? undefined, uri };
  const cursor = editor.selection.active.line;
  const sorted = [...named].sort((a, b) => Math.abs(a.line - cursor) - Math.abs(b.line - cursor));
  const picked = await vscode.window.showQuickPick(
    sorted.map((record) => ({ label: record.domain!, description: `line ${record.line + 1}`, detail: record.text })),
    { title: 'SPF Lens: Check sender IP (1/4)', placeHolder: 'Which domain\'s SPF record should the sender be checked against?' },
  );
  return picked ? { domain: picked.label, uri } : undefined;
}

function validateIp(value: string): string | undefined {
  return isIP(value.trim()) ? undefined : 'Enter an IPv4 or IPv6 address, such as 203.0.113.7 or 2001:db8::25';
}

function validateSender(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return 'Enter an address such as bounces@example.com, or leave it empty for a bounce (null sender)';
  if (trimmed.slice(at + 1).length === 0) return 'The address needs a domain after "@"';
  return undefined;
}

export async function checkSenderIp(client: LanguageClient, reports: ReportProvider, args: CheckSenderArgs = {}): Promise<CheckHostRequest.Result | undefined> {
  let domain = args.domain ?? undefined;
  let uri = args.uri;
  if (domain === undefined && args.sender === undefined) {
    const picked = await pickDomain(client);
    if (!picked) return undefined;
    domain = picked.domain;
    uri ??= picked.uri;
  }
  const ip = args.ip ?? await vscode.window.showInputBox({
    title: 'SPF Lens: Check sender IP (2/4)',
    prompt: 'The IP address of the SMTP client that sent the message (a bounce says "SPF fail for IP …").',
    placeHolder: '203.0.113.7',
    ignoreFocusOut: true,
    validateInput: validateIp,
  });
  if (ip === undefined) return undefined;
  const sender = args.sender ?? await vscode.window.showInputBox({
    title: 'SPF Lens: Check sender IP (3/4)',
    prompt: 'The envelope sender (MAIL FROM, shown as Return-Path), not the From: header. Leave empty for a bounce.',
    value: domain ? `postmaster@${domain}` : '',
    ignoreFocusOut: true,
    validateInput: validateSender,
  });
  if (sender === undefined) return undefined;
  const senderDomain = sender.includes('@') ? sender.slice(sender.lastIndexOf('@') + 1) : domain;
  const helo = args.helo ?? await vscode.window.showInputBox({
    title: 'SPF Lens: Check sender IP (4/4)',
    prompt: 'The HELO/EHLO name the client announced (needed for bounces; used by %{h} macros).',
    value: senderDomain ? `mail.${senderDomain}` : '',
    ignoreFocusOut: true,
  });
  if (helo === undefined) return undefined;

  const params: CheckHostRequest.Params = { ip: ip.trim(), sender: sender.trim(), helo: helo.trim(), uri };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `SPF Lens: checking ${params.ip} for ${params.sender || `postmaster@${params.helo}`}…`, cancellable: true },
    (_progress, token) => client.sendRequest<CheckHostRequest.Result>(CheckHostRequest.method, params, token),
  );
  if (result.kind === 'invalid') {
    void vscode.window.showErrorMessage(`SPF Lens: ${result.problems.map((problem) => problem.message).join(' ')}`);
    return result;
  }
  if (args.show !== false) {
    await reports.show(`SPF ${result.result} ${params.ip} ${params.sender || 'null sender'}`, result.markdown);
    const message = `SPF ${result.result} for ${params.ip} sending as ${params.sender || '(null sender)'}: ${result.reason}`;
    if (result.result === 'pass') void vscode.window.showInformationMessage(message);
    else void vscode.window.showWarningMessage(message);
  }
  return result;
}
