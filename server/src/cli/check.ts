// `spf-lens check --ip IP --sender ADDRESS [--helo NAME]`: would this IP pass SPF for this sender?
// Exit 0 for pass, 1 for fail/softfail/neutral/none, 2 for temperror/permerror or a usage error.

import { ResolverPool } from '../liveCheck';
import { checkHost, validateCheckInput } from '../spf/evaluate';
import { formatTrace, traceToJson } from '../spf/trace';
import { UsageError, dnsOptions, dnsSettingsFrom, formatFrom, parse } from './args';
import { zoneOption, zoneOverlay } from './zoneFiles';

export async function check(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ip: { type: 'string' },
    sender: { type: 'string' },
    helo: { type: 'string' },
    identity: { type: 'string' },
    format: { type: 'string' },
    ...dnsOptions,
    ...zoneOption,
  });
  const format = formatFrom(values.format, ['text', 'json']);
  const dns = dnsSettingsFrom(values);
  if (positionals.length) throw new UsageError(`check takes no positional arguments ("${positionals[0]}"); use --ip and --sender`);
  if (values.ip === undefined) throw new UsageError('check needs --ip, the address of the SMTP client that sent the message');
  if (values.sender === undefined) throw new UsageError('check needs --sender, the MAIL FROM (Return-Path) address; use --sender "" for bounces');
  if (values.identity !== undefined && values.identity !== 'mailfrom' && values.identity !== 'helo') throw new UsageError(`--identity must be mailfrom or helo, not "${values.identity}"`);
  if (!dns.live) throw new UsageError('check needs live DNS; remove --offline');
  const input = { ip: values.ip, sender: values.sender, helo: values.helo ?? '', identity: values.identity as 'mailfrom' | 'helo' | undefined };
  const problems = validateCheckInput(input);
  if (problems.length) throw new UsageError(problems.map((problem) => `--${problem.field}: ${problem.message}`).join('; '));

  const result = await checkHost(input, { resolver: new ResolverPool(zoneOverlay(values.zone).records).get(dns) });
  process.stdout.write(format === 'json' ? `${JSON.stringify(traceToJson(result), null, 2)}\n` : `${formatTrace(result)}\n`);
  if (result.result === 'pass') return 0;
  if (result.result === 'temperror' || result.result === 'permerror') return 2;
  return 1;
}
