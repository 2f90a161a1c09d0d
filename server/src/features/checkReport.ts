// The readable report of a sender check: the verdict in words, what a mail admin should know
// about identities and forwarding, and the step-by-step trace.

import type { CheckHostResult } from '../spf/evaluate';
import { formatTrace } from '../spf/trace';

const verdicts: Record<CheckHostResult['result'], string> = {
  pass: 'is authorized: receivers accept it as far as SPF is concerned',
  fail: 'is NOT authorized: receivers that enforce SPF reject the message (550 5.7.1)',
  softfail: 'is probably not authorized: receivers usually accept the message but mark it as suspicious',
  neutral: 'gets no statement: receivers treat the message as if there were no SPF',
  none: 'cannot be judged: there is no SPF record for this domain',
  temperror: 'could not be checked because of a DNS failure: receivers defer the message (451) and retry later',
  permerror: 'cannot be judged because the SPF records are broken: many receivers reject the message',
};

export function checkReportMarkdown(result: CheckHostResult, notes: readonly string[] = []): string {
  const who = result.identity === 'helo' ? `the HELO name \`${result.domain}\`` : `\`${result.sender}\``;
  const lines = [
    `# SPF ${result.result}: ${result.ip} sending as ${result.sender || '(null sender)'}`,
    '',
    `**${result.ip}** ${verdicts[result.result]} for ${who}.`,
    '',
    `> ${result.reason}`,
    '',
  ];
  if (result.explanation !== undefined) lines.push(`Explanation a receiver would send: *${result.explanation}*`, '');
  lines.push(
    `- Identity checked: **${result.identity === 'helo' ? 'HELO' : 'MAIL FROM'}** — domain \`${result.domain}\`, HELO \`${result.helo || '(none)'}\``,
    `- DNS lookups: ${result.lookups} of ${result.maxLookups}; void lookups: ${result.voidLookups} of ${result.maxVoidLookups}`,
    '- SPF checks the envelope sender (MAIL FROM, shown as Return-Path), not the From: header a reader sees. Use the Return-Path of the bounced message.',
    '- Forwarded mail arrives from the forwarder\'s IP, which your record does not list: a fail for forwarded mail is expected unless the forwarder rewrites the sender (SRS).',
    ...notes.map((note) => `- ${note}`),
    '',
    '## Trace',
    '',
    '```text',
    formatTrace(result),
    '```',
  );
  return lines.join('\n');
}
